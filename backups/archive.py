"""The archive: a tar stream encrypted with age, written and read without holding it anywhere.

Members, in this order:

- ``hrdb-backup.json``: what the archive is (format, version, database engine, when it was made);
- ``media/<path>``: every file under ``MEDIA_ROOT`` (evidence originals and their public derivatives);
- ``database/<engine>.<000000>``: the database dump (``pg_dump --format=custom`` on PostgreSQL, a copy
  made with SQLite's backup API on SQLite), cut into parts of at most ``DUMP_PART_SIZE`` bytes, as a
  tar member needs its size before its bytes and a dump's size is known only at its end;
- ``manifest.json``: the name, size and SHA-256 of every member before it, in order.

Decrypted, it is an ordinary tar file: ``age -d -i key.txt FILE | tar -t`` lists it, and
``cat database/postgresql.* | pg_restore ...`` rebuilds the database by hand.

Writing pulls the tar stream through the encryptor (``pyrage.encrypt_io`` reads it piece by piece
from ``TarStream``); reading runs the decryptor in a thread that writes into a pipe the tar reader
reads from. Either way only a few megabytes are held at a time, whatever the size of the media.
"""

import hashlib
import io
import json
import os
import tarfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

import pyrage
from django.utils.translation import gettext as _

from backups.errors import BackupError

FORMAT = "hrdb-backup"
VERSION = 1
HEADER = "hrdb-backup.json"
MANIFEST = "manifest.json"
MEDIA = "media/"
DATABASE = "database/"
READ_SIZE = 1024 * 1024
DUMP_PART_SIZE = 4 * 1024 * 1024
# The header is a few lines; the manifest about 150 bytes a member.
HEADER_MAX_BYTES = 64 * 1024
MANIFEST_MAX_BYTES = 512 * 1024 * 1024
# What reading a tar stream that breaks off raises.
READ_ERRORS = (tarfile.TarError, EOFError, OSError)
BLOCK = tarfile.BLOCKSIZE
RECORD = tarfile.RECORDSIZE


@dataclass(frozen=True)
class Member:
    name: str
    size: int
    sha256: str

    def as_json(self) -> dict:
        return {"name": self.name, "size": self.size, "sha256": self.sha256}


def dump_part_name(engine: str, index: int) -> str:
    return f"{DATABASE}{engine}.{index:06d}"


def media_name(relative: str) -> str:
    return MEDIA + relative


def safe_relative_path(name: str, prefix: str) -> PurePosixPath | None:
    """The path under ``prefix`` a member's name stands for, or None if it could escape its folder."""
    if not name.startswith(prefix) or "\\" in name or "\x00" in name:
        return None
    relative = name[len(prefix) :]
    path = PurePosixPath(relative)
    if not relative or path.is_absolute() or relative != str(path):
        return None
    if any(part in ("", ".", "..") for part in path.parts):
        return None
    return path


# --- Writing -------------------------------------------------------------------------------------


class TarWriter:
    """Yields a tar stream member by member, recording each member's size and SHA-256."""

    def __init__(self, mtime: float):
        self.mtime = int(mtime)
        self.members: list[Member] = []
        self.written = 0

    def _header(self, name: str, size: int, mtime: float | None) -> bytes:
        info = tarfile.TarInfo(name)
        info.size = size
        info.mtime = int(mtime if mtime is not None else self.mtime)
        info.mode = 0o600
        info.type = tarfile.REGTYPE
        header = info.tobuf(tarfile.PAX_FORMAT, "utf-8", "surrogateescape")
        self.written += len(header) + size + (-size % BLOCK)
        return header

    def data(self, name: str, data: bytes) -> Iterator[bytes]:
        yield self._header(name, len(data), None)
        yield data
        yield bytes(-len(data) % BLOCK)
        self.members.append(Member(name, len(data), hashlib.sha256(data).hexdigest()))

    def file(self, name: str, source: BinaryIO, size: int, mtime: float, *, label: str) -> Iterator[bytes]:
        """The member ``name`` with ``size`` bytes read from ``source``; a file that shrinks meanwhile
        stops the backup rather than give a member fewer bytes than its header says."""
        yield self._header(name, size, mtime)
        digest = hashlib.sha256()
        left = size
        while left:
            piece = source.read(min(READ_SIZE, left))
            if not piece:
                raise BackupError(
                    _("%(file)s changed while it was being backed up; run the backup again.")
                    % {"file": label}
                )
            digest.update(piece)
            left -= len(piece)
            yield piece
        yield bytes(-size % BLOCK)
        self.members.append(Member(name, size, digest.hexdigest()))

    def end(self) -> Iterator[bytes]:
        """The manifest, then the end-of-archive blocks, padded to a whole tar record."""
        manifest = json.dumps(
            {"format": FORMAT, "version": VERSION, "members": [m.as_json() for m in self.members]},
            ensure_ascii=False,
            indent=0,
        ).encode()
        yield from self.data(MANIFEST, manifest)
        yield bytes(2 * BLOCK + (-(self.written + 2 * BLOCK) % RECORD))


