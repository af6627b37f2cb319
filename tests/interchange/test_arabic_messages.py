"""What an import or an export tells a person reads in that person's language: the problems (where,
which column, which value, why), the summary with its counts in Arabic's plural forms, the admin's
pages and messages under /ar/admin/, and the commands' output in an Arabic locale."""

import importlib
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from core.interchange import InterchangeFileError, Problem, read_table
from core.interchange_resources import ImportResult
from tests.html import parse
from tests.i18n.test_arabic_pages import visible_text
from tests.interchange.conftest import INCIDENT_HEADER, csv_bytes, incident_row, json_bytes

import_command = importlib.import_module("interchange.management.commands.import")
export_command = importlib.import_module("interchange.management.commands.export")

IMPORT = "/ar/admin/incidents/incident/import/"
# English words of the messages themselves (not of column names, values or codes).
ENGLISH_WORDS = re.compile(
    r"\b(?:line|record|row|rows|column|columns|value|file|problems?|cells?|missing|unexpected|and|"
    r"already|imported|Wrote|finished|exporter|fields)\b",
    re.IGNORECASE,
)


def bad_rows():
    """Line 3: an impossible date; line 4: line 2's code again; line 5: refers to line 6."""
    return [
        INCIDENT_HEADER,
        incident_row(),
        incident_row(code="INC-2018-00101", date="2018-02-30"),
        incident_row(code="INC-2018-00100"),
        incident_row(code="INC-2018-00102", follow_up_of="INC-2018-00103"),
        incident_row(code="INC-2018-00103"),
    ]


def results(problems):
    result = ImportResult()
    result.problems = problems
    return result


def problems_on(lines, per_line=1):
    return [Problem(line, "date", "", "x") for line in lines for _ in range(per_line)]


@pytest.mark.parametrize(
    "problems, english, arabic",
    [
        (problems_on([2]), "1 problem in 1 row", "مشكلة واحدة في صف واحد"),
        (problems_on([2], 2), "2 problems in 1 row", "مشكلتان في صف واحد"),
        (problems_on([2, 3]), "2 problems in 2 rows", "مشكلتان في صفّين"),
        (problems_on(range(2, 5), 2), "6 problems in 3 rows", "6 مشكلات في 3 صفوف"),
        (problems_on(range(2, 13)), "11 problems in 11 rows", "11 مشكلةً في 11 صفًّا"),
        (problems_on(range(2, 102)), "100 problems in 100 rows", "100 مشكلة في 100 صف"),
        ([Problem(None, "", "", "x")], "1 problem", "مشكلة واحدة"),
    ],
)
def test_the_summary_counts_in_each_languages_plural_forms(problems, english, arabic):
    with translation.override("en"):
        assert results(problems).summary("incidents") == f"Nothing was imported: {english}."
    with translation.override("ar"):
        assert results(problems).summary("الحوادث") == f"لم يُستورَد شيء: {arabic}."


def test_a_problem_says_where_it_is_in_the_readers_language():
    line = Problem(3, "date", '"2018-02-30"', "سبب")
    record = Problem(2, "", "", "سبب", "record")
    whole = Problem(None, "", "", "سبب")
    with translation.override("ar"):
        assert str(line) == 'السطر 3، العمود date، القيمة "2018-02-30": سبب'
        assert (str(record), str(whole)) == ("السجل 2: سبب", "الملف: سبب")
    with translation.override("en"):
        assert str(line) == 'line 3, column date, value "2018-02-30": سبب'
        assert (str(record), str(whole)) == ("record 2: سبب", "file: سبب")


def test_a_broken_layout_is_explained_with_counted_cells_and_columns():
    with translation.override("ar"), pytest.raises(InterchangeFileError) as caught:
        read_table(b"code,title\nINC-1,x,y\nINC-2,x,y,z\n", "csv")
    assert str(caught.value) == "بنية الملف معطوبة في صفّين؛ لم يُستورَد شيء."
    assert [p.reason for p in caught.value.problems] == [
        "في هذا الصف 3 خلايا، بينما لا يسمّي سطر العناوين سوى عمودين",
        "في هذا الصف 4 خلايا، بينما لا يسمّي سطر العناوين سوى عمودين",
    ]
    with translation.override("en"), pytest.raises(InterchangeFileError) as caught:
        read_table(b"code,title\nINC-1,x,y\n", "csv")
    assert str(caught.value) == "The file's layout is broken on 1 row; nothing was imported."


