"""``manage.py import <resource> <file>``: load a spreadsheet, all rows or none. Replaces
django-import-export's own command (this app comes first) and takes its options where they apply."""

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core import interchange
from core.permissions import permission_name
from interchange.registry import RESOURCES, resolve_resource


class Command(BaseCommand):
    help = _(
        "Import a CSV, XLSX or JSON file through a spreadsheet resource. The whole file is one "
        "transaction: if any row is refused, nothing is saved, every problem is listed with its "
        "line, column, value and reason, and the command exits with status 1."
    )

    def add_arguments(self, parser):
        names = ", ".join(RESOURCES)
        parser.add_argument("resource", help=_("A short name (%s) or a resource's dotted path.") % names)
        parser.add_argument("file", help=_('The file to import, or "-" for standard input (give --format).'))
        parser.add_argument("-n", "--dry-run", action="store_true", help=_("Check everything; save nothing."))
        parser.add_argument(
            "--format",
            type=str.lower,
            choices=interchange.FORMATS,
            help=_("Default: the file name's extension."),
        )
        parser.add_argument("--encoding", help=_("The encoding of a CSV or JSON file (default: UTF-8)."))
        parser.add_argument(
            "--raise-errors", action="store_true", help=_("Stop at the first problem with a traceback.")
        )
        parser.add_argument(
            "--user",
            help=_(
                "Username of the person importing, who needs the model's import permission (the Data "
                "manager group has it); history records them. Without it, history records the "
                "operating-system account that ran the command."
            ),
        )

    def handle(self, *args, resource, file, dry_run, raise_errors, **options):
        resource_class = resolve_resource(resource)
        model = resource_class._meta.model
        user = self.acting_user(options.get("user"), model)
        if not (fmt := options.get("format") or interchange.guess_format(file)):
            raise CommandError(_("Cannot tell the format of %r: give --format csv, xlsx or json.") % file)
        data = self.read(file, options.get("encoding"))
        file_name = _("standard input") if file == "-" else os.path.basename(file)
        if user is None:
            file_name += _(" (command line, system account %s)") % getpass.getuser()
        outcome = interchange.import_data(
            resource_class,
            data,
            fmt,
            user=user,
            dry_run=dry_run,
            file_name=file_name,
            raise_errors=raise_errors,
        )
        label = str(model._meta.verbose_name_plural)
        if not outcome.ok:
            for (
                problem
            ) in outcome.problems:  # no control or bidi character from the file reaches the terminal
                self.stderr.write("".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in str(problem)))
            raise CommandError(outcome.summary(label), returncode=1)
        self.stdout.write(outcome.summary(label))

    def acting_user(self, username, model):
        if not username:
            return None
        User = get_user_model()
        user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(_("No account is called %r.") % username)
        if not user.is_active:
            raise CommandError(_("The account %r is inactive.") % username)
        perm = permission_name("import", model)
        if not user.has_perm(perm):
            raise CommandError(
                _("%(user)r may not import %(what)s (needs %(perm)s; the Data manager group has it).")
                % {"user": username, "what": model._meta.verbose_name_plural, "perm": perm}
            )
        return user

    def read(self, path: str, encoding: str | None) -> bytes:
        limit = interchange.MAX_FILE_MB * 1024 * 1024
        try:
            if path == "-":
                data = sys.stdin.buffer.read(limit + 1)
            else:
                interchange.check_size(os.path.getsize(path))
                with open(path, "rb") as handle:
                    data = handle.read(limit + 1)
            interchange.check_size(len(data))
            return data.decode(encoding).encode("utf-8") if encoding else data
        except interchange.InterchangeFileError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            error = {"path": path, "error": exc.strerror or exc}
            raise CommandError(_("Cannot read %(path)r: %(error)s") % error) from None
        except (LookupError, UnicodeDecodeError) as exc:
            message = _("Cannot read the file as %(enc)s: %(error)s") % {"enc": encoding, "error": exc}
            raise CommandError(message) from None
