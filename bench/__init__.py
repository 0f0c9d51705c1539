"""Benchmarks (`make bench`): they print tables and write BENCHMARKS.md. Not tests."""
