"""Every Python module of the project reads at once: none outside migrations is over 500
lines (a longer one is split where its parts have names of their own)."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 500


def test_no_module_outside_migrations_is_over_500_lines():
    listed = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    modules = [path for path in listed if "/migrations/" not in path]
    assert len(modules) > 300, "git listed too few modules"
    long = {
        path: lines
        for path in modules
        if (lines := len((ROOT / path).read_text().splitlines())) > LIMIT
    }
    assert long == {}