class TarStream(io.RawIOBase):
    """A readable file over an iterator of byte strings, for the encryptor to pull from.

    An exception raised by the iterator is kept in ``error``: the encryptor reports any failure of
    its input as its own error, and the caller raises this one instead."""

    def __init__(self, pieces: Iterable[bytes]):
        self._pieces = iter(pieces)
        self._current = memoryview(b"")
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            while not self._current:
                piece = next(self._pieces, None)
                if piece is None:
                    return 0
                self._current = memoryview(piece)
        except BaseException as exc:
            self.error = exc
            raise
        count = min(len(buffer), len(self._current))
        buffer[:count] = self._current[:count]
        self._current = self._current[count:]
        return count

    def close(self) -> None:
        close = getattr(self._pieces, "close", None)
        if close:
            close()
        super().close()


def encrypt(pieces: Iterable[bytes], destination: BinaryIO, recipient) -> None:
    """Encrypt the stream of ``pieces`` to ``recipient`` into ``destination``."""
    stream = TarStream(pieces)
    try:
        pyrage.encrypt_io(stream, destination, [recipient])
    except Exception as exc:
        if stream.error is not None:
            raise stream.error from None
        raise BackupError(_("Encrypting the archive failed: %(error)s") % {"error": exc}) from exc
    finally:
        stream.close()


# --- Reading -------------------------------------------------------------------------------------


def damaged(reason: str) -> BackupError:
    return BackupError(
        _("The archive is damaged or has been tampered with (%(reason)s); nothing was restored.")
        % {"reason": reason}
    )


class _Decrypted:
    """The decrypted tar stream of one archive, read from a pipe fed by a decrypting thread."""

    def __init__(self, path: str, identity):
        read_end, write_end = os.pipe()
        self._reader = os.fdopen(read_end, "rb")
        self._writer = os.fdopen(write_end, "wb")
        self._failure: list[BaseException] = []
        self._thread = threading.Thread(target=self._decrypt, args=(path, identity), daemon=True)
        self._thread.start()

    def _decrypt(self, path: str, identity) -> None:
        try:
            with open(path, "rb") as source:
                pyrage.decrypt_io(source, self._writer, [identity])
        except BaseException as exc:  # reported by the reading side, in finish()
            self._failure.append(exc)
        finally:
            with suppress(OSError):
                self._writer.close()

    def members(self) -> Iterator[tuple[tarfile.TarInfo, "_MemberStream"]]:
        """Each member with a stream of its bytes, to be read before the next one."""
        try:
            with tarfile.open(fileobj=self._reader, mode="r|") as tar:
                for info in tar:
                    if not info.isreg():
                        raise damaged(_("%(name)s is not a regular file") % {"name": info.name})
                    yield info, _MemberStream(tar.extractfile(info), self)
        except READ_ERRORS as exc:
            self.fail(exc)
        self.finish()

    def fail(self, exc: BaseException):
        """The tar stream broke off: because decryption failed, or because it is not a tar stream."""
        self.stop()
        self.raise_decryption_failure()
        raise damaged(_("the archive cannot be read as a tar stream: %(error)s") % {"error": exc}) from exc

    def finish(self) -> None:
        """Read the rest to its end, so that age checks the last chunk, and report any failure."""
        while piece := self._reader.read(READ_SIZE):
            if piece.strip(b"\x00"):
                self.stop()
                raise damaged(_("data follows the end of the archive"))
        self._thread.join()
        self.raise_decryption_failure()

    def stop(self) -> None:
        with suppress(OSError):
            self._reader.close()
        self._thread.join()

    def raise_decryption_failure(self) -> None:
        for exc in self._failure:
            if isinstance(exc, BrokenPipeError):
                continue  # the reading side stopped first
            if isinstance(exc, pyrage.DecryptError) and "no matching keys" in str(exc).lower():
                raise BackupError(
                    _(
                        "This archive cannot be decrypted with BACKUP_ENCRYPTION_KEY: it was made with "
                        "another key. Nothing was restored."
                    )
                ) from exc
            raise damaged(_("decryption failed: %(error)s") % {"error": exc}) from exc


