"""The case store: the only package with SQL in it (SQLite, WAL, FTS5)."""
