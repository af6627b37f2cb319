"""The period report as an XLSX workbook (openpyxl, write-only: rows are streamed to the file)."""

import io

from openpyxl import Workbook

from core.spreadsheet import escape_row
from facilities.models import KIND_CATEGORY

from .queries import Report, repeat_facility_counts
from .tables import report_tables

#: Sheet titles: codes, like the tidy table's, in either language. Column names are codes too; a
#: name's Arabic side is the last column, ``name_ar``.
SHEET_TITLES = {
    "killed": "victims killed",
    "injured": "victims injured",
    "attacks": "attacks",
    "facilities": "facilities attacked",
    "munitions": "munitions",
    "casualties": "casualties",
}


def report_workbook(report: Report, tidy_header: list[str]) -> bytes:
    """Sheets: the tidy table of interfaces.md, then the tables as the page shows them."""
    workbook = Workbook(write_only=True)
    _sheet(workbook, "data", tidy_header, ([row[key] for key in tidy_header] for row in report.tidy))

    for table in report_tables(report):
        _sheet(
            workbook,
            SHEET_TITLES[table.id],
            [
                "perpetrator",
                "parent_perpetrator",
                "name",
                *[column.code for column in table.columns],
                "name_ar",
            ],
            (
                [line["row"].code, line["row"].parent_code, _indented(line["row"])]
                + [cell.n for cell in line["cells"]]
                + [_arabic_name(line["row"])]
                for line in table.rows
            ),
        )
    _sheet(
        workbook,
        "repeat facilities",
        ["facility", "name", "category", "attacks", "name_ar"],
        (
            [
                row["facility__code"],
                row["facility__name"],
                KIND_CATEGORY[row["facility__kind"]],
                row["n"],
                row["facility__name_ar"],
            ]
            for row in repeat_facility_counts(report.period).iterator()
        ),
    )
    _sheet(
        workbook,
        "monthly",
        ["month", "attacks", "killed"],
        ([m["month"].strftime("%Y-%m"), m["attacks"], m["killed"]] for m in report.months),
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet(workbook, title, header, rows):
    sheet = workbook.create_sheet(title=title)
    sheet.append(header)
    for row in rows:
        sheet.append(escape_row(row))


def _arabic_name(row) -> str:
    """The party's Arabic name, after the counts (the columns before it are the ones readers know)."""
    return row.party.name_ar if row.party else ""


def _indented(row) -> str:
    name = row.party.name if row.party else "unattributed"
    return "  " * row.depth + name
