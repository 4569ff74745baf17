"""Incremental, parallel builds: fingerprints, the page planner, render workers and progress."""
