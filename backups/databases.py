"""Dumping and loading the whole database: pg_dump / pg_restore on PostgreSQL, the backup API on SQLite.

Each engine gives the dump as a stream of parts (``snapshot()``), says whether the database is empty
(``is_empty()``) and loads a dump (``loader()``) all at once or not at all: ``pg_restore
--single-transaction`` on PostgreSQL, a single backup-API copy on SQLite.
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from django.db import connections
from django.utils.translation import gettext as _

from backups.archive import DUMP_PART_SIZE, READ_SIZE
from backups.errors import BackupError


def engine_for(connection) -> "PostgreSQL | SQLite":
    if connection.vendor == "postgresql":
        return PostgreSQL(connection)
    if connection.vendor == "sqlite":
        return SQLite(connection)
    raise BackupError(
        _("Backups support PostgreSQL and SQLite, not %(vendor)s.") % {"vendor": connection.vendor}
    )


def _error_text(errors) -> str:
    errors.seek(0)
    text = errors.read().decode(errors="replace").strip()
    return text[-4000:] or _("no message")


# pg_toast, pg_temp_N and the like.
SYSTEM_SCHEMAS = "pg\\_%"


class PostgreSQL:
    vendor = "postgresql"

    def __init__(self, connection):
        self.connection = connection
        self.name = connection.settings_dict["NAME"]

    def _program(self, name: str) -> str:
        found = shutil.which(name)
        if not found:
            raise BackupError(
                _(
                    "%(program)s is not installed: install PostgreSQL's client programs "
                    "(Debian's postgresql-client) in the same major version as the server or newer."
                )
                % {"program": name}
            )
        return found

    def _environment(self) -> dict[str, str]:
        """The connection settings for pg_dump and pg_restore; the password goes in the environment,
        never on a command line that other users could read."""
        settings_dict = self.connection.settings_dict
        _args, extra = self.connection.client.settings_to_cmd_args_env(settings_dict, [])
        env = dict(os.environ)
        for key, setting in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
            if settings_dict.get(setting):
                env[key] = str(settings_dict[setting])
        env.update(extra or {})
        return env

    def is_empty(self) -> bool:
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
                "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE %s",
                [SYSTEM_SCHEMAS],
            )
            relations = cursor.fetchone()[0]
            cursor.execute(
                "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE %s "
                "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass "
                "AND d.objid = p.oid AND d.deptype = 'e')",
                [SYSTEM_SCHEMAS],
            )
            functions = cursor.fetchone()[0]
        return relations == 0 and functions == 0

    @contextmanager
    def snapshot(self) -> Iterator[Callable[[], Iterator[bytes]]]:
        """Fix the database's state now (an exported snapshot, held open by a transaction of its own)
        and give a function that streams pg_dump's custom-format dump of exactly that state.

        The media folder is read after the snapshot is taken and before the dump is: every evidence
        file the dump refers to is already on disk when the folder is read."""
        pg_dump = self._program("pg_dump")
        holder = connections.create_connection(self.connection.alias)
        try:
            holder.set_autocommit(False)
            with holder.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            yield lambda: self._dump(pg_dump, snapshot)
        finally:
            with suppress(Exception):
                holder.rollback()
            holder.close()

    def _dump(self, pg_dump: str, snapshot: str) -> Iterator[bytes]:
        command = [
            pg_dump,
            "--format=custom",
            "--no-password",
            f"--snapshot={snapshot}",
            "--dbname",
            self.name,
        ]
        with tempfile.TemporaryFile() as errors:
            process = subprocess.Popen(  # noqa: S603 (a fixed program and arguments, no shell)
                command, stdout=subprocess.PIPE, stderr=errors, env=self._environment()
            )
            try:
                while part := process.stdout.read(DUMP_PART_SIZE):
                    yield part
                if process.wait() != 0:
                    raise BackupError(_("pg_dump failed: %(error)s") % {"error": _error_text(errors)})
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait()
                process.stdout.close()

    def check_can_back_up(self) -> None:
        self._program("pg_dump")

    def check_can_restore(self) -> None:
        self._program("pg_restore")

    def loader(self) -> "PgRestore":
        return PgRestore(self._program("pg_restore"), self.name, self._environment())


class PgRestore:
    """pg_restore reading the dump from its standard input, in one transaction: it commits when the
    input ends normally, and nothing stays if it fails or is stopped first."""

    def __init__(self, program: str, name: str, env: dict[str, str]):
        self.errors = tempfile.TemporaryFile()
        command = [
            program,
            "--dbname",
            name,
            "--no-password",
            "--single-transaction",
            "--exit-on-error",
            # The restoring account owns everything; the source's roles need not exist here.
            "--no-owner",
            "--no-acl",
        ]
        self.process = subprocess.Popen(  # noqa: S603 (a fixed program and arguments, no shell)
            command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=self.errors, env=env
        )

    def _failed(self) -> BackupError:
        self.process.wait()
        return BackupError(
            _("pg_restore failed, and the database was left as it was: %(error)s")
            % {"error": _error_text(self.errors)}
        )

    def write(self, data: bytes) -> None:
        try:
            self.process.stdin.write(data)
        except BrokenPipeError:
            raise self._failed() from None

    def finish(self) -> None:
        with suppress(BrokenPipeError):
            self.process.stdin.close()
        if self.process.wait() != 0:
            raise self._failed()
        self.errors.close()

    def abort(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        with suppress(BrokenPipeError):
            self.process.stdin.close()
        self.errors.close()


class SQLite:
    vendor = "sqlite"

    def __init__(self, connection):
        self.connection = connection

    def is_empty(self) -> bool:
        return not self.connection.introspection.table_names(include_views=True)

    @contextmanager
    def snapshot(self) -> Iterator[Callable[[], Iterator[bytes]]]:
        """A consistent copy made now with SQLite's backup API, into a private temporary file (the
        database file is as readable as that copy), streamed in parts and removed afterwards."""
        self.connection.ensure_connection()
        handle, name = tempfile.mkstemp(prefix="hrdb-backup-", suffix=".sqlite3")
        os.close(handle)
        try:
            copy = sqlite3.connect(name)
            try:
                self.connection.connection.backup(copy)
            finally:
                copy.close()
            yield lambda: self._parts(name)
        finally:
            with suppress(FileNotFoundError):
                os.unlink(name)

    def _parts(self, name: str) -> Iterator[bytes]:
        with open(name, "rb") as source:
            while part := source.read(DUMP_PART_SIZE):
                yield part

    def check_can_back_up(self) -> None:
        pass

    def check_can_restore(self) -> None:
        if self.connection.is_in_memory_db():
            raise BackupError(_("Restoring needs a database file, not an in-memory database."))

    def loader(self) -> "SQLiteLoad":
        self.check_can_restore()
        return SQLiteLoad(self.connection)


class SQLiteLoad:
    """The database copied into a staging file beside the target, then into the target with the
    backup API in one step."""

    def __init__(self, connection):
        self.connection = connection
        folder = Path(connection.settings_dict["NAME"]).resolve().parent
        folder.mkdir(parents=True, exist_ok=True)
        handle, self.name = tempfile.mkstemp(prefix=".restore-", suffix=".sqlite3", dir=folder)
        self.file = os.fdopen(handle, "wb", buffering=READ_SIZE)

    def write(self, data: bytes) -> None:
        self.file.write(data)

    def finish(self) -> None:
        self.file.close()
        try:
            source = sqlite3.connect(self.name)
            try:
                if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise BackupError(
                        _(
                            "The database in the archive fails SQLite's integrity check; the database "
                            "was left as it was."
                        )
                    )
                self.connection.ensure_connection()
                source.backup(self.connection.connection)
            finally:
                source.close()
        except sqlite3.DatabaseError as exc:
            raise BackupError(
                _(
                    "The database in the archive cannot be read, and the database was left as it was: "
                    "%(error)s"
                )
                % {"error": exc}
            ) from exc
        finally:
            self.abort()

    def abort(self) -> None:
        with suppress(OSError):
            self.file.close()
        with suppress(FileNotFoundError):
            os.unlink(self.name)
