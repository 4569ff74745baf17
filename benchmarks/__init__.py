"""Benchmarks: scripts that print numbers (never run as assertions, except a smoke test at small size)."""
