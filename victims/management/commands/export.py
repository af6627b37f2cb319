"""``manage.py export <FORMAT> <resource> [-o FILE]``: everything of one resource, streamed.

Overrides django-import-export's own ``export`` command (this app must come
before ``import_export`` in INSTALLED_APPS, or Django runs the library's).
Every cell is escaped against formula injection; CSV and JSON are written row
by row and XLSX in openpyxl's write-only mode, so memory stays flat however
many records there are.
"""

import shutil

from django.core.management.base import BaseCommand, CommandError

from core import interchange


class Counted:
    def __init__(self, rows):
        self.rows = rows
        self.count = 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


class Command(BaseCommand):
    help = (
        "Export every record of a spreadsheet resource as CSV, XLSX or JSON (to a file or standard output)."
    )

    def add_arguments(self, parser):
        parser.add_argument("format", type=str.lower, choices=interchange.FORMATS, help="CSV, XLSX or JSON.")
        parser.add_argument(
            "resource",
            help="Resource: a short name (" + ", ".join(interchange.RESOURCES) + ") or a dotted path "
            "such as incidents.resources.IncidentResource.",
        )
        parser.add_argument("-o", "--output", help="File to write; standard output when left out.")

    def handle(self, *args, **options):
        try:
            resource_class = interchange.resolve_resource(options["resource"])
        except LookupError as exc:
            raise CommandError(str(exc)) from None
        fmt = options["format"]
        headers, rows = interchange.export_rows(resource_class)
        rows = Counted(rows)
        target = options.get("output")
        if target:
            try:
                with open(target, "wb") as out:
                    interchange.write_file(fmt, headers, rows, out)
            except OSError as exc:
                raise CommandError(f"Cannot write {target!r}: {exc.strerror or exc}") from None
            self.stderr.write(f"Wrote {rows.count} rows to {target}.")
            return
        binary = getattr(self.stdout._out, "buffer", None)
        if fmt == "xlsx":
            if binary is None or self.stdout.isatty():
                raise CommandError("XLSX is binary: give -o FILE or redirect standard output to a file.")
            with interchange.spool_xlsx(headers, rows) as spool:
                shutil.copyfileobj(spool, binary)
            binary.flush()
            return
        chunks = (
            interchange.iter_json(headers, rows) if fmt == "json" else interchange.iter_csv(headers, rows)
        )
        for chunk in chunks:
            if binary is not None:
                binary.write(chunk)
            else:
                self.stdout._out.write(chunk.decode("utf-8"))
        if binary is not None:
            binary.flush()
