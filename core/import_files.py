"""Where an uploaded import file waits between its preview and its confirmation.

django-import-export keeps a copy of the upload between the two requests; its default copy sits
in the system's temporary folder for good when the preview is abandoned, the file cannot be read,
or the worker dies. Here the copy lives in ``IMPORT_TMP_DIR`` (private to the service), is read
once on confirmation and deleted as it is read (a worker killed during the import leaves nothing
behind), and any copy older than ``IMPORT_PREVIEW_HOURS`` is swept away at the next preview or
confirmation. Django's own spool of large uploads (``FILE_UPLOAD_TEMP_DIR``) is a folder in it,
swept after an hour: no request lives that long.
"""

import os
import secrets
import time
from pathlib import Path

from django.conf import settings
from import_export.tmp_storages import BaseStorage

UPLOAD_SPOOL_MAX_AGE_SECONDS = 3600


class ImportFileGone(Exception):
    """The confirmed preview's file is not there any more: confirmed already, or swept away."""


def import_folder() -> Path:
    folder = Path(settings.IMPORT_TMP_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def sweep() -> int:
    """Delete import copies older than ``IMPORT_PREVIEW_HOURS`` and upload spools older than an
    hour; how many files went."""
    now, removed = time.time(), 0
    limits = [(import_folder(), settings.IMPORT_PREVIEW_HOURS * 3600)]
    if settings.FILE_UPLOAD_TEMP_DIR:
        limits.append((Path(settings.FILE_UPLOAD_TEMP_DIR), UPLOAD_SPOOL_MAX_AGE_SECONDS))
    for folder, max_age in limits:
        for path in folder.glob("*"):
            try:
                if path.is_file() and now - path.stat().st_mtime > max_age:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:
                pass  # another worker swept it first
    return removed


class ImportFileStorage(BaseStorage):
    """django-import-export's temporary storage (``IMPORT_EXPORT_TMP_STORAGE_CLASS``)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.saved_here = False

    def path(self) -> Path:
        # The library keeps only the base name of what the confirmation form sends back.
        return import_folder() / os.path.basename(self.name or "")

    def save(self, data) -> None:
        sweep()
        self.name = secrets.token_hex(16)
        self.saved_here = True
        if isinstance(data, str):
            data = data.encode(self.encoding or "utf-8")
        descriptor = os.open(self.path(), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)

    def read(self):
        """The file's bytes. Read for the confirmation (by an instance that did not save it), the
        file is deleted as soon as it is read: whatever happens to the import, no copy stays."""
        if not self.saved_here:
            sweep()
        path = self.path()
        try:
            data = path.read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            raise ImportFileGone from None
        if not self.saved_here:
            path.unlink(missing_ok=True)
        return data if "b" in self.read_mode else data.decode(self.encoding or "utf-8")

    def remove(self) -> None:
        self.path().unlink(missing_ok=True)
