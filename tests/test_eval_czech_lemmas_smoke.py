"""The lemma evaluation still runs and prints its figures (a smoke run on a small sample)."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parent / "bench" / "eval_czech_lemmas.py"


def test_lemma_evaluation_prints_the_portal_and_lucene_side_by_side():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--smoke"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    rows = {line.split("  ")[0]: line for line in result.stdout.splitlines()}
    assert "portal (lemmas)" in rows
    assert "Lucene then fold" in rows
    assert "targets:" in result.stdout
    assert "MISSED" not in result.stdout, result.stdout
