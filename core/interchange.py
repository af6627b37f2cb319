"""Spreadsheet interchange: reading and writing CSV, XLSX and JSON files safely.

Every import and export (admin, ``manage.py import`` / ``export``) goes through
this module:

* **Reading** (:func:`read_table`) refuses files that are too large, too long,
  not UTF-8 (with or without BOM), binary junk, malformed CSV/JSON or broken
  workbooks, with a message a person can act on. It returns a
  ``tablib.Dataset`` whose ``source_lines`` give each data row's line as a
  spreadsheet program shows it (the header is line 1; blank rows are skipped
  but still counted).
* **Writing** (:func:`iter_csv`, :func:`iter_json`, :func:`write_xlsx`) streams
  rows: CSV and JSON are produced line by line, XLSX with openpyxl's
  write-only mode. Cells reach the writers already escaped by
  :func:`escape_cell` (formula injection), so no export path can yield a cell
  a spreadsheet would run.
* **Running** (:func:`import_data`, :func:`export_rows`) ties a resource to a
  file; :data:`RESOURCES` maps short names to the resources' dotted paths.

Limits are module constants, overridable from the environment:
``IMPORT_MAX_FILE_MB`` (default 20) and ``IMPORT_MAX_ROWS`` (default 100,000).
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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

import tablib
from django.utils.module_loading import import_string

from core.spreadsheet import FORMULA_TRIGGERS, escape_formula


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    try:
        return int(value) if value else default
    except ValueError:
        return default


MAX_FILE_MB = _env_int("IMPORT_MAX_FILE_MB", 20)
MAX_ROWS = _env_int("IMPORT_MAX_ROWS", 100_000)
MAX_COLUMNS = 200
# A workbook is a zip: refuse one that would expand far beyond the upload limit.
MAX_XLSX_EXPANSION = 20
# Stop collecting structural problems after this many; the rest is noise.
MAX_FILE_PROBLEMS = 1000

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}

#: Short names accepted by the commands, and the resources' dotted paths (interfaces.md).
RESOURCES = {
    "place": "facilities.resources.PlaceResource",
    "facility": "facilities.resources.FacilityResource",
    "perpetrator": "incidents.resources.PerpetratorResource",
    "incident": "incidents.resources.IncidentResource",
    "attack": "incidents.resources.AttackResource",
    "victim": "victims.resources.VictimResource",
}


class InterchangeFileError(Exception):
    """The file as a whole cannot be read; ``problems`` says why (with lines when known)."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or [Problem(None, "", "", message)]

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Problem:
    """One reason a file or a row was refused."""

    line: int | None
    column: str
    value: str
    reason: str
    unit: str = "line"

    @property
    def where(self) -> str:
        return f"{self.unit} {self.line}" if self.line else "file"

    def __str__(self) -> str:
        parts = [self.where]
        if self.column:
            parts.append(f"column {self.column}")
        if self.value:
            parts.append(f"value {self.value}")
        return ", ".join(parts) + f": {self.reason}"


