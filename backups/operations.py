"""Backing up, checking and restoring the whole site: database and media folder in one archive.

``backup()`` writes ``FILE`` only when the whole archive is written (until then it is a hidden
``.FILE.*.partial`` beside it, removed on failure). ``verify()`` decrypts an archive and checks every
member against the manifest, writing nothing. ``restore()`` refuses a database or media folder that
is not empty, verifies the whole archive first, then reads it again into a staging folder and the
database loader, checking every member's hash once more before it is used: the database is loaded
in one transaction and the media files are moved into place only after it committed.
"""

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.translation import gettext as _

from backups import archive, keys, media
from backups.archive import DATABASE, HEADER, MANIFEST, MEDIA, Member, damaged
from backups.databases import engine_for
from backups.errors import BackupError

ENGINE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}


@dataclass
class Summary:
    """What an archive holds (or what a backup wrote)."""

    media_files: int = 0
    media_bytes: int = 0
    database_bytes: int = 0
    database: str = ""
    created_at: str = ""
    skipped: list[str] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)


# --- Backup --------------------------------------------------------------------------------------


def backup(path: str | os.PathLike) -> Summary:
    recipient = keys.recipient()
    target = Path(path)
    if target.exists():
        raise BackupError(_("%(file)s already exists; give a new file name.") % {"file": target})
    if not target.parent.is_dir():
        raise BackupError(_("The folder %(folder)s does not exist.") % {"folder": target.parent})
    engine = engine_for(connection)
    engine.check_can_back_up()
    summary = Summary(database=engine.vendor)
    handle, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as out:
            exclude = {target.resolve(), Path(partial).resolve()}
            archive.encrypt(_pieces(engine, Path(settings.MEDIA_ROOT), exclude, summary), out, recipient)
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            raise BackupError(_("%(file)s already exists; give a new file name.") % {"file": target})
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return summary


def _pieces(engine, media_root: Path, exclude: set[Path], summary: Summary):
    writer = archive.TarWriter(time.time())
    summary.created_at = timezone.now().isoformat()
    header = {
        "format": archive.FORMAT,
        "version": archive.VERSION,
        "database": engine.vendor,
        "created_at": summary.created_at,
    }
    yield from writer.data(HEADER, json.dumps(header).encode())
    with engine.snapshot() as dump:
        for relative, path, info in media.files(media_root, exclude, summary.skipped):
            try:
                source = open(path, "rb")  # noqa: SIM115 (closed below)
            except OSError as exc:
                raise BackupError(
                    _("%(file)s cannot be read: %(error)s") % {"file": path, "error": exc.strerror}
                ) from exc
            with source:
                yield from writer.file(
                    archive.media_name(relative), source, info.st_size, info.st_mtime, label=str(path)
                )
            summary.media_files += 1
            summary.media_bytes += info.st_size
        for index, part in enumerate(dump()):
            yield from writer.data(archive.dump_part_name(engine.vendor, index), part)
            summary.database_bytes += len(part)
    summary.members = list(writer.members)
    yield from writer.end()


# --- Verify --------------------------------------------------------------------------------------


def _readable(path: str | os.PathLike) -> Path:
    source = Path(path)
    if not source.is_file():
        raise BackupError(_("%(file)s does not exist or is not a file.") % {"file": source})
    return source


def _check_header(data: bytes, expected_vendor: str | None) -> dict:
    header = archive.read_json(data, HEADER)
    if header.get("format") != archive.FORMAT:
        raise damaged(_("it is not a backup of this program"))
    if header.get("version") != archive.VERSION:
        raise BackupError(
            _("This archive has format version %(version)s, which this version of the program cannot read.")
            % {"version": header.get("version")}
        )
    if header.get("database") not in ("postgresql", "sqlite"):
        raise damaged(_("the header names no known database"))
    if expected_vendor and header["database"] != expected_vendor:
        raise BackupError(
            _(
                "This archive holds a %(archive)s database; this site uses %(site)s. Restore it into a "
                "site on the same database engine. Nothing was restored."
            )
            % {
                "archive": ENGINE_NAMES[header["database"]],
                "site": ENGINE_NAMES.get(expected_vendor, expected_vendor),
            }
        )
    return header


def _check_member_name(name: str, size: int, header: dict, found: list[Member], seen: set[str]) -> None:
    if name in seen:
        raise damaged(_("%(name)s appears twice") % {"name": name})
    seen.add(name)
    if name.startswith(MEDIA):
        if archive.safe_relative_path(name, MEDIA) is None:
            raise damaged(_("%(name)s is not a safe file name") % {"name": name})
        if any(member.name.startswith(DATABASE) for member in found[-1:]):
            raise damaged(_("%(name)s comes after the database") % {"name": name})
        return
    if name.startswith(DATABASE):
        index = sum(1 for member in found if member.name.startswith(DATABASE))
        if name != archive.dump_part_name(header["database"], index) or size > archive.DUMP_PART_SIZE:
            raise damaged(_("%(name)s is not the next part of the database") % {"name": name})
        return
    raise damaged(_("%(name)s is not a member of a backup") % {"name": name})


