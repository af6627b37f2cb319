"""A restore refuses a damaged or tampered archive, one made with another key, and a site that is not
empty, and then nothing has been written: no table, no function, no file, no staging folder."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from backups import operations
from tests.backups import tampering
from tests.backups.conftest import database_url, new_key

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DAMAGED = "damaged or has been tampered with"


@pytest.fixture
def archive(scene, backup_key, tmp_path):
    path = tmp_path / "good.age"
    call_command("backup", str(path), stdout=io.StringIO())
    return path


# Archives a holder of the key could make: a changed tar file, encrypted again.
REWRITTEN = [
    (tampering.altered_evidence, "does not match"),
    (tampering.without_evidence, "is missing"),
    (tampering.with_extra_file, "not in the manifest"),
    (tampering.without_manifest, "manifest is missing"),
    (tampering.altered_manifest, "does not match"),
    (tampering.escaping_name, "not a safe file name"),
    (tampering.other_engine, "site uses"),
    (tampering.garbage_database, "left as it was"),  # passes the manifest; the load fails
]


def bad_archives(archive, key, folder):
    """(file, the words its refusal must contain) for each way an archive can be wrong."""
    other = tampering.write_members(tampering.read_members(archive, key), new_key(), folder / "other.age")
    noise = folder / "noise.age"
    noise.write_bytes(b"not an archive at all\n" * 50)
    cases = [
        (other, "made with another key"),
        (tampering.flipped_byte(archive, folder / "flipped.age"), DAMAGED),
        (tampering.cut_short(archive, folder / "cut.age"), DAMAGED),
        (noise, DAMAGED),
    ]
    for change, words in REWRITTEN:
        cases.append((tampering.rewrite(archive, key, folder / f"{change.__name__}.age", change), words))
    return cases


@pytest.mark.slow
def test_a_bad_archive_is_refused_and_nothing_is_written(archive, backup_key, empty_site, tmp_path):
    cases = bad_archives(archive, backup_key, tmp_path)
    runs = [{"file": str(path)} for path, _words in cases]
    runs.append({"file": str(archive), "media_file": "notes.txt"})  # a media folder in use

    done = empty_site.python(
        "from tests.backups.restored_site import attempt_restores; attempt_restores()",
        HRDB_TEST_RESTORE_CASES=json.dumps(runs),
    )

    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout.strip().splitlines()[-1])
    expected = [words for _path, words in cases] + ["is not empty"]
    for result, words in zip(results, expected, strict=True):
        assert result["error"] and words in result["error"], (result["file"], result["error"])
        assert result["left"]["tables"] == [], result
        assert result["left"]["functions"] == 0, result
        assert result["left"]["media"] in ([], ["notes.txt"]), result
    # And the good archive restores into the same site afterwards: the refusals left it usable.
    restored = empty_site.manage("restore", str(archive))
    assert restored.returncode == 0, restored.stderr


@pytest.mark.slow
def test_the_command_exits_non_zero_with_the_reason(archive, empty_site, tmp_path):
    flipped = tampering.flipped_byte(archive, tmp_path / "flipped.age")
    done = empty_site.manage("restore", str(flipped))
    assert done.returncode == 1
    assert DAMAGED in done.stderr and "nothing was restored" in done.stderr
    assert "Traceback" not in done.stderr
    assert empty_site.is_empty()


@pytest.mark.slow
def test_a_database_out_of_reach_is_told_without_a_traceback(archive, empty_site, tmp_path):
    if connection.vendor == "sqlite":
        url = f"sqlite:///{tmp_path}/no/such/folder/db.sqlite3"
    else:
        url = database_url(f"{connection.settings_dict['NAME']}_never_created")
    done = empty_site.manage("restore", str(archive), DATABASE_URL=url)
    assert done.returncode == 1
    assert "The database cannot be reached" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_database_that_is_not_empty_is_refused(archive):
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(archive), stdout=io.StringIO())


@pytest.mark.parametrize(
    "change, words",
    [
        (tampering.altered_evidence, "does not match its SHA-256"),
        (tampering.without_evidence, "is missing"),
        (tampering.with_extra_file, "is not in the manifest"),
        (tampering.without_manifest, "the manifest is missing"),
        (tampering.altered_manifest, "does not match its SHA-256"),
        (tampering.escaping_name, "not a safe file name"),
    ],
)
def test_the_check_reads_every_member_against_the_manifest(archive, backup_key, tmp_path, change, words):
    bad = tampering.rewrite(archive, backup_key, tmp_path / "bad.age", change)
    with pytest.raises(CommandError, match=words):
        call_command("restore", "--check", str(bad), stdout=io.StringIO())
    # The untouched archive passes the same check.
    out = io.StringIO()
    call_command("restore", "--check", str(archive), stdout=out)
    assert "is intact" in out.getvalue()


def test_a_wrong_key_damage_and_a_missing_file_are_told_apart(archive, settings, tmp_path):
    flipped = tampering.flipped_byte(archive, tmp_path / "flipped.age")
    with pytest.raises(CommandError, match=DAMAGED):
        operations_check(flipped)
    with pytest.raises(CommandError, match="does not exist"):
        operations_check(tmp_path / "nothing-here.age")
    settings.BACKUP_ENCRYPTION_KEY = new_key()
    with pytest.raises(CommandError, match="made with another key"):
        operations_check(archive)


def operations_check(path):
    call_command("restore", "--check", str(path), stdout=io.StringIO())


def test_a_public_key_backs_up_but_cannot_restore(scene, settings, tmp_path):
    secret = new_key()
    public = str(operations.keys._identity(secret).to_public())
    settings.BACKUP_ENCRYPTION_KEY = public
    archive = tmp_path / "public.age"
    call_command("backup", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="public key"):
        operations_check(archive)
    settings.BACKUP_ENCRYPTION_KEY = secret
    operations_check(archive)
