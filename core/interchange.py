"""Spreadsheet interchange files: CSV, XLSX and JSON read and written safely.

:func:`read_table` refuses what is too large (``IMPORT_MAX_FILE_MB``, ``IMPORT_MAX_ROWS`` in the
environment), not UTF-8, junk or malformed, in words a person can act on; ``source_lines`` gives each
row's line as a spreadsheet numbers it. The writers stream, every cell escaped against formulas.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import json
import os
import re
import tempfile
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

import openpyxl
import tablib
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl.utils.escape import unescape as ooxml_unescape  # _x000D_ -> CR
from openpyxl.utils.exceptions import InvalidFileException

from core.csv_download import csv_lines
from core.spreadsheet import FORMULA_TRIGGERS

MAX_FILE_MB = int(os.environ.get("IMPORT_MAX_FILE_MB", "").strip() or 20)
MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "").strip() or 100_000)
MAX_COLUMNS, MAX_FILE_PROBLEMS = 200, 1000
MAX_XLSX_EXPANSION = 20  # a workbook is a zip: refuse one that expands far beyond the upload limit
FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@dataclass(frozen=True)
class Problem:
    """One reason a file or a row was refused."""

    line: int | None
    column: str
    value: str
    reason: str
    unit: str = "line"

    def __str__(self) -> str:
        parts = [place_in_file(self.unit, self.line) if self.line else _("file")]
        parts += [_("column %s") % self.column] if self.column else []
        parts += [_("value %s") % self.value] if self.value else []
        return _("%(where)s: %(reason)s") % {"where": _(", ").join(parts), "reason": self.reason}


def place_in_file(unit: str, line: int) -> str:
    """Where a row is, in the reader's language: "line 3" (CSV, XLSX) or "record 3" (JSON)."""
    return (_("record %s") if unit == "record" else _("line %s")) % line


