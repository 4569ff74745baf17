"""Everything written besides pages: feeds, exports, calendars, sitemap, nginx, dashboard, .gz files."""
