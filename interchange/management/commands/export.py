"""``manage.py export <FORMAT> <resource> [-o FILE]``: every record of one resource, streamed, every
cell escaped against formulas. Replaces django-import-export's own command (this app comes first)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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

    def handle(self, *args, format, resource, output, encoding, **options):
        headers, rows = interchange.export_rows(resolve_resource(resource))
        stdout = self.stdout._out
        binary = getattr(stdout, "buffer", None)
        if format == "xlsx" and not output and (binary is None or self.stdout.isatty()):
            raise CommandError(_("XLSX is binary: give -o FILE or redirect standard output to a file."))
        recode = format != "xlsx" and encoding.lower().replace("_", "-") not in ("utf-8", "utf8")
        count = 0

        def counted():
            nonlocal count
            for count, row in enumerate(rows, 1):  # noqa: B007
                yield row

        try:
            out = open(output, "wb") if output else None  # noqa: SIM115
        except OSError as exc:
            message = _("Cannot write %(path)r: %(error)s") % {"path": output, "error": exc.strerror}
            raise CommandError(message) from None
        try:
            for chunk in interchange.stream(format, headers, counted()):
                chunk = self.encode(chunk, encoding) if recode else chunk
                if out or binary:
                    (out or binary).write(chunk)
                else:  # a text stream (call_command's StringIO)
                    stdout.write(chunk.decode("utf-8", "replace"))
        finally:
            out.close() if out else (binary or stdout).flush()
        if output:
            message = ngettext(
                "Wrote %(count)s row to %(target)s.", "Wrote %(count)s rows to %(target)s.", count
            )
            self.stderr.write(message % {"count": count, "target": output})

    def encode(self, chunk: bytes, encoding: str) -> bytes:
        try:
            return chunk.decode("utf-8").lstrip("\ufeff").encode(encoding)
        except (LookupError, UnicodeEncodeError) as exc:
            message = _("Cannot write the export as %(enc)s: %(error)s") % {"enc": encoding, "error": exc}
            raise CommandError(message) from None
