"""The search benchmark still runs on a tiny corpus and prints its figures (not a timing)."""

import io
from contextlib import redirect_stdout

import pytest

from tests.bench import bench_search


@pytest.mark.own_database  # the benchmark builds its corpus in a database of its own
def test_search_benchmark_prints_its_figures(migrated_sqlite_file, monkeypatch):
    if migrated_sqlite_file:
        monkeypatch.setenv("PORTAL_MIGRATED_SQLITE", str(migrated_sqlite_file))
    output = io.StringIO()
    with redirect_stdout(output):
        bench_search.main(
            ["--pages=200", "--pdfs=20", "--real-pdfs=5", "--repeat=1", "--db=sqlite", "--no-demo"]
        )
    printed = output.getvalue()
    assert "200 pages + 20 documents (5 real PDFs" in printed
    assert "index build      portal" in printed
    assert "stock update_index" in printed
    labels = ("portal API", "portal API, new", "portal engine", "admin pages", "stock")
    for label in (*labels, "admin page chooser", "admin doc chooser"):
        assert f"  {label:<18} median" in printed
    assert "p95" in printed
    assert "ratio stock/portal API" in printed
