"""``manage.py backup FILE``: one encrypted archive of the database and every media file."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from backups import operations
from backups.errors import BackupError


class Command(BaseCommand):
    help = _(
        "Write one archive of the database, every file of the media folder (evidence included) and a "
        "manifest of their SHA-256, encrypted with the age key in BACKUP_ENCRYPTION_KEY. The "
        "field-encryption keys are not in it: keep them, and the backup key, apart from the archives."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("The archive to write; it must not exist yet."))

    def handle(self, *args, file, **options):
        try:
            summary = operations.backup(file)
        except (BackupError, DatabaseError, OSError) as exc:
            raise CommandError(operations.explain(exc)) from exc
        for path in summary.skipped:
            self.stderr.write(_("Left out (not a regular file): %(path)s") % {"path": path})
        files = ngettext(
            "%(count)d media file (%(size)s)", "%(count)d media files (%(size)s)", summary.media_files
        ) % {"count": summary.media_files, "size": filesizeformat(summary.media_bytes)}
        self.stdout.write(
            _("Backed up the %(engine)s database (%(size)s) and %(files)s to %(file)s.")
            % {
                "engine": operations.ENGINE_NAMES.get(summary.database, summary.database),
                "size": filesizeformat(summary.database_bytes),
                "files": files,
                "file": file,
            }
        )
