"""``manage.py generate_backup_key``: a new age key for BACKUP_ENCRYPTION_KEY."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from backups import keys


class Command(BaseCommand):
    help = _(
        "Print a new age secret key for BACKUP_ENCRYPTION_KEY on standard output (its public key, "
        "which can only make backups, goes to standard error)."
    )

    def handle(self, *args, **options):
        secret, public = keys.generate()
        self.stdout.write(secret)
        self.stderr.write(
            _(
                "Public key: %(public)s\n"
                "Put the secret key in BACKUP_ENCRYPTION_KEY, and keep a copy of it somewhere safe away "
                "from the server and from the archives: without it no backup can be restored. A server "
                "that only makes backups can hold the public key instead."
            )
            % {"public": public}
        )
