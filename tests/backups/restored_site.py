"""What a site holds, read the same way from the backed-up database (in the test) and from the
restored one (in a subprocess: ``manage.py shell -c "from tests.backups.restored_site import main; main()"``).

``state()`` is every row of every table, every witness identity decrypted, and every evidence file's
SHA-256 as stored and as read from disk. ``main()`` prints it as JSON, with what only the restored
site is asked: its pages, its triggers and its pending migrations.
"""

import hashlib
import json
import os
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.test.utils import setup_test_environment

from incidents.models import EvidenceMedia, Incident, WitnessAccount
from tests.core.test_triggers import declared_triggers, differences, installed_triggers


def table_rows() -> dict[str, str]:
    """A digest of each table's rows, in an order of their own."""
    found = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = sorted(repr(row) for row in cursor.fetchall())
            found[table] = f"{len(rows)}:{hashlib.sha256(repr(rows).encode()).hexdigest()}"
    return found


def state() -> dict:
    evidence = []
    for item in EvidenceMedia.objects.exclude(file="").order_by("pk"):
        path = Path(settings.MEDIA_ROOT) / item.file.name
        on_disk = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
        evidence.append({"name": item.file.name, "sha256": item.sha256, "on_disk": on_disk})
    media_files = sorted(
        str(path.relative_to(settings.MEDIA_ROOT))
        for path in Path(settings.MEDIA_ROOT).rglob("*")
        if path.is_file()
    )
    return {
        "tables": table_rows(),
        "witnesses": {w.alias: [w.real_name, w.contact] for w in WitnessAccount.objects.order_by("pk")},
        "evidence": evidence,
        "media_files": media_files,
    }


def site_checks(code: str, title_word: str) -> dict:
    """Pages, triggers and migrations of the restored site; a trigger fires on a change."""
    setup_test_environment()
    client = Client()
    checks = {}
    listing = client.get("/incidents/", {"q": title_word})
    checks["list"] = [listing.status_code, code in listing.content.decode()]
    checks["report"] = client.get("/reports/").status_code
    checks["detail"] = client.get(f"/incidents/{code}/").status_code
    executor = MigrationExecutor(connection)
    checks["pending_migrations"] = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    call_command("verify_evidence", stdout=open(os.devnull, "w"))  # noqa: SIM115
    checks["verify_evidence"] = "ok"
    if connection.vendor == "postgresql":
        checks["trigger_differences"] = differences(installed_triggers(), declared_triggers())
        # The listing trigger recomputes the search column when the title changes.
        incident = Incident.objects.get(code=code)
        incident.title = "Renamedafterrestore hospital strike"
        incident.save()
        after = client.get("/incidents/", {"q": "Renamedafterrestore"})
        checks["trigger_fires"] = code in after.content.decode()
    return checks


def main() -> None:
    out = {"state": state()}
    if os.environ.get("HRDB_TEST_SITE_CHECKS"):
        code, word = os.environ["HRDB_TEST_SITE_CHECKS"].split(":")
        out["checks"] = site_checks(code, word)
    print(json.dumps(out))


def leftovers() -> dict:
    """Tables and functions in the database, and every entry in the media folder (hidden ones too)."""
    with connection.cursor() as cursor:
        functions = 0
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE n.nspname = 'public'"
            )
            functions = cursor.fetchone()[0]
    media = Path(settings.MEDIA_ROOT)
    return {
        "tables": connection.introspection.table_names(),
        "functions": functions,
        "media": sorted(str(p.relative_to(media)) for p in media.rglob("*")) if media.exists() else [],
    }


def attempt_restores() -> None:
    """Run ``restore`` on each archive of HRDB_TEST_RESTORE_CASES (a JSON list of
    {"file", "media_file"}: a file put in the media folder first, if given) and print, for each, the
    command's error and what the database and media folder hold afterwards."""
    results = []
    for case in json.loads(os.environ["HRDB_TEST_RESTORE_CASES"]):
        placed = None
        if case.get("media_file"):
            placed = Path(settings.MEDIA_ROOT) / case["media_file"]
            placed.parent.mkdir(parents=True, exist_ok=True)
            placed.write_text("already here")
        try:
            call_command("restore", case["file"], stdout=open(os.devnull, "w"))  # noqa: SIM115
            error = None
        except CommandError as exc:
            error = str(exc)
        connection.close()
        results.append({"file": case["file"], "error": error, "left": leftovers()})
        if placed:
            placed.unlink()
    print(json.dumps(results))
