"""``manage.py import <resource> <file>``: load a spreadsheet, all rows or none.

Overrides django-import-export's own ``import`` command (this app must come
before ``import_export`` in INSTALLED_APPS, or Django runs the library's).
"""

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core import interchange


def safe(text: str) -> str:
    """A line for the terminal: no control or bidi characters from the file reach it."""
    return "".join(ch if ch.isprintable() or ch == " " else f"\\u{ord(ch):04x}" for ch in text)


class Command(BaseCommand):
    help = (
        "Import a CSV, XLSX or JSON file through a spreadsheet resource. The whole file is one "
        "transaction: if any row is refused, nothing is saved, every problem is listed with its "
        "line, column, value and reason, and the command exits with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "resource",
            help="Resource: a short name (" + ", ".join(interchange.RESOURCES) + ") or a dotted path "
            "such as incidents.resources.IncidentResource.",
        )
        parser.add_argument("file", help='The file to import, or "-" for standard input (give --format).')
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the whole file and report what would change; save nothing.",
        )
        parser.add_argument(
            "--format",
            choices=interchange.FORMATS,
            type=str.lower,
            help="File format; guessed from the file name's extension when left out.",
        )
        parser.add_argument(
            "--user",
            help="Username of the person importing: history records them. They need the model's import "
            "permission (the Data manager group has it). Without it, history records the operating-system "
            "account that ran the command.",
        )

    def handle(self, *args, **options):
        try:
            resource_class = interchange.resolve_resource(options["resource"])
        except LookupError as exc:
            raise CommandError(str(exc)) from None
        model = resource_class._meta.model
        user = self.acting_user(options.get("user"), model)
        path = options["file"]
        fmt = options.get("format") or interchange.guess_format(path)
        if not fmt:
            raise CommandError(f"Cannot tell the format of {path!r}: give --format csv, xlsx or json.")
        data = self.read(path)
        file_name = "standard input" if path == "-" else os.path.basename(path)
        if user is None:
            file_name = f"{file_name} (command line, system account {getpass.getuser()})"
        outcome = interchange.import_data(
            resource_class, data, fmt, user=user, dry_run=options["dry_run"], file_name=file_name
        )
        label = str(model._meta.verbose_name_plural)
        if not outcome.ok:
            for problem in outcome.problems:
                self.stderr.write(safe(str(problem)))
            raise CommandError(outcome.summary(label), returncode=1)
        self.stdout.write(outcome.summary(label))

    def acting_user(self, username, model):
        if not username:
            return None
        User = get_user_model()
        try:
            user = User._default_manager.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No account is called {username!r}.") from None
        if not user.is_active:
            raise CommandError(f"The account {username!r} is inactive.")
        perm = f"{model._meta.app_label}.import_{model._meta.model_name}"
        if not user.has_perm(perm):
            raise CommandError(
                f"{username!r} may not import {model._meta.verbose_name_plural} (needs {perm}; "
                "the Data manager group has it)."
            )
        return user

    def read(self, path: str) -> bytes:
        limit = interchange.MAX_FILE_MB * 1024 * 1024
        if path == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            try:
                size = os.path.getsize(path)
                if size > limit:
                    interchange.check_size(size)
                with open(path, "rb") as handle:
                    data = handle.read(limit + 1)
            except interchange.InterchangeFileError as exc:
                raise CommandError(str(exc)) from None
            except OSError as exc:
                raise CommandError(f"Cannot read {path!r}: {exc.strerror or exc}") from None
        if len(data) > limit:
            raise CommandError(f"The file is larger than the limit of {interchange.MAX_FILE_MB} MB.")
        return data
