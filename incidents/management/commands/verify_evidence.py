"""Re-hash every stored evidence file and record the result in the custody log."""

from django.core.management.base import BaseCommand, CommandError

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
