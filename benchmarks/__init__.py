"""Benchmarks at national scale: ``make bench`` (full) and ``make bench-smoke`` (CI)."""
