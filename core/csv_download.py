"""The one CSV writer: streamed UTF-8 for spreadsheet programs.

Both the public lists' ``?format=csv`` (:func:`csv_response`) and the
spreadsheet interchange (``core.interchange.iter_csv``) write through
:func:`csv_lines`: a byte-order mark (so Excel reads Arabic correctly), then
rows as they are read, so a large download never sits in memory. Callers make
cells inert first (``core.spreadsheet``).
"""

import csv
from collections.abc import Iterable, Sequence
from itertools import islice

from django.http import StreamingHttpResponse

from .spreadsheet import escape_row

BOM = "\ufeff"
ROWS_PER_CHUNK = 200


class _Echo:
    """A file-like object whose ``write`` hands the line back to the caller."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence, rows: Iterable[Sequence], hxl: Sequence[str] | None = None):
    """Yield the CSV text in chunks: BOM and header, the optional HXL row, then the rows as given."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow(header)
    if hxl:
        yield writer.writerow(hxl)
    rows = iter(rows)
    while chunk := list(islice(rows, ROWS_PER_CHUNK)):
        yield "".join(map(writer.writerow, chunk))


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence], hxl: Sequence[str] | None = None
) -> StreamingHttpResponse:
    inert = (escape_row(["" if value is None else value for value in row]) for row in rows)
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in csv_lines(header, inert, hxl)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
