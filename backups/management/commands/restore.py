"""``manage.py restore FILE``: an archive of ``manage.py backup`` into an empty database and media folder."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from backups import operations
from backups.errors import BackupError


class Command(BaseCommand):
    help = _(
        "Restore an archive made by `manage.py backup` into an empty database and an empty media "
        "folder. Every member is checked against the archive's manifest before anything is written; "
        "a damaged or tampered archive, or one made with another key, is refused and nothing changes. "
        "Needs the secret key in BACKUP_ENCRYPTION_KEY, and FIELD_ENCRYPTION_KEYS of the site that "
        "made the archive to read the witness identities."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("The archive to restore."))
        parser.add_argument(
            "--check",
            action="store_true",
            help=_("Only decrypt the archive and check every member against its manifest; write nothing."),
        )

    def handle(self, *args, file, check=False, **options):
        try:
            summary = operations.verify(file) if check else operations.restore(file)
        except (BackupError, DatabaseError, OSError) as exc:
            raise CommandError(operations.explain(exc)) from exc
        files = ngettext(
            "%(count)d media file (%(size)s)", "%(count)d media files (%(size)s)", summary.media_files
        ) % {"count": summary.media_files, "size": filesizeformat(summary.media_bytes)}
        values = {
            "file": file,
            "created": summary.created_at,
            "engine": operations.ENGINE_NAMES.get(summary.database, summary.database),
            "size": filesizeformat(summary.database_bytes),
            "files": files,
        }
        if check:
            self.stdout.write(
                _(
                    "%(file)s is intact: made %(created)s, the %(engine)s database (%(size)s) and "
                    "%(files)s, every SHA-256 as in its manifest."
                )
                % values
            )
            return
        self.stdout.write(
            _("Restored the %(engine)s database (%(size)s) and %(files)s from %(file)s, made %(created)s.")
            % values
        )
        pending, unknown = operations.migration_state()
        if pending:
            self.stdout.write(
                ngettext(
                    "%(count)d migration of this version is not applied yet: run `python manage.py migrate`.",
                    "%(count)d migrations of this version are not applied yet: "
                    "run `python manage.py migrate`.",
                    pending,
                )
                % {"count": pending}
            )
        if unknown:
            self.stderr.write(
                ngettext(
                    "The database has %(count)d migration this version does not know: it was made by a "
                    "newer version of the program; run that version.",
                    "The database has %(count)d migrations this version does not know: it was made by a "
                    "newer version of the program; run that version.",
                    unknown,
                )
                % {"count": unknown}
            )
