"""``manage.py backup``: streamed (memory stays small whatever the media's size), written whole or
not at all, with a key ``generate_backup_key`` makes; its messages read in Arabic."""

import io
import os
import re
import tracemalloc

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from backups import media
from backups.errors import BackupError
from tests.backups.conftest import new_key

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BIG = 48 * 1024 * 1024
MEMORY_BOUND = 12 * 1024 * 1024


def write_big_file(path, size=BIG):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        for _ in range(size // (1024 * 1024)):
            out.write(os.urandom(1024 * 1024))


def peak_memory(function) -> int:
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_bounded_whatever_the_size_of_the_media(backup_key, media_root, tmp_path):
    write_big_file(media_root / "evidence" / "2018" / "01" / "video.mp4")
    archive = tmp_path / "big.age"

    peak = peak_memory(lambda: call_command("backup", str(archive), stdout=io.StringIO()))

    assert archive.stat().st_size > BIG
    assert peak < MEMORY_BOUND, f"backup peaked at {peak / 2**20:.1f} MiB for a {BIG / 2**20:.0f} MiB file"
    out = io.StringIO()
    peak = peak_memory(lambda: call_command("restore", "--check", str(archive), stdout=out))
    assert "is intact" in out.getvalue()
    assert peak < MEMORY_BOUND, f"the check peaked at {peak / 2**20:.1f} MiB"


def test_the_memory_check_notices_a_file_read_whole(backup_key, media_root, tmp_path, monkeypatch):
    """The bound above is tight enough to catch a backup that reads a file at once."""
    write_big_file(media_root / "video.mp4", 16 * 1024 * 1024)
    monkeypatch.setattr("backups.archive.READ_SIZE", 16 * 1024 * 1024)
    peak = peak_memory(lambda: call_command("backup", str(tmp_path / "a.age"), stdout=io.StringIO()))
    assert peak > MEMORY_BOUND


def test_a_generated_key_is_usable_as_printed(scene, settings, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    call_command("generate_backup_key", stdout=out, stderr=err)
    key = out.getvalue().strip()
    assert re.fullmatch(r"AGE-SECRET-KEY-1[0-9A-Z]{58}", key)
    assert re.search(r"Public key: age1[0-9a-z]{58}", err.getvalue())
    assert key != new_key()
    settings.BACKUP_ENCRYPTION_KEY = key
    call_command("backup", str(tmp_path / "a.age"), stdout=io.StringIO())
    call_command("restore", "--check", str(tmp_path / "a.age"), stdout=io.StringIO())


@pytest.mark.parametrize(
    "key, words",
    [
        ("", "BACKUP_ENCRYPTION_KEY is not set"),
        ("not-a-key", "is not an age key"),
        ("age1xyz", "not an age key"),
    ],
)
def test_a_missing_or_malformed_key_is_refused_before_anything_is_written(settings, tmp_path, key, words):
    settings.BACKUP_ENCRYPTION_KEY = key
    with pytest.raises(CommandError, match=words):
        call_command("backup", str(tmp_path / "a.age"), stdout=io.StringIO())
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_never_overwritten(backup_key, tmp_path):
    existing = tmp_path / "a.age"
    existing.write_bytes(b"yesterday's backup")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(existing), stdout=io.StringIO())
    assert existing.read_bytes() == b"yesterday's backup"


def test_a_failed_backup_leaves_no_file(backup_key, media_root, tmp_path, monkeypatch):
    (media_root / "a.jpg").write_bytes(b"x" * 5000)

    def files_then_failure(*args, **kwargs):
        yield from original(*args, **kwargs)
        raise BackupError("The disk went away.")

    original = media.files
    monkeypatch.setattr(media, "files", files_then_failure)
    with pytest.raises(CommandError, match="The disk went away"):
        call_command("backup", str(tmp_path / "a.age"), stdout=io.StringIO())
    assert list(tmp_path.iterdir()) == [media_root]


def test_a_file_that_shrinks_during_the_backup_stops_it(backup_key, media_root, tmp_path, monkeypatch):
    (media_root / "a.jpg").write_bytes(b"x" * 5000)

    def shrinking(*args, **kwargs):
        for relative, path, info in original(*args, **kwargs):
            path.write_bytes(b"x" * 10)
            yield relative, path, info

    original = media.files
    monkeypatch.setattr(media, "files", shrinking)
    with pytest.raises(CommandError, match="changed while it was being backed up"):
        call_command("backup", str(tmp_path / "a.age"), stdout=io.StringIO())
    assert list(tmp_path.iterdir()) == [media_root]


def test_links_and_restore_leftovers_are_left_out(backup_key, media_root, tmp_path):
    (media_root / "kept.jpg").write_bytes(b"kept")
    (media_root / "link.jpg").symlink_to(media_root / "kept.jpg")
    (media_root / ".restore-abc").mkdir()
    (media_root / ".restore-abc" / "half.jpg").write_bytes(b"half")
    err = io.StringIO()
    call_command("backup", str(tmp_path / "a.age"), stdout=io.StringIO(), stderr=err)
    assert "link.jpg" in err.getvalue()
    out = io.StringIO()
    call_command("restore", "--check", str(tmp_path / "a.age"), stdout=out)
    assert "1 media file" in out.getvalue()


def test_the_commands_speak_arabic(scene, backup_key, tmp_path):
    archive = tmp_path / "a.age"
    with translation.override("ar"):
        out = io.StringIO()
        call_command("backup", str(archive), stdout=out)
        assert "احتياطيًا" in out.getvalue(), out.getvalue()
        out = io.StringIO()
        call_command("restore", "--check", str(archive), stdout=out)
        assert "سليم" in out.getvalue(), out.getvalue()
        with pytest.raises(CommandError) as refused:
            call_command("restore", str(archive), stdout=io.StringIO())
        assert "ليست فارغة" in str(refused.value), str(refused.value)
        with pytest.raises(CommandError) as refused:
            call_command("backup", str(archive), stdout=io.StringIO())
        assert "موجود" in str(refused.value), str(refused.value)