class InterchangeFileError(Exception):
    """The file as a whole cannot be read; ``problems`` says why (with lines when known)."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or [Problem(None, "", "", message)]


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def as_text(value: Any) -> str:
    """A cell as text, whatever type it has (a workbook's numbers, dates, booleans; a database's)."""
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | Decimal):  # the shortest exact text: 36.100000 -> "36.1", 0E-6 -> "0"
        text = format(Decimal(repr(value)) if isinstance(value, float) else value, "f")
        text = text.rstrip("0").rstrip(".") if "." in text else text
        return "0" if text in {"", "-0"} else text
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        value = value.date()
    if isinstance(value, datetime.time):  # 14:05, or 14:05:30
        return value.isoformat("seconds" if value.second else "minutes")
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def printable(value: Any, limit: int = 80) -> str:
    """``value`` quoted for a report: control and bidi characters made visible, long text cut."""
    text = as_text(value)
    if not text:
        return ""
    shown = "".join(
        (f"\\u{ord(c):04x}" if ord(c) > 0xFF else f"\\x{ord(c):02x}")
        if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"}
        else c
        for c in text[:limit]
    )
    return '"' + shown + ("…" if len(text) > limit else "") + '"'


def escape_cell(value: Any) -> Any:
    """``core.spreadsheet.escape_formula``, reversibly: an apostrophe already before a formula
    trigger gets one more."""
    return "'" + value if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_TRIGGERS) else value


def unescape_text(value: str) -> str:
    """Inverse of :func:`escape_cell`: the apostrophe goes only in front of a formula trigger."""
    return value[1:] if value.startswith("'") and value.lstrip("'").startswith(FORMULA_TRIGGERS) else value


def guess_format(file_name: str) -> str | None:
    suffix = os.path.splitext(file_name or "")[1].lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def read_table(data: bytes, fmt: str) -> tablib.Dataset:
    """Parse ``data`` as ``fmt`` into a Dataset, or raise :class:`InterchangeFileError`."""
    if (fmt := (fmt or "").lower()) not in FORMATS:
        raise InterchangeFileError(_("Unknown format %(fmt)r: use csv, xlsx or json.") % {"fmt": fmt})
    check_size(len(data))
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        raise InterchangeFileError(_("The file is empty."))
    parse = {"csv": _parse_csv, "json": _parse_json, "xlsx": _parse_xlsx}[fmt]
    return _build_dataset(parse(data), "record" if fmt == "json" else "line")


def check_size(size: int) -> None:
    if size > MAX_FILE_MB * 1024 * 1024:
        message = _("The file is %(size).1f MB; the limit is %(limit)s MB. Split it into smaller files.")
        raise InterchangeFileError(message % {"size": size / 1024 / 1024, "limit": MAX_FILE_MB})


def decode_text(data: bytes) -> str:
    """UTF-8, with or without a byte-order mark; anything else is refused, never guessed."""
    advice = " " + _('Save it as "CSV UTF-8" (or UTF-8 text) and try again.')
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data:
        message = _("The file is not UTF-8: it is UTF-16 or UTF-32 text, or binary data (NUL bytes).")
        raise InterchangeFileError(message + advice)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = _(
            "The file is not valid UTF-8 (byte 0x%(byte)02x on line %(line)s cannot be read; the file is "
            "probably in another encoding such as Windows-1256 or Latin-1)."
        ) % {"byte": data[exc.start], "line": data.count(b"\n", 0, exc.start) + 1}
        raise InterchangeFileError(message + advice) from None


# Each parser yields (line or record number, cells), the header first; or, for a row, a reason
# (text) why its cells cannot be lined up with the header.


def _parse_csv(data: bytes):
    text = decode_text(data)
    first_line = text.split("\n", 1)[0]
    # Spreadsheets in some locales save CSV with semicolons or tabs.
    delimiter = "," if "," in first_line else next((d for d in ";\t" if d in first_line), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        yield from enumerate(reader, 1)
    except csv.Error as exc:
        message = _(
            "The file is not valid CSV near line %(line)s (%(error)s). Check for a stray quotation mark."
        )
        raise InterchangeFileError(message % {"line": reader.line_num, "error": exc}) from None


def _parse_xlsx(data: bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        message = _(
            "The file is not an Excel workbook (.xlsx). Old .xls files must be saved as .xlsx or CSV first."
        )
        raise InterchangeFileError(message) from None
    if expanded > (limit := MAX_FILE_MB * MAX_XLSX_EXPANSION) * 1024 * 1024:
        message = _(
            "The workbook expands to %(size).0f MB; the limit is %(limit)s MB. Split it into smaller files."
        )
        raise InterchangeFileError(message % {"size": expanded / 1024 / 1024, "limit": limit})
    try:
        # data_only=False: a formula cell is read as the text that was typed ("=..."), never run.
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        iterator = book.worksheets[0].iter_rows()
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError):
        message = _("The workbook cannot be read: the file is damaged or not an .xlsx.")
        raise InterchangeFileError(message) from None
    number = 0
    try:
        for cells in iterator:
            number = next((c.row for c in cells if getattr(c, "row", None)), number + 1)
            values = (cell.value for cell in cells[: MAX_COLUMNS + 1])
            yield number, [ooxml_unescape(v) if isinstance(v, str) else v for v in values]
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
        message = _("The workbook is damaged near row %(row)s (%(error)s).")
        raise InterchangeFileError(message % {"row": number, "error": exc}) from None
    finally:
        book.close()


def _unique_keys(pairs):
    if len(obj := dict(pairs)) < len(pairs):
        key = next(key for key, count in Counter(key for key, _value in pairs).items() if count > 1)
        raise InterchangeFileError(_("The JSON file repeats the key %r inside one record.") % key)
    return obj


def _no_nan(name):
    raise InterchangeFileError(_("The JSON file contains %s, which is not a number.") % name)


def _parse_json(data: bytes):
    text = decode_text(data)
    try:
        records = json.loads(
            text, parse_float=Decimal, parse_constant=_no_nan, object_pairs_hook=_unique_keys
        )
    except json.JSONDecodeError as exc:
        message = _("The file is not valid JSON (line %(line)s, column %(col)s: %(msg)s).")
        raise InterchangeFileError(message % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}) from None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise InterchangeFileError(_("A JSON import must be a list of objects, one per record."))
    if not records:
        raise InterchangeFileError(_("The file holds no records."))
    yield 0, (headers := list(records[0]))
    for number, record in enumerate(records, 1):
        if set(record) != set(headers):
            missing = ", ".join(k for k in headers if k not in record)
            extra = ", ".join(str(k) for k in record if k not in headers)
            detail = "; ".join(
                filter(None, (missing and _("missing %s") % missing, extra and _("unexpected %s") % extra))
            )
            yield number, _("this record's keys differ from the first record's (%s)") % detail
        elif nested := next((k for k in headers if isinstance(record[k], dict | list)), None):
            yield number, _("%s holds a list or object, not a plain value") % nested
        else:
            yield number, [record[key] for key in headers]


def too_wide(row: list, width: int) -> str:
    cells = ngettext("%(count)s cell", "%(count)s cells", len(row)) % {"count": len(row)}
    columns = ngettext("%(count)s column", "%(count)s columns", width) % {"count": width}
    return _("this row has %(cells)s but the header names only %(columns)s") % {
        "cells": cells,
        "columns": columns,
    }


def _build_dataset(rows, unit: str) -> tablib.Dataset:
    raw_headers = next(rows, (1, []))[1]
    headers = ["" if h is None else str(h).replace("\ufeff", "").strip().lower() for h in raw_headers]
    if len(headers) > MAX_COLUMNS:
        message = ngettext(
            "The file has %(n)s column; at most %(max)s are read.",
            "The file has %(n)s columns; at most %(max)s are read.",
            len(headers),
        )
        raise InterchangeFileError(message % {"n": len(headers), "max": MAX_COLUMNS})
    if not any(headers):
        message = _("The first row must hold the column names (for example: code, name, ...).")
        raise InterchangeFileError(message)
    for name in {h for h in headers if h and headers.count(h) > 1}:
        raise InterchangeFileError(_("The column %r appears twice in the header.") % name)
    width, keep = len(headers), [i for i, name in enumerate(headers) if name]
    problems, lines, no_name = [], [], _("this column has no name")
    dataset = tablib.Dataset(headers=[headers[i] for i in keep])
    for number, row in rows:
        if isinstance(row, str) or not all(blank(v) for v in row[width:]):
            problems.append(
                Problem(number, "", "", row if isinstance(row, str) else too_wide(row, width), unit)
            )
            continue
        if all(blank(v) for v in row):
            continue
        if len(lines) >= MAX_ROWS:
            message = ngettext(
                "The file has more than %(count)s row; split it into smaller files.",
                "The file has more than %(count)s rows; split it into smaller files.",
                MAX_ROWS,
            )
            raise InterchangeFileError(message % {"count": f"{MAX_ROWS:,}"})
        row = list(row) + [None] * (width - len(row))
        unnamed = [i for i, name in enumerate(headers) if not name and not blank(row[i])]
        problems += [Problem(number, f"#{i + 1}", printable(row[i]), no_name, unit) for i in unnamed]
        if len(problems) >= MAX_FILE_PROBLEMS:
            break
        dataset.append([row[i] for i in keep])
        lines.append(number)
    if problems:
        message = ngettext(
            "The file's layout is broken on %(count)s row; nothing was imported.",
            "The file's layout is broken on %(count)s rows; nothing was imported.",
            len(problems),
        ) % {"count": len(problems)}
        raise InterchangeFileError(message, problems)
    if not lines:
        raise InterchangeFileError(_("The file has a header but no data rows."))
    dataset.source_lines, dataset.source_unit = lines, unit
    return dataset


def iter_csv(headers: list[str], rows) -> Any:
    """CSV as UTF-8 bytes through the one CSV writer (``core.csv_download``); rows arrive escaped."""
    lines = csv_lines([escape_cell(h) for h in headers], ([as_text(v) for v in row] for row in rows))
    return (line.encode("utf-8") for line in lines)


def _json_default(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else as_text(value)  # dates and times as text


def iter_json(headers: list[str], rows):
    """A JSON list of objects, one record per line, streamed."""
    separator = b"[\n"
    for row in rows:
        record = dict(zip(headers, row, strict=True))
        yield separator + json.dumps(record, ensure_ascii=False, default=_json_default).encode("utf-8")
        separator = b",\n"
    yield b"[\n]\n" if separator == b"[\n" else b"\n]\n"


def write_xlsx(headers: list[str], rows, target: str | IO[bytes]) -> None:
    """An .xlsx in openpyxl's write-only mode: rows go to disk as they come."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append([escape_cell(h) for h in headers])
    for row in rows:  # a date gets openpyxl's yyyy-mm-dd format; a time of day is text
        sheet.append([ooxml_escape(as_text(v)) if isinstance(v, str | datetime.time) else v for v in row])
    book.save(target)


