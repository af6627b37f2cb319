"""A backup key, a media folder, a scene worth restoring, and an empty site to restore into, run in
a subprocess as an operator would run ``manage.py restore``."""

import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from tests.factories import EvidenceMediaFactory, PublishedIncidentFactory, WitnessAccountFactory
from tests.images import jpeg_bytes

BASE_DIR = Path(__file__).resolve().parents[2]
# Inherited values would point the subprocess at the test's own database, media or keys.
DROPPED = ("DJANGO_", "DATABASE_", "FIELD_ENCRYPTION_", "BACKUP_", "MEDIA_ROOT", "HRDB_TEST_")
TITLE_WORD = "Kafranbel"


def new_key() -> str:
    """A key as an operator makes one: the standard output of generate_backup_key."""
    out = io.StringIO()
    call_command("generate_backup_key", stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


@pytest.fixture
def backup_key(settings) -> str:
    settings.BACKUP_ENCRYPTION_KEY = new_key()
    return settings.BACKUP_ENCRYPTION_KEY


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def scene(media_root):
    """A published incident with a witness whose identity is encrypted and a photo kept as evidence
    (the original and its public derivatives in the media folder)."""
    incident = PublishedIncidentFactory(title=f"Barrel bombs on the {TITLE_WORD} surgical hospital")
    witness = WitnessAccountFactory(
        incident=incident, alias="Abu Salim", real_name="Salim Haddad", contact="+963 933 111 222"
    )
    evidence = EvidenceMediaFactory(
        incident=incident, url="", file=ContentFile(jpeg_bytes(), name="IMG_0042.jpg")
    )
    return incident, witness, evidence


def database_url(name: str) -> str:
    given = connection.settings_dict
    credentials = quote(given["USER"] or "", safe="")
    if given["PASSWORD"]:
        credentials += ":" + quote(given["PASSWORD"], safe="")
    host = given["HOST"] or "127.0.0.1"
    port = given["PORT"] or 5432
    return f"postgres://{credentials}@{host}:{port}/{name}"


def connect(name: str = "postgres") -> psycopg.Connection:
    """A connection of its own to a database of the suite's PostgreSQL server."""
    given = connection.settings_dict
    return psycopg.connect(
        dbname=name,
        user=given["USER"],
        password=given["PASSWORD"] or None,
        host=given["HOST"] or None,
        port=given["PORT"] or None,
        autocommit=True,
    )


@dataclass
class Site:
    """An empty site (database and media folder) to restore into, in a subprocess."""

    database_url: str
    media: Path
    key: str
    database_name: str = ""
    database_file: Path | None = None

    def env(self, **extra) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith(DROPPED)}
        env.update(
            DJANGO_SETTINGS_MODULE="tests.backups.restore_settings",
            DATABASE_URL=self.database_url,
            HRDB_TEST_MEDIA_ROOT=str(self.media),
            FIELD_ENCRYPTION_KEYS=",".join(django_settings.FIELD_ENCRYPTION_KEYS),
            BACKUP_ENCRYPTION_KEY=self.key,
        )
        env.update(extra)
        return env

    def manage(self, *args: str, **extra) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env(**extra),
            capture_output=True,
            text=True,
            timeout=300,
        )

    def python(self, code: str, **extra) -> subprocess.CompletedProcess:
        return self.manage("shell", "-c", code, **extra)

    def read(self, checks: str = "") -> dict:
        done = self.python(
            "from tests.backups.restored_site import main; main()", HRDB_TEST_SITE_CHECKS=checks
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    def is_empty(self) -> bool:
        """No table in the database, no file (nor hidden staging folder) in the media folder."""
        media_empty = not self.media.exists() or not any(self.media.iterdir())
        if self.database_file is not None:
            if not self.database_file.exists():
                return media_empty
            done = self.python(
                "from django.db import connection; print(len(connection.introspection.table_names()))"
            )
            assert done.returncode == 0, done.stderr
            return media_empty and done.stdout.strip().splitlines()[-1] == "0"
        with connect(self.database_name) as target:
            tables = target.execute(
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public'"
            ).fetchone()[0]
        return media_empty and tables == 0


@pytest.fixture
def empty_site(tmp_path, backup_key):
    """A new empty database of the suite's engine and a media folder that does not exist yet."""
    media = tmp_path / "restored-media"
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield Site(f"sqlite:///{path}", media, backup_key, database_file=path)
        return
    name = f"{connection.settings_dict['NAME']}_restore"
    with connect() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield Site(database_url(name), media, backup_key, database_name=name)
    finally:
        with connect() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
