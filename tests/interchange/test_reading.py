"""Whole-file checks: encodings, junk, limits, layout. Refused files say why, in words."""

import codecs
import io
import zipfile

import pytest

from core import interchange
from core.interchange import InterchangeFileError, read_table
from tests.interchange.conftest import csv_bytes, xlsx_bytes

ARABIC = "مستشفى الإحسان"


def refused(data, fmt="csv"):
    with pytest.raises(InterchangeFileError) as caught:
        read_table(data, fmt)
    return caught.value


def test_utf8_with_and_without_bom_read_the_same():
    rows = [["code", "name"], ["X-1", ARABIC]]
    plain, with_bom = read_table(csv_bytes(rows), "csv"), read_table(csv_bytes(rows, bom=True), "csv")
    assert plain.headers == with_bom.headers == ["code", "name"]
    assert list(plain) == list(with_bom) == [("X-1", ARABIC)]


@pytest.mark.parametrize("encoding", ["cp1256", "iso-8859-6"])
def test_arabic_in_a_legacy_encoding_is_refused_not_garbled(encoding):
    data = f"code,name\nX-1,{ARABIC}\n".encode(encoding)
    error = refused(data)
    assert "not valid UTF-8" in str(error)
    assert "line 2" in str(error)
    assert "CSV UTF-8" in str(error)


def test_latin1_is_refused():
    assert "not valid UTF-8" in str(refused("code,name\nX-1,Hôpital\n".encode("latin-1")))


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_utf16_is_refused(bom):
    codec = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
    data = bom + f"code,name\nX-1,{ARABIC}\n".encode(codec)
    assert "UTF-16" in str(refused(data))


def test_utf16_without_bom_is_refused_as_binary():
    data = f"code,name\nX-1,{ARABIC}\n".encode("utf-16-le")
    assert "NUL bytes" in str(refused(data))


