"""A backup restores into an empty site as it was: every row, every witness identity, every evidence
file; on PostgreSQL the triggers and the columns they keep too. Runs on the suite's database engine
(CI runs the suite on PostgreSQL and on SQLite); the restore runs in a subprocess, as an operator
runs it, into a new database and media folder."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from tests.backups import restored_site
from tests.backups.conftest import TITLE_WORD

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_empty_site_gets_back_every_record_identity_and_file(scene, empty_site, tmp_path):
    incident, witness, evidence = scene
    archive = tmp_path / "site.age"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "3 media files" in out.getvalue()  # the photo and its two public derivatives
    before = restored_site.state()
    assert before["witnesses"] == {"Abu Salim": ["Salim Haddad", "+963 933 111 222"]}
    assert before["evidence"][0]["on_disk"] == evidence.sha256

    done = empty_site.manage("restore", str(archive))

    assert done.returncode == 0, done.stderr
    assert "Restored the" in done.stdout
    assert "not applied" not in done.stdout
    after = empty_site.read(checks=f"{incident.code}:{TITLE_WORD}")
    assert after["state"] == before
    checks = after["checks"]
    assert checks["list"] == [200, True]  # found by a word of its title, through the search columns
    assert checks["report"] == 200
    assert checks["detail"] == 200
    assert checks["pending_migrations"] == 0
    assert checks["verify_evidence"] == "ok"
    if connection.vendor == "postgresql":
        assert checks["trigger_differences"] == []
        assert checks["trigger_fires"] is True
    # No staging folder or partial file is left behind.
    assert sorted(path.name for path in empty_site.media.iterdir()) == ["derivatives", "evidence"]
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


def test_the_archive_is_encrypted(scene, backup_key, tmp_path):
    archive = tmp_path / "site.age"
    call_command("backup", str(archive), stdout=io.StringIO())
    data = archive.read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n")
    for plain in (b"hrdb-backup", b"manifest.json", b"evidence/", b"Abu Salim", TITLE_WORD.encode()):
        assert plain not in data
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
