"""The period report's downloads, pinned byte for byte on a small data set: the CSV and XLSX are
public contracts (scripts and spreadsheets read them), unlike the page's HTML
(``tests/reports/test_report_html.py``).

A deliberate change to a download is re-pinned with ``PIN_DOWNLOADS=1``; the diff of
``tests/reports/pinned/`` then shows what a reader of the files gets differently.
"""

import difflib
import io
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.reports.cases import build_report_cases

pytestmark = pytest.mark.django_db

PINNED = Path(__file__).parent / "pinned"
DOWNLOADS = {
    "year": "/reports/?date_after=2018-01-01&date_before=2018-12-31",
    "governorate": "/reports/?month=2018-01&governorate=SY07",
    "many-repeats": "/reports/?date_after=2017-01-01&date_before=2017-12-31",
}


def workbook_text(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    lines = []
    for sheet in workbook.worksheets:
        lines.append(f"# {sheet.title}")
        lines.extend(repr(row) for row in sheet.iter_rows(values_only=True))
    return "\n".join(lines) + "\n"


def assert_pinned(text: str, name: str):
    pinned = PINNED / name
    if os.environ.get("PIN_DOWNLOADS") == "1":
        PINNED.mkdir(exist_ok=True)
        pinned.write_bytes(text.encode())
    expected = pinned.read_bytes().decode()
    if text != expected:
        diff = difflib.unified_diff(expected.splitlines(), text.splitlines(), "pinned", "now", lineterm="")
        pytest.fail("\n".join(list(diff)[:80]))


@pytest.mark.parametrize("name", DOWNLOADS)
def test_report_downloads_are_pinned(client, name):
    build_report_cases()
    csv = client.get(DOWNLOADS[name] + "&format=csv")
    assert csv.status_code == 200
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert_pinned(text, f"{name}.csv")
    xlsx = client.get(DOWNLOADS[name] + "&format=xlsx")
    assert xlsx.status_code == 200
    assert_pinned(f"{xlsx['Content-Disposition']}\n" + workbook_text(xlsx.content), f"{name}.xlsx.txt")
