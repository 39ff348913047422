"""The SQL store: SQLite embedded, PostgreSQL in production, through SQLAlchemy 2 (async)."""
