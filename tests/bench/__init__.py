"""Benchmark, load and fuzz scripts: run by hand for figures; the suite runs each briefly."""
