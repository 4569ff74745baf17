"""Markdown bodies, Jinja templates, the page plan and the elder edition."""
