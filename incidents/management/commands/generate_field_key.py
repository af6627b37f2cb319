"""Print a new field-encryption key, or write the development key file."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import crypto


class Command(BaseCommand):
    help = (
        "Print a new Fernet key for FIELD_ENCRYPTION_KEYS. With --write, create the "
        "development key file (FIELD_ENCRYPTION_KEY_FILE) if it does not exist yet."
    )

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true", help="Create the key file when missing.")

    def handle(self, *args, write: bool = False, **options):
        if not write:
            self.stdout.write(crypto.generate_key())
            return
        key_file = getattr(settings, "FIELD_ENCRYPTION_KEY_FILE", None)
        if key_file is None:
            raise CommandError("These settings read keys only from FIELD_ENCRYPTION_KEYS.")
        if settings.FIELD_ENCRYPTION_KEYS:
            self.stdout.write("FIELD_ENCRYPTION_KEYS is set; no key file needed.")
            return
        if key_file.exists():
            self.stdout.write(f"Key file {key_file} already exists; left as it is.")
            return
        key_file.touch(mode=0o600)
        key_file.write_text(crypto.generate_key() + "\n")
        self.stdout.write(f"Wrote a new field-encryption key to {key_file} (keep it out of git).")
