"""Re-hash every stored evidence file and record the result in the custody log."""

from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from incidents.models import EvidenceMedia
from incidents.services import verify_evidence_hash


class Command(BaseCommand):
    help = (
        "Re-hash every stored evidence file, record hash_verified or hash_mismatch in its "
        "custody log, and exit non-zero if any file does not match its recorded SHA-256."
    )

    def handle(self, *args, **options):
        checked, mismatched = 0, []
        stored = EvidenceMedia.objects.exclude(file="").exclude(sha256="").order_by("pk")
        check_media_root(stored)
        for evidence in stored.iterator(chunk_size=500):
            checked += 1
            if not verify_evidence_hash(evidence=evidence):
                mismatched.append(evidence)
                self.stderr.write(
                    f"MISMATCH evidence #{evidence.pk} ({evidence.incident.code}): {evidence.file.name}"
                )
        self.stdout.write(f"Checked {checked} evidence file(s); {len(mismatched)} mismatch(es).")
        if mismatched:
            raise CommandError(f"{len(mismatched)} evidence file(s) do not match their recorded SHA-256.")


def check_media_root(stored) -> None:
    """Stop, logging nothing, when ``MEDIA_ROOT`` cannot be the folder the evidence was stored in:
    it is missing, or it lacks a folder the stored files sit in. Run against the wrong folder (a
    mount not there yet, a mistyped path), the command would otherwise append a ``hash_mismatch``
    to the custody log of every item, for good. A file missing from the right folder is still
    logged as a mismatch."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        raise CommandError(
            _(
                "MEDIA_ROOT (%(path)s) is not a folder: nothing was checked or logged. "
                "Set MEDIA_ROOT to the evidence folder."
            )
            % {"path": root}
        )
    folders = {
        PurePosixPath(name).parts[0]
        for name in stored.values_list("file", flat=True).iterator()
        if "/" in name
    }
    missing = sorted(folder for folder in folders if not (root / folder).is_dir())
    if missing:
        raise CommandError(
            _(
                "MEDIA_ROOT (%(path)s) has no %(folders)s folder, where the evidence files are stored: "
                "nothing was checked or logged. Is MEDIA_ROOT the evidence folder?"
            )
            % {"path": root, "folders": ", ".join(missing)}
        )
