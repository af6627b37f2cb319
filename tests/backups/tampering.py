"""Archives made wrong on purpose: decrypted, changed as a tar file, encrypted again with the same key
(as someone holding the key could), or damaged as bytes on disk."""

import hashlib
import io
import json
import tarfile
from collections.abc import Callable
from pathlib import Path

import pyrage
from pyrage import x25519

Members = list[tuple[tarfile.TarInfo, bytes]]


def read_members(archive: Path, key: str) -> Members:
    plain = pyrage.decrypt(archive.read_bytes(), [x25519.Identity.from_str(key)])
    with tarfile.open(fileobj=io.BytesIO(plain), mode="r:") as tar:
        return [(info, tar.extractfile(info).read()) for info in tar]


def write_members(members: Members, key: str, target: Path) -> Path:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:", format=tarfile.PAX_FORMAT) as tar:
        for info, data in members:
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    recipient = x25519.Identity.from_str(key).to_public()
    target.write_bytes(pyrage.encrypt(buffer.getvalue(), [recipient]))
    return target


def rewrite(archive: Path, key: str, target: Path, change: Callable[[Members], Members]) -> Path:
    return write_members(change(read_members(archive, key)), key, target)


def named(members: Members, prefix: str) -> int:
    return next(i for i, (info, _data) in enumerate(members) if info.name.startswith(prefix))


def with_manifest_of_members(members: Members) -> Members:
    """The manifest rewritten to match the members before it, as a holder of the key could."""
    listed = [
        {"name": info.name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for info, data in members
        if info.name != "manifest.json"
    ]
    manifest = json.dumps({"format": "hrdb-backup", "version": 1, "members": listed}).encode()
    kept = [(info, data) for info, data in members if info.name != "manifest.json"]
    return [*kept, (tarfile.TarInfo("manifest.json"), manifest)]


def altered_evidence(members: Members) -> Members:
    index = named(members, "media/evidence/")
    info, data = members[index]
    members[index] = (info, data[:-1] + bytes([data[-1] ^ 1]))
    return members


def without_evidence(members: Members) -> Members:
    del members[named(members, "media/evidence/")]
    return members


def with_extra_file(members: Members) -> Members:
    members.insert(named(members, "media/"), (tarfile.TarInfo("media/extra.txt"), b"not in the manifest"))
    return members


def without_manifest(members: Members) -> Members:
    return [(info, data) for info, data in members if info.name != "manifest.json"]


def altered_manifest(members: Members) -> Members:
    index = named(members, "manifest.json")
    info, data = members[index]
    manifest = json.loads(data)
    manifest["members"][1]["sha256"] = "0" * 64
    members[index] = (info, json.dumps(manifest).encode())
    return members


def escaping_name(members: Members) -> Members:
    members.insert(named(members, "media/"), (tarfile.TarInfo("media/../escaped.txt"), b"outside"))
    return with_manifest_of_members(members)


def garbage_database(members: Members) -> Members:
    index = named(members, "database/")
    info, data = members[index]
    members[index] = (info, b"this is no database dump " * 100)
    return with_manifest_of_members(members)


def other_engine(members: Members) -> Members:
    info, data = members[0]
    header = json.loads(data)
    header["database"] = "sqlite" if header["database"] == "postgresql" else "postgresql"
    members[0] = (info, json.dumps(header).encode())
    return with_manifest_of_members(members)


def flipped_byte(archive: Path, target: Path) -> Path:
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x10
    target.write_bytes(bytes(data))
    return target


def cut_short(archive: Path, target: Path) -> Path:
    data = archive.read_bytes()
    target.write_bytes(data[: len(data) - 1000])
    return target