def stream(fmt: str, headers: list[str], rows):
    """The export as bytes, a chunk at a time; a workbook is spooled to a temporary file first."""
    if fmt != "xlsx":
        yield from (iter_json if fmt == "json" else iter_csv)(headers, rows)
        return
    with tempfile.TemporaryFile(prefix="hrdb-export-", suffix=".xlsx") as spool:
        write_xlsx(headers, rows, spool)
        spool.seek(0)
        yield from iter(lambda: spool.read(64 * 1024), b"")


_OOXML_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")
# XML cannot hold most control characters, and turns a carriage return into a line feed.
_OOXML_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")


def ooxml_escape(text: str) -> str:
    """Spreadsheet XML's own escape (ST_Xstring): CR and control characters as ``_x000D_``."""
    if "_x" in text:
        text = _OOXML_ESCAPED.sub(lambda m: "_x005F" + m.group(0), text)
    return _OOXML_UNSAFE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def import_data(resource_class, data: bytes, fmt: str, **kwargs):
    """Import a whole file in one transaction, every row or nothing: the resource's ``Result``."""
    resource = resource_class()
    try:
        return resource.import_data(read_table(data, fmt), **kwargs)
    except InterchangeFileError as exc:
        return resource.get_result_class()(exc.problems)


def export_rows(resource_class, queryset=None):
    """Headers and a lazy, escaped row iterator for ``queryset`` (default: everything)."""
    resource = resource_class()
    return resource.get_export_headers(), resource.iter_export(queryset)
