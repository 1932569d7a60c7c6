"""The Czech analysis benchmark still runs and prints its figures (a smoke run, not a timing)."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parent / "bench" / "bench_czech_analysis.py"


def test_czech_analysis_benchmark_prints_throughput():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--smoke"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "analyze" in result.stdout
    assert "tokens/s" in result.stdout
