"""The Pagefind step, index shards, bundle canonicalisation and the query-understanding data."""
