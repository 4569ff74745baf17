"""Reading site.yaml, catalogs and content into records, with every problem's file and line."""