def printable(value: Any, limit: int = 80) -> str:
    """``value`` quoted for a report: control and bidi characters made visible, long text cut."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and not value.time():
        value = value.date()
    text = value.isoformat() if isinstance(value, datetime.date | datetime.time) else str(value)
    if text == "":
        return ""
    shown = []
    for char in text[:limit]:
        if unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"}:
            shown.append(f"\\u{ord(char):04x}" if ord(char) > 0xFF else f"\\x{ord(char):02x}")
        else:
            shown.append(char)
    suffix = "…" if len(text) > limit else ""
    return '"' + "".join(shown) + suffix + '"'


# --- escaping -----------------------------------------------------------------------------------


def escape_cell(value: Any) -> Any:
    """Make a cell inert for spreadsheets (``core.spreadsheet.escape_formula``), reversibly.

    Text whose first character after any leading apostrophes is a formula
    trigger gets one more apostrophe, so :func:`unescape_text` gives back
    exactly what was stored, even for text that itself began with an
    apostrophe. Numbers, dates and booleans pass through.
    """
    if isinstance(value, str) and value.startswith("'") and value.lstrip("'").startswith(FORMULA_TRIGGERS):
        return "'" + value
    return escape_formula(value)


def unescape_text(value: str) -> str:
    """Inverse of :func:`escape_cell`: ``'=A1`` typed or exported comes back as ``=A1``.

    A leading apostrophe is the spreadsheet convention for "this is text";
    it is only removed in front of a formula trigger.
    """
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


# --- reading ------------------------------------------------------------------------------------


def guess_format(file_name: str) -> str | None:
    suffix = os.path.splitext(file_name or "")[1].lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def read_table(data: bytes, fmt: str) -> tablib.Dataset:
    """Parse ``data`` as ``fmt`` into a Dataset, or raise :class:`InterchangeFileError`."""
    fmt = (fmt or "").lower()
    if fmt not in FORMATS:
        raise InterchangeFileError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}.")
    check_size(len(data))
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        raise InterchangeFileError("The file is empty.")
    if fmt == "xlsx":
        headers, rows = _parse_xlsx(data)
        unit = "line"
    elif fmt == "json":
        headers, rows = _parse_json(decode_text(data))
        unit = "record"
    else:
        headers, rows = _parse_csv(decode_text(data))
        unit = "line"
    return _build_dataset(headers, rows, unit)


def check_size(size: int) -> None:
    if size > MAX_FILE_MB * 1024 * 1024:
        raise InterchangeFileError(
            f"The file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_FILE_MB} MB. "
            "Split it into smaller files."
        )


def decode_text(data: bytes) -> str:
    """UTF-8, with or without a byte-order mark; anything else is refused, never guessed."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise InterchangeFileError(_reencode_advice("The file is UTF-32 encoded."))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InterchangeFileError(_reencode_advice("The file is UTF-16 encoded."))
    if b"\x00" in data:
        raise InterchangeFileError(
            "The file contains NUL bytes: it is binary data or UTF-16 text, not a UTF-8 text file. "
            + _REENCODE
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InterchangeFileError(
            _reencode_advice(
                f"The file is not valid UTF-8 (byte 0x{data[exc.start]:02x} on line {line} cannot be "
                "read; the file is probably in another encoding such as Windows-1256 or Latin-1)."
            )
        ) from None


_REENCODE = 'Save it as "CSV UTF-8" (or UTF-8 text) and try again.'


def _reencode_advice(message: str) -> str:
    return f"{message} {_REENCODE}"


def _normalise_header(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("\ufeff", "").strip().lower()


def _parse_csv(text: str) -> tuple[list[Any], Iterator[tuple[int, list[Any]]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        # Spreadsheets in some locales save CSV with semicolons or tabs.
        delimiter = next((d for d in (";", "\t") if d in first_line), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        headers = next(reader)
    except StopIteration:
        raise InterchangeFileError("The file is empty.") from None
    except csv.Error as exc:
        raise InterchangeFileError(f"The first line is not valid CSV ({exc}).") from None

    def rows():
        number = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise InterchangeFileError(
                    f"The file is not valid CSV near line {reader.line_num} ({exc}). "
                    "Check for a stray quotation mark."
                ) from None
            number += 1
            yield number, row

    return headers, rows()


def _parse_xlsx(data: bytes) -> tuple[list[Any], Iterator[tuple[int, list[Any]]]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InterchangeFileError(
            "The file is not an Excel workbook (.xlsx). Old .xls files must be saved as .xlsx or CSV first."
        ) from None
    if expanded > MAX_FILE_MB * MAX_XLSX_EXPANSION * 1024 * 1024:
        raise InterchangeFileError(
            f"The workbook expands to {expanded / 1024 / 1024:.0f} MB; the limit is "
            f"{MAX_FILE_MB * MAX_XLSX_EXPANSION} MB. Split it into smaller files."
        )
    try:
        # data_only=False: a formula cell is read as the text that was typed ("=..."), never run.
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = book.worksheets[0]
        iterator = sheet.iter_rows()
        header_cells = next(iterator, ())
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError):
        raise InterchangeFileError(
            "The workbook cannot be read: the file is damaged or not an .xlsx."
        ) from None

    def rows():
        number = 1
        try:
            for cells in iterator:
                number += 1
                values = []
                for cell in cells[: MAX_COLUMNS + 1]:
                    value = cell.value
                    values.append(ooxml_unescape(value) if isinstance(value, str) else value)
                    if getattr(cell, "row", None):
                        number = cell.row
                yield number, values
        except (KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
            raise InterchangeFileError(f"The workbook is damaged near row {number} ({exc}).") from None
        finally:
            book.close()

    return [ooxml_unescape(c.value) if isinstance(c.value, str) else c.value for c in header_cells], rows()


class _NoDuplicateKeys(dict):
    pass


def _json_object(pairs):
    obj = _NoDuplicateKeys()
    for key, value in pairs:
        if key in obj:
            raise InterchangeFileError(f"The JSON file repeats the key {key!r} inside one record.")
        obj[key] = value
    return obj


def _reject_constant(name):
    raise InterchangeFileError(f"The JSON file contains {name}, which is not a number.")


def _parse_json(text: str) -> tuple[list[Any], Iterator[tuple[int, list[Any]]]]:
    try:
        records = json.loads(
            text, parse_float=Decimal, parse_constant=_reject_constant, object_pairs_hook=_json_object
        )
    except json.JSONDecodeError as exc:
        raise InterchangeFileError(
            f"The file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise InterchangeFileError("A JSON import must be a list of objects, one per record.")
    if not records:
        raise InterchangeFileError("The file holds no records.")
    headers = list(records[0])

    def rows():
        for number, record in enumerate(records, 1):
            if list(record) != headers and set(record) != set(headers):
                missing = [k for k in headers if k not in record]
                extra = [k for k in record if k not in headers]
                detail = "; ".join(
                    part
                    for part in (
                        f"missing {', '.join(missing)}" if missing else "",
                        f"unexpected {', '.join(map(str, extra))}" if extra else "",
                    )
                    if part
                )
                yield number, _Misshapen(f"this record's keys differ from the first record's ({detail})")
                continue
            values = []
            for key in headers:
                value = record[key]
                if isinstance(value, dict | list):
                    yield number, _Misshapen(f"{key!s} holds a list or object, not a plain value")
                    break
                values.append(value)
            else:
                yield number, values

    return headers, rows()


class _Misshapen(str):
    """A row that cannot be lined up with the header; the text says why."""


def _build_dataset(raw_headers: list[Any], rows: Iterable[tuple[int, Any]], unit: str) -> tablib.Dataset:
    headers = [_normalise_header(h) for h in raw_headers]
    if len(headers) > MAX_COLUMNS:
        raise InterchangeFileError(f"The file has {len(headers)} columns; at most {MAX_COLUMNS} are read.")
    if not any(headers):
        raise InterchangeFileError("The first row must hold the column names (for example: code, name, ...).")
    seen: set[str] = set()
    for name in headers:
        if name and name in seen:
            raise InterchangeFileError(f"The column {name!r} appears twice in the header.")
        seen.add(name)
    width = len(headers)
    unnamed = [i for i, name in enumerate(headers) if not name]
    problems: list[Problem] = []
    data: list[list[Any]] = []
    lines: list[int] = []
    for number, row in rows:
        if isinstance(row, _Misshapen):
            problems.append(Problem(number, "", "", str(row), unit))
            continue
        if all(_blank(v) for v in row):
            continue
        if len(data) >= MAX_ROWS:
            raise InterchangeFileError(
                f"The file has more than {MAX_ROWS:,} rows; split it into smaller files."
            )
        if len(row) > width and not all(_blank(v) for v in row[width:]):
            problems.append(
                Problem(
                    number,
                    "",
                    "",
                    f"this row has {len(row)} cells but the header names only {width} columns",
                    unit,
                )
            )
            continue
        row = list(row[:width]) + [None] * (width - len(row))
        for index in unnamed:
            if not _blank(row[index]):
                problems.append(
                    Problem(number, f"#{index + 1}", printable(row[index]), "this column has no name", unit)
                )
        if len(problems) >= MAX_FILE_PROBLEMS:
            break
        data.append(row)
        lines.append(number)
    if problems:
        raise InterchangeFileError(
            f"The file's layout is broken on {len(problems)} row(s); nothing was imported.", problems
        )
    if not data:
        raise InterchangeFileError("The file has a header but no data rows.")
    keep = [i for i, name in enumerate(headers) if name]
    dataset = tablib.Dataset(headers=[headers[i] for i in keep])
    for row in data:
        dataset.append([row[i] for i in keep])
    dataset.source_lines = lines
    dataset.source_unit = unit
    return dataset


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


# --- writing ------------------------------------------------------------------------------------


def decimal_text(value: Decimal) -> str:
    """Shortest exact text of a decimal: 36.100000 -> "36.1", 0E-6 -> "0"."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"", "-0"} else text


def cell_text(value: Any) -> str:
    """A cell as CSV text. Expects values already passed through :func:`escape_cell`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


class _Line:
    """File-like sink for csv.writer that hands back what was written."""

    def write(self, text: str) -> str:
        return text


def iter_csv(headers: list[str], rows: Iterable[list[Any]], bom: bool = True) -> Iterator[bytes]:
    """CSV as UTF-8 bytes, one row at a time. The BOM makes spreadsheet programs read Arabic right."""
    writer = csv.writer(_Line())
    yield (codecs.BOM_UTF8 if bom else b"") + writer.writerow([escape_cell(h) for h in headers]).encode()
    for row in rows:
        yield writer.writerow([cell_text(v) for v in row]).encode("utf-8")


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(decimal_text(value))
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def iter_json(headers: list[str], rows: Iterable[list[Any]]) -> Iterator[bytes]:
    """A JSON list of objects, one record per line, streamed."""
    yield b"["
    separator = b"\n"
    for row in rows:
        record = dict(zip(headers, row, strict=True))
        yield separator + json.dumps(record, ensure_ascii=False, default=_json_default).encode("utf-8")
        separator = b",\n"
    yield b"\n]\n"


def write_xlsx(headers: list[str], rows: Iterable[list[Any]], target: str | IO[bytes]) -> None:
    """An .xlsx in openpyxl's write-only mode: rows go to disk as they come."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append([escape_cell(h) for h in headers])
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, str):
                value = ooxml_escape(value)
            elif isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd"
                value = cell
            elif isinstance(value, datetime.time):
                value = value.isoformat()
            cells.append(value)
        sheet.append(cells)
    book.save(target)


_OOXML_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")
# XML cannot hold most control characters, and turns a carriage return into a line feed.
_OOXML_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")


def ooxml_escape(text: str) -> str:
    """Spreadsheet XML's own escape (ST_Xstring): CR and control characters as ``_x000D_``.

    Excel reads it back as the character; :func:`ooxml_unescape` does the same
    for our imports, so an XLSX round trip keeps text byte for byte.
    """
    if "_x" in text:
        text = _OOXML_ESCAPED.sub(lambda m: "_x005F" + m.group(0), text)
    return _OOXML_UNSAFE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def ooxml_unescape(text: str) -> str:
    if "_x" not in text:
        return text
    return _OOXML_ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def write_file(fmt: str, headers: list[str], rows: Iterable[list[Any]], out: IO[bytes]) -> None:
    """Write a whole export to the binary stream ``out``."""
    if fmt == "xlsx":
        write_xlsx(headers, rows, out)
        return
    chunks = iter_json(headers, rows) if fmt == "json" else iter_csv(headers, rows)
    for chunk in chunks:
        out.write(chunk)


def spool_xlsx(headers: list[str], rows: Iterable[list[Any]]) -> IO[bytes]:
    """An XLSX in a temporary file (deleted when closed), rewound for reading."""
    spool = tempfile.TemporaryFile(prefix="hrdb-export-", suffix=".xlsx")
    write_xlsx(headers, rows, spool)
    spool.seek(0)
    return spool


# --- resources and running ----------------------------------------------------------------------


def resolve_resource(name: str):
    """A resource class from a short name (``incident``), a class name or a dotted path."""
    key = name.strip()
    plurals = {
        "places": "place",
        "facilities": "facility",
        "perpetrators": "perpetrator",
        "parties": "perpetrator",
    }
    lowered = key.lower().removesuffix("resource")
    lowered = plurals.get(lowered, lowered.removesuffix("s") if lowered.endswith("s") else lowered)
    if lowered in RESOURCES:
        key = RESOURCES[lowered]
    elif "." not in key:
        matches = [path for path in RESOURCES.values() if path.rsplit(".", 1)[1].lower() == key.lower()]
        key = matches[0] if matches else key
    if key not in RESOURCES.values():
        raise LookupError(
            f"Unknown resource {name!r}. Use one of: "
            + ", ".join(f"{short} ({path})" for short, path in RESOURCES.items())
        )
    return import_string(key)


@dataclass
class ImportOutcome:
    """What an import did (or, on a dry run, would do), and every problem found."""

    dry_run: bool
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    result: Any = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def rows_with_problems(self) -> int:
        return len({p.line for p in self.problems if p.line})

    def summary(self, label: str) -> str:
        if not self.ok:
            bad = self.rows_with_problems
            rows = f" in {bad} row{'s' if bad != 1 else ''}" if bad else ""
            return f"Nothing was imported: {len(self.problems)} problem(s){rows}."
        counts = f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged {label}"
        if self.dry_run:
            return f"Dry run, nothing saved. The file would give: {counts}."
        return f"Imported: {counts}."


def import_data(
    resource_class, data: bytes, fmt: str, *, user=None, dry_run: bool = False, file_name: str = ""
) -> ImportOutcome:
    """Import a whole file in one transaction: every row, or nothing."""
    try:
        dataset = read_table(data, fmt)
    except InterchangeFileError as exc:
        return ImportOutcome(dry_run=dry_run, problems=list(exc.problems))
    resource = resource_class(user=user, file_name=file_name, preview=False)
    result = resource.import_data(dataset, dry_run=dry_run, user=user, file_name=file_name)
    return outcome_of(result, dry_run)


def outcome_of(result, dry_run: bool) -> ImportOutcome:
    totals = result.totals
    return ImportOutcome(
        dry_run=dry_run,
        new=totals["new"],
        updated=totals["update"],
        unchanged=totals["skip"],
        problems=list(getattr(result, "problems", [])),
        result=result,
    )


def export_rows(resource_class, queryset=None) -> tuple[list[str], Iterator[list[Any]]]:
    """Headers and a lazy, escaped row iterator for ``queryset`` (default: everything)."""
    resource = resource_class()
    return list(resource.columns), resource.iter_export(queryset)