@pytest.mark.parametrize("data", [b"", b"   \r\n\n", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_empty_files(data, fmt):
    assert "empty" in str(refused(data, fmt)).lower() or "no records" in str(refused(data, fmt))


def test_header_without_rows():
    assert "no data rows" in str(refused(b"code,name\r\n\r\n"))


JUNK = bytes(range(256)) * 8


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_binary_junk(fmt):
    assert str(refused(JUNK, fmt))


def test_image_uploaded_as_a_workbook():
    error = refused(b"\x89PNG\r\n\x1a\n" + JUNK, "xlsx")
    assert "not an Excel workbook" in str(error)


def test_zip_that_is_not_a_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert "cannot be read" in str(refused(out.getvalue(), "xlsx"))


def test_workbook_that_expands_too_far(monkeypatch):
    monkeypatch.setattr(interchange, "MAX_XLSX_EXPANSION", 0)
    assert "expands to" in str(refused(xlsx_bytes([["code"], ["x"]]), "xlsx"))


def test_unterminated_quote():
    error = refused(b'code,name\r\nX-1,"never closed\r\nX-2,b\r\n')
    assert "not valid CSV" in str(error)


def test_semicolon_separated_csv_from_a_european_spreadsheet():
    dataset = read_table("code;name\r\nX-1;Hôpital\r\n".encode(), "csv")
    assert dataset.headers == ["code", "name"] and list(dataset) == [("X-1", "Hôpital")]


def test_headers_are_trimmed_and_lower_cased():
    assert read_table(b"\xef\xbb\xbf Code ,NAME\r\nx,y\r\n", "csv").headers == ["code", "name"]


def test_duplicate_header():
    assert "appears twice" in str(refused(b"code,name,code\r\nx,y,z\r\n"))


def test_blank_lines_are_skipped_but_counted():
    data = b'code,name\r\n\r\nX-1,"two\r\nlines"\r\n,\r\nX-2,b\r\n'
    dataset = read_table(data, "csv")
    assert list(dataset) == [("X-1", "two\r\nlines"), ("X-2", "b")]
    # Spreadsheet rows: header 1, blank 2, X-1 3, blank 4, X-2 5.
    assert dataset.source_lines == [3, 5]


def test_rows_longer_than_the_header():
    error = refused(b"code,name\r\nX-1,a\r\nX-2,b,surprise\r\nX-3,c,,\r\n")
    assert [(p.line, p.reason) for p in error.problems] == [
        (3, "this row has 3 cells but the header names only 2 columns")
    ]


def test_short_rows_are_padded():
    assert list(read_table(b"code,name,other\r\nX-1\r\n", "csv")) == [("X-1", None, None)]


def test_data_under_an_unnamed_column():
    error = refused(b"code,,name\r\nX-1,oops,a\r\n")
    assert [(p.line, p.column) for p in error.problems] == [(2, "#2")]


def test_empty_unnamed_columns_are_ignored():
    dataset = read_table(xlsx_bytes([["code", None, "name"], ["X-1", None, "a"]]), "xlsx")
    assert dataset.headers == ["code", "name"] and list(dataset) == [("X-1", "a")]


def test_row_limit(monkeypatch):
    monkeypatch.setattr(interchange, "MAX_ROWS", 3)
    read_table(csv_bytes([["code"], ["a"], ["b"], ["c"]]), "csv")
    assert "more than 3 rows" in str(refused(csv_bytes([["code"], ["a"], ["b"], ["c"], ["d"]])))


def test_size_limit(monkeypatch):
    monkeypatch.setattr(interchange, "MAX_FILE_MB", 1)
    error = refused(b"code\r\n" + b"x" * (1024 * 1024) + b"\r\n")
    assert "the limit is 1 MB" in str(error)


def test_json_reading():
    data = '[{"code": "X-1", "name": "NAME", "lat": 36.10, "n": 2, "ok": true, "none": null}]'
    data = data.replace("NAME", ARABIC)
    dataset = read_table(data.encode(), "json")
    assert dataset.source_unit == "record" and dataset.source_lines == [1]
    code, name, lat, n, ok, none = dataset[0]
    assert (code, name, str(lat), n, ok, none) == ("X-1", ARABIC, "36.10", 2, True, None)


@pytest.mark.parametrize(
    "data, message",
    [
        (b'{"code": "x"}', "list of objects"),
        (b"[1, 2]", "list of objects"),
        (b"[]", "no records"),
        (b'[{"code": NaN}]', "NaN"),
        (b'[{"code": "a", "code": "b"}]', "repeats the key"),
        (b'[{"code": "a"', "not valid JSON (line 1"),
    ],
)
def test_bad_json(data, message):
    assert message in str(refused(data, "json"))


def test_json_records_that_do_not_line_up():
    data = b'[{"code": "a", "name": "x"}, {"code": "b"}, {"code": "c", "name": {"nested": 1}}]'
    error = refused(data, "json")
    assert [(p.unit, p.line) for p in error.problems] == [("record", 2), ("record", 3)]
    assert "missing name" in error.problems[0].reason


def test_json_keys_in_another_order_are_fine():
    dataset = read_table(b'[{"code": "a", "name": "x"}, {"name": "y", "code": "b"}]', "json")
    assert list(dataset) == [("a", "x"), ("b", "y")]


def test_workbook_reading_keeps_formulas_as_typed_and_counts_rows():
    data = xlsx_bytes([["code", "name"], ["X-1", "=1+1"], [None, None], ["X-2", '=HYPERLINK("http://x")']])
    dataset = read_table(data, "xlsx")
    assert list(dataset) == [("X-1", "=1+1"), ("X-2", '=HYPERLINK("http://x")')]
    assert dataset.source_lines == [2, 4]


def test_ooxml_escapes_round_trip():
    for text in ["a\rb", "_x000D_ literal", "tab\tand\nnewline", "\x01", "_x005F_"]:
        assert interchange.ooxml_unescape(interchange.ooxml_escape(text)) == text
