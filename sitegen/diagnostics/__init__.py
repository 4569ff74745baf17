"""Diagnostics: every problem found, with a stable code, its place and a bilingual message."""
