"""No export path yields a cell a spreadsheet would run; escaping is undone on import."""

import io
import json
import re

import openpyxl
import pytest

from core.interchange import escape_cell, unescape_text
from core.spreadsheet import FORMULA_TRIGGERS
from tests.interchange.conftest import export_bytes, read_csv

RESOURCES = ["place", "facility", "perpetrator", "incident", "attack", "munition", "victim"]
NUMBER = re.compile(r"-?\d+(\.\d+)?")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain",
        "=1+1",
        "'=1+1",
        "''=1+1",
        "'",
        "'plain",
        "-",
        "+",
        "@",
        "\t",
        "\r",
        "-12",
        "مرحبا",
        "=",
        "'\t",
    ],
)
def test_escape_and_unescape_are_inverse(text):
    escaped = escape_cell(text)
    assert unescape_text(escaped) == text
    assert not escaped.startswith(FORMULA_TRIGGERS)


def test_escape_uses_the_shared_helper():
    assert escape_cell("=1+1") == "'=1+1" and escape_cell(-3) == -3 and escape_cell(None) is None


def dangerous(cell) -> bool:
    return isinstance(cell, str) and cell.startswith(FORMULA_TRIGGERS) and not NUMBER.fullmatch(cell)


@pytest.mark.parametrize("name", RESOURCES)
def test_csv_exports_are_inert(world, name):
    rows = read_csv(export_bytes(name, "csv"))
    assert not [cell for row in rows for cell in row if dangerous(cell)]


def test_the_world_really_contains_formula_text(world):
    cells = {cell for name in RESOURCES for row in read_csv(export_bytes(name)) for cell in row}
    assert '\'=HYPERLINK("http://evil.example","click")' in cells
    assert "'@Second strike" in cells and "'-Su-25, four missiles" in cells and "'+ near the market" in cells
    assert "'\tindented\r\nline two" in cells and "'=1+1 tending to the wounded" in cells
    # Negative coordinates stay numbers.
    assert "-36.6749" in cells


@pytest.mark.parametrize("name", RESOURCES)
def test_json_exports_are_inert(world, name):
    records = json.loads(export_bytes(name, "json"))
    assert records and not [v for record in records for v in record.values() if dangerous(v)]


@pytest.mark.parametrize("name", RESOURCES)
def test_xlsx_exports_hold_no_formula(world, name):
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(name, "xlsx")))
    cells = [cell for row in book.active.iter_rows() for cell in row]
    assert cells
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert not [c.coordinate for c in cells if dangerous(c.value)]


def test_xlsx_cells_keep_their_types(world):
    book = openpyxl.load_workbook(io.BytesIO(export_bytes("facility", "xlsx")))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    first = {h: c for h, c in zip(header, sheet[2], strict=True)}
    assert first["name"].value == '\'=HYPERLINK("http://evil.example","click")'
    assert first["name"].data_type == "s"
    assert first["longitude"].value == -36.6749 and first["longitude"].data_type == "n"
    book = openpyxl.load_workbook(io.BytesIO(export_bytes("incident", "xlsx")))
    header = [c.value for c in book.active[1]]
    first = {h: c for h, c in zip(header, book.active[2], strict=True)}
    assert first["date"].is_date and first["time"].value == "14:05"
    assert first["time_approximate"].value is True and first["killed_count"].value == 2


def test_csv_export_starts_with_a_bom_for_spreadsheet_programs(world):
    data = export_bytes("place")
    assert data.startswith(b"\xef\xbb\xbf") and "إدلب".encode() in data