def verify(path: str | os.PathLike, expected_vendor: str | None = None) -> Summary:
    """Decrypt the archive and check every member against its manifest; nothing is written."""
    identity = keys.identity()
    source = _readable(path)
    found: list[Member] = []
    seen: set[str] = set()
    header = listed = None
    summary = Summary()
    with archive.decrypted(str(source), identity) as decrypted:
        for info, stream in decrypted.members():
            name = info.name
            if listed is not None:
                raise damaged(_("%(name)s follows the manifest") % {"name": name})
            if header is None:
                if name != HEADER:
                    raise damaged(_("it is not a backup of this program"))
                data = archive.read_small(stream, info.size, archive.HEADER_MAX_BYTES, name)
                header = _check_header(data, expected_vendor)
                seen.add(name)
                found.append(Member(name, len(data), hashlib.sha256(data).hexdigest()))
                continue
            if name == MANIFEST:
                data = archive.read_small(stream, info.size, archive.MANIFEST_MAX_BYTES, name)
                listed = archive.parse_manifest(data)
                continue
            _check_member_name(name, info.size, header, found, seen)
            found.append(Member(name, info.size, archive.hash_stream(stream, info.size, name)))
            if name.startswith(MEDIA):
                summary.media_files += 1
                summary.media_bytes += info.size
            else:
                summary.database_bytes += info.size
    if header is None:
        raise damaged(_("it is empty"))
    if listed is None:
        raise damaged(_("the manifest is missing, so the archive is incomplete"))
    archive.compare_with_manifest(found, listed)
    if not any(member.name.startswith(DATABASE) for member in found):
        raise damaged(_("the database is missing"))
    summary.database = header["database"]
    summary.created_at = str(header.get("created_at", ""))
    summary.members = found
    return summary


# --- Restore -------------------------------------------------------------------------------------


def check_target_empty() -> None:
    engine = engine_for(connection)
    if not engine.is_empty():
        name = connection.settings_dict["NAME"]
        raise BackupError(
            _(
                "The database %(name)s is not empty. A backup is restored only into an empty database "
                "(create a new one, or drop this one and create it again) and an empty media folder."
            )
            % {"name": name}
        )
    media.check_empty(Path(settings.MEDIA_ROOT))


def restore(path: str | os.PathLike) -> Summary:
    identity = keys.identity()
    source = _readable(path)
    engine = engine_for(connection)
    check_target_empty()
    engine.check_can_restore()
    summary = verify(source, engine.vendor)
    staging = media.Staging(Path(settings.MEDIA_ROOT))
    loader = None
    changed = _("the archive changed after it was checked")
    try:
        expected = iter(summary.members)
        with archive.decrypted(str(source), identity) as decrypted:
            for info, stream in decrypted.members():
                if info.name == MANIFEST:
                    break
                member = next(expected, None)
                if member is None or (info.name, info.size) != (member.name, member.size):
                    raise damaged(changed)
                if info.name.startswith(MEDIA):
                    relative = archive.safe_relative_path(info.name, MEDIA)
                    with staging.open(relative) as out:
                        digest = archive.hash_stream(stream, info.size, info.name, out.write)
                    if digest != member.sha256:
                        raise damaged(changed)
                    os.utime(staging.folder.joinpath(*relative.parts), (info.mtime, info.mtime))
                    continue
                limit = archive.HEADER_MAX_BYTES if info.name == HEADER else archive.DUMP_PART_SIZE
                data = archive.read_small(stream, info.size, limit, info.name)
                if hashlib.sha256(data).hexdigest() != member.sha256:
                    raise damaged(changed)
                if info.name.startswith(DATABASE):
                    if loader is None:
                        loader = engine.loader()
                    loader.write(data)
        if next(expected, None) is not None or loader is None:
            raise damaged(changed)
        loader.finish()
        loader = None
        staging.apply()
    except BaseException:
        if loader is not None:
            loader.abort()
        staging.discard()
        raise
    finally:
        connection.close()
    return summary


def explain(exc: BaseException) -> str | None:
    """What a command tells the operator about a failure, or None for one it should not swallow."""
    if isinstance(exc, BackupError):
        return str(exc)
    if isinstance(exc, DatabaseError):
        return _("The database cannot be reached or refused the work: %(error)s") % {"error": exc}
    if isinstance(exc, OSError):
        return _("A file cannot be read or written: %(error)s") % {"error": exc}
    return None


def migration_state() -> tuple[int, int]:
    """(migrations of this code not applied yet, migrations applied that this code does not know)."""
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    unknown = set(executor.loader.applied_migrations) - set(executor.loader.disk_migrations)
    return len(pending), len(unknown)
