"""Migration operations for features only PostgreSQL has (GIN and trigram indexes).

The search indexes are created with SQL on PostgreSQL only and stay out of the
model state: SQLite rebuilds tables from the model state on many schema
changes and would choke on ``USING gin``.
"""

from django.db.migrations.operations import RunSQL


class RunSQLOnPostgreSQL(RunSQL):
    """``RunSQL`` that does nothing on other databases."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return "Raw SQL operation (PostgreSQL only)"


def search_indexes(table: str, *, full_text: bool = True) -> list[RunSQLOnPostgreSQL]:
    """Trigram and (optionally) full-text GIN indexes on ``<table>.search_text``.

    The full-text expression must stay identical to ``core.search.search_vector()``.
    """
    operations = [
        RunSQLOnPostgreSQL(
            f"CREATE INDEX {table}_search_trgm ON {table} USING gin (search_text gin_trgm_ops)",
            f"DROP INDEX IF EXISTS {table}_search_trgm",
        )
    ]
    if full_text:
        operations.append(
            RunSQLOnPostgreSQL(
                f"CREATE INDEX {table}_search_fts ON {table} "
                "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_text, '')))",
                f"DROP INDEX IF EXISTS {table}_search_fts",
            )
        )
    return operations