def test_json_records_that_differ_are_explained_in_arabic():
    with translation.override("ar"):
        with pytest.raises(InterchangeFileError) as caught:
            read_table(b'[{"code": "a", "name": "x"}, {"code": "b", "other": 1}]', "json")
        problem = str(caught.value.problems[0])  # said in the language of whoever reads it
    assert problem.startswith("السجل 2: ")
    assert "ناقص: name" in problem and "غير متوقَّع: other" in problem


def test_the_import_command_reports_in_arabic(world, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(bad_rows()))
    err = io.StringIO()
    with translation.override("ar"), pytest.raises(CommandError) as caught:
        call_command(import_command.Command(), "incident", str(path), stdout=io.StringIO(), stderr=err)
    assert str(caught.value) == "لم يُستورَد شيء: 3 مشكلات في 3 صفوف."
    lines = err.getvalue().splitlines()
    assert [line.split("،")[0] for line in lines] == ["السطر 3", "السطر 4", "السطر 5"]
    assert "موجودة مسبقًا في السطر 2 من هذا الملف" in lines[1]
    assert "في موضع لاحق من الملف، في السطر 6" in lines[2]
    words = [ENGLISH_WORDS.findall(re.sub(r'"[^"]*"', "", line)) for line in lines]
    assert words == [[], [], []]


def test_the_export_command_counts_rows_in_arabic(world, tmp_path):
    path = tmp_path / "incidents.csv"
    for language, expected in (("ar", f"كُتب صفّان في {path}."), ("en", f"Wrote 2 rows to {path}.")):
        err = io.StringIO()
        with translation.override(language):
            call_command(export_command.Command(), "csv", "incident", output=str(path), stderr=err)
        assert err.getvalue().strip() == expected
    err = io.StringIO()
    with translation.override("ar"):
        call_command(export_command.Command(), "csv", "munition", output=str(path), stderr=err)
    assert err.getvalue().strip() == f"كُتبت 3 صفوف في {path}."


@pytest.fixture
def manager_client(client, data_manager):
    client.force_login(data_manager)
    return client


def upload(client, data, name="incidents.csv", fmt="0"):
    return client.post(
        IMPORT, {"resource": "0", "format": fmt, "import_file": SimpleUploadedFile(name, data)}
    )


def table_cells(page) -> list[list[str]]:
    table = parse(page.content).find_all("table", class_="interchange-problems")[0]
    return [[cell.text for cell in row.find_all("td")] for row in table.find_all("tr")[1:]]


def test_the_admins_problem_table_under_ar(manager_client, world):
    page = upload(manager_client, csv_bytes(bad_rows()))
    cells = table_cells(page)
    assert [row[0] for row in cells] == ["3", "4", "5"]
    reasons = [row[3] for row in cells]
    assert "موجودة مسبقًا في السطر 2 من هذا الملف" in reasons[1] and "في السطر 6" in reasons[2]
    assert [ENGLISH_WORDS.findall(reason) for reason in reasons] == [[], [], []]


def test_the_admin_names_a_json_record_in_arabic(manager_client, world):
    records = [dict(zip(INCIDENT_HEADER, incident_row(date="2018-02-30"), strict=True))]
    page = upload(manager_client, json_bytes(records), name="incidents.json", fmt="2")
    assert [row[0] for row in table_cells(page)] == ["السجل 1"]
    refused = upload(manager_client, b'[{"code": "a"}, {"other": 1}]', name="incidents.json", fmt="2")
    assert [str(e) for e in refused.context["form"].errors["import_file"]][0].startswith("السجل 2: ")


def test_the_admins_import_and_export_pages_and_message_under_ar(manager_client, world):
    for path in (IMPORT, "/ar/admin/incidents/incident/export/"):
        text = visible_text(parse(manager_client.get(path).content))
        assert not re.search(r"This (?:im|ex)porter|following fields", text), path
    preview = upload(manager_client, csv_bytes([INCIDENT_HEADER, incident_row()]))
    confirm = preview.context["confirm_form"]
    page = manager_client.post(
        "/ar/admin/incidents/incident/process_import/",
        {name: confirm[name].value() for name in confirm.fields},
        follow=True,
    )
    assert [str(m) for m in page.context["messages"]] == [
        "تم الاستيراد: الحوادث — جديد: 1، محدَّث: 0، دون تغيير: 0."
    ]