class _MemberStream:
    """A member's bytes; a read that breaks off says why, as the member list does."""

    def __init__(self, raw: BinaryIO, archive: _Decrypted):
        self._raw = raw
        self._archive = archive

    def read(self, size: int) -> bytes:
        try:
            return self._raw.read(size)
        except READ_ERRORS as exc:
            self._archive.fail(exc)


@contextmanager
def decrypted(path: str, identity) -> Iterator[_Decrypted]:
    archive = _Decrypted(path, identity)
    try:
        yield archive
    finally:
        archive.stop()


def read_small(stream: BinaryIO, size: int, limit: int, name: str) -> bytes:
    if size > limit:
        raise damaged(_("%(name)s is too large") % {"name": name})
    data = stream.read(size)
    if len(data) != size:
        raise damaged(_("%(name)s is cut short") % {"name": name})
    return data


def read_json(data: bytes, name: str) -> dict:
    try:
        value = json.loads(data)
    except ValueError as exc:
        raise damaged(_("%(name)s is not valid JSON") % {"name": name}) from exc
    if not isinstance(value, dict):
        raise damaged(_("%(name)s is not valid JSON") % {"name": name})
    return value


def hash_stream(stream: BinaryIO, size: int, name: str, sink=None) -> str:
    """The SHA-256 of the member's ``size`` bytes, handing each piece to ``sink`` if given."""
    digest = hashlib.sha256()
    left = size
    while left:
        piece = stream.read(min(READ_SIZE, left))
        if not piece:
            raise damaged(_("%(name)s is cut short") % {"name": name})
        digest.update(piece)
        if sink is not None:
            sink(piece)
        left -= len(piece)
    return digest.hexdigest()


def parse_manifest(data: bytes) -> list[Member]:
    value = read_json(data, MANIFEST)
    if value.get("format") != FORMAT or value.get("version") != VERSION:
        raise damaged(_("the manifest is not one this version can read"))
    members = []
    try:
        for entry in value["members"]:
            size = entry["size"]
            digest = entry["sha256"]
            if not (isinstance(entry["name"], str) and isinstance(size, int) and isinstance(digest, str)):
                raise TypeError
            members.append(Member(entry["name"], size, digest))
    except (KeyError, TypeError) as exc:
        raise damaged(_("the manifest is not one this version can read")) from exc
    return members


def compare_with_manifest(found: list[Member], listed: list[Member]) -> None:
    """Every member found matches the manifest, which lists exactly these members in this order."""
    by_name = {member.name: member for member in listed}
    found_names = {member.name for member in found}
    for member in listed:
        if member.name not in found_names:
            raise damaged(_("%(name)s is missing") % {"name": member.name})
    for member in found:
        expected = by_name.get(member.name)
        if expected is None:
            raise damaged(_("%(name)s is not in the manifest") % {"name": member.name})
        if expected.size != member.size or expected.sha256 != member.sha256:
            raise damaged(_("%(name)s does not match its SHA-256 in the manifest") % {"name": member.name})
    if found != listed:
        raise damaged(_("the members are not in the order of the manifest"))
