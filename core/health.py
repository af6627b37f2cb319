"""The health endpoint (``/health/``): django-health-check's view with the checks this site needs.

The compose healthcheck and an operator's monitor read it (``?format=json`` or ``text``); it
answers 200 when every check passes, 500 when one fails, and is never cached. It reads nothing of
the records: the database answers ``SELECT 1``, the cache and the media storage take a throwaway
entry and give it back, and the schema has no migration left to apply.
"""

import dataclasses

from django.db import DEFAULT_DB_ALIAS, connections
from django.db import Error as DatabaseError
from django.db.migrations.executor import MigrationExecutor
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class MigrationsApplied(HealthCheck):
    """Every migration of the code is applied to the database: code deployed without
    ``migrate`` would serve pages against a schema it does not expect."""

    alias: str = DEFAULT_DB_ALIAS

    def run(self) -> None:
        if self.alias in _MIGRATED:  # migrations are never unapplied under a running site
            return
        connection = connections[self.alias]
        try:
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError as exc:
            raise ServiceUnavailable("Migration state unreadable") from exc
        finally:
            # The view runs each check in a thread of its own: close that thread's connection
            # (not one a caller holds a transaction on).
            if not connection.in_atomic_block:
                connection.close()
        if pending:
            raise ServiceUnavailable(f"{len(pending)} migration(s) not applied")
        _MIGRATED.add(self.alias)


#: The databases found fully migrated by this process.
_MIGRATED: set[str] = set()


class HealthView(HealthCheckView):
    checks = (
        "health_check.checks.Database",
        "health_check.checks.Cache",
        "health_check.checks.Storage",
        MigrationsApplied,
    )
