"""The site's records and how they link: pure data, no I/O."""
