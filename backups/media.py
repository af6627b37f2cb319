"""The media folder (``MEDIA_ROOT``): every file in it is backed up; a restore stages the files in a
hidden folder inside it and moves them into place only once the database is restored."""

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from django.utils.translation import gettext as _

from backups.errors import BackupError

# A restore's staging folder, inside MEDIA_ROOT so that moving the files into place is a rename even
# when MEDIA_ROOT is a mounted volume. A backup leaves such folders out.
STAGING_PREFIX = ".restore-"


def files(root: Path, exclude: set[Path], skipped: list[str]) -> Iterator[tuple[str, Path, os.stat_result]]:
    """Every regular file under ``root`` in a stable order, as (path relative to root with forward
    slashes, path, stat). Symbolic links and special files are not followed; their paths are added
    to ``skipped``."""
    if not root.exists():
        return
    for folder, subfolders, names in os.walk(root):
        here = Path(folder)
        kept = []
        for name in sorted(subfolders):
            if here == root and name.startswith(STAGING_PREFIX):
                continue
            if (here / name).is_symlink():
                skipped.append(str(here / name))
            else:
                kept.append(name)
        subfolders[:] = kept
        for name in sorted(names):
            path = here / name
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode):
                skipped.append(str(path))
                continue
            if path.resolve() in exclude:
                continue
            yield path.relative_to(root).as_posix(), path, info


def check_empty(root: Path) -> None:
    if root.exists() and not root.is_dir():
        raise BackupError(_("MEDIA_ROOT (%(folder)s) is not a folder.") % {"folder": root})
    if root.exists() and any(root.iterdir()):
        raise BackupError(
            _(
                "The media folder %(folder)s is not empty. A backup is restored only into an empty "
                "database and an empty media folder, so that nothing in them is overwritten or mixed "
                "with the archive's files."
            )
            % {"folder": root}
        )


class Staging:
    """A hidden folder inside the media folder that receives the archive's files."""

    def __init__(self, root: Path):
        self.created_root = not root.exists()
        root.mkdir(parents=True, exist_ok=True)
        self.root = root
        self.folder = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))

    def open(self, relative: PurePosixPath) -> BinaryIO:
        target = self.folder.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        return open(target, "xb")  # noqa: SIM115 (closed by the caller's with-statement)

    def apply(self) -> None:
        for entry in sorted(self.folder.iterdir()):
            os.rename(entry, self.root / entry.name)
        self.folder.rmdir()

    def discard(self) -> None:
        """Remove the staging folder, and the media folder if this restore created it."""
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.created_root:
            with suppress(OSError):
                self.root.rmdir()
