"""The period report as an XLSX workbook (openpyxl, write-only: rows are streamed to the file)."""

import io

from openpyxl import Workbook

from core.spreadsheet import escape_row
from facilities.models import KIND_CATEGORY
from victims.models import ReportClass, Sex

from .queries import Report, repeat_facility_counts


def report_workbook(report: Report, tidy_header: list[str]) -> bytes:
    """Sheets: the tidy table of interfaces.md, then the tables as the page shows them."""
    workbook = Workbook(write_only=True)
    _sheet(workbook, "data", tidy_header, ([row[key] for key in tidy_header] for row in report.tidy))

    classes = report.victim_classes
    _sheet(
        workbook,
        "victims killed",
        ["perpetrator", "parent_perpetrator", "name", *classes, "total", "female", "children"],
        (
            [
                row.code,
                row.parent_code,
                _indented(row),
                *[sum(row.total[(cls, sex)] for sex in Sex.values) for cls in classes],
                sum(n for (_cls, sex), n in row.total.items() if sex != "child"),
                sum(row.total[(cls, Sex.FEMALE)] for cls in ReportClass.values),
                sum(row.total[(cls, "child")] for cls in ReportClass.values),
            ]
            for row in report.victim_rows
        ),
    )
    categories = report.attack_categories
    _sheet(
        workbook,
        "attacks",
        ["perpetrator", "parent_perpetrator", "name", *categories, "total"],
        (
            [
                row.code,
                row.parent_code,
                _indented(row),
                *[row.total[c] for c in categories],
                sum(row.total.values()),
            ]
            for row in report.attack_rows
        ),
    )
    _sheet(
        workbook,
        "repeat facilities",
        ["facility", "name", "category", "attacks"],
        (
            [row["facility__code"], row["facility__name"], KIND_CATEGORY[row["facility__kind"]], row["n"]]
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


def _indented(row) -> str:
    name = row.party.name if row.party else "unattributed"
    return "  " * row.depth + name
