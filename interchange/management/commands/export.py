"""``manage.py export <FORMAT> <resource> [-o FILE]``: every record of one resource, streamed.

Replaces django-import-export's own ``export`` command (this app comes before
``import_export`` in INSTALLED_APPS). Every cell is escaped against formula
injection; memory stays flat however many records there are.
"""

import io
import shutil

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core import interchange
from interchange.registry import RESOURCES, resolve_resource


class Command(BaseCommand):
    help = _(
        "Export every record of a spreadsheet resource as CSV, XLSX or JSON (to a file or standard output)."
    )

    def add_arguments(self, parser):
        names = ", ".join(RESOURCES)
        parser.add_argument("format", type=str.lower, choices=interchange.FORMATS, help="CSV, XLSX or JSON.")
        parser.add_argument("resource", help=_("A short name (%s) or a resource's dotted path.") % names)
        parser.add_argument("-o", "--output", help=_("File to write; standard output when left out."))
        parser.add_argument(
            "--encoding", default="utf-8", help=_("Of CSV and JSON (default: UTF-8 with BOM).")
        )

    def handle(self, *args, **options):
        try:
            resource_class = resolve_resource(options["resource"])
        except LookupError as exc:
            raise CommandError(str(exc)) from None
        fmt, target = options["format"], options.get("output")
        headers, rows = interchange.export_rows(resource_class)
        count = 0

        def counted():
            nonlocal count
            for count, row in enumerate(rows, 1):  # noqa: B007
                yield row

        binary = getattr(self.stdout._out, "buffer", None)
        if fmt == "xlsx":
            if target is None and (binary is None or self.stdout.isatty()):
                raise CommandError(_("XLSX is binary: give -o FILE or redirect standard output to a file."))
            with interchange.spool_xlsx(headers, counted()) as spool, self.open(target, binary) as out:
                shutil.copyfileobj(spool, out)
        else:
            writer = interchange.iter_json if fmt == "json" else interchange.iter_csv
            with self.open(target, binary) as out:
                for chunk in writer(headers, counted()):
                    out.write(self.encode(chunk, options["encoding"]))
        if target:
            self.stderr.write(_("Wrote %(count)s rows to %(target)s.") % {"count": count, "target": target})

    def open(self, target, binary):
        try:
            return open(target, "wb") if target else _Unclosed(binary or self.stdout._out)  # noqa: SIM115
        except OSError as exc:
            raise CommandError(
                _("Cannot write %(path)r: %(error)s") % {"path": target, "error": exc.strerror}
            ) from None

    def encode(self, chunk: bytes, encoding: str) -> bytes:
        if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
            return chunk
        try:
            return chunk.decode("utf-8").lstrip("\ufeff").encode(encoding)
        except (LookupError, UnicodeEncodeError) as exc:
            raise CommandError(
                _("Cannot write the export as %(enc)s: %(error)s") % {"enc": encoding, "error": exc}
            ) from None


class _Unclosed:
    """Standard output for a ``with`` block: flushed, not closed; a text stream gets text."""

    def __init__(self, stream):
        self.stream, self.text = stream, isinstance(stream, io.TextIOBase)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stream.flush()

    def write(self, data: bytes):
        self.stream.write(data.decode("utf-8", "replace") if self.text else data)
