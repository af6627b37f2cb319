"""Import (dry-run preview, then confirm) and export in the admin, for data managers only."""

import io
import json

import openpyxl
import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import interchange
from incidents.models import Incident
from tests.interchange.conftest import (
    INCIDENT_HEADER,
    csv_bytes,
    export_bytes,
    incident_row,
    read_csv,
    xlsx_bytes,
)

CSV, XLSX, JSON = "0", "1", "2"
ADMINS = [
    ("facilities", "place"),
    ("facilities", "facility"),
    ("incidents", "perpetrator"),
    ("incidents", "incident"),
    ("incidents", "attack"),
    ("incidents", "munition"),
    ("victims", "victim"),
]


def url(name, app="incidents", model="incident"):
    return reverse(f"admin:{app}_{model}_{name}")


def upload(client, data, fmt=CSV, name="incidents.csv", app="incidents", model="incident"):
    return client.post(
        url("import", app, model),
        {"resource": "0", "format": fmt, "import_file": SimpleUploadedFile(name, data)},
    )


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def manager_client(client, data_manager):
    client.force_login(data_manager)
    return client


@pytest.mark.parametrize("app, model", ADMINS)
def test_data_managers_see_import_and_export(manager_client, app, model):
    page = manager_client.get(url("changelist", app, model))
    assert page.status_code == 200
    assert url("import", app, model).encode() in page.content
    assert url("export", app, model).encode() in page.content
    assert manager_client.get(url("import", app, model)).status_code == 200
    assert manager_client.get(url("export", app, model)).status_code == 200


@pytest.mark.parametrize("app, model", ADMINS)
def test_documenters_are_refused(client, documenter, world, app, model):
    client.force_login(documenter)
    page = client.get(url("changelist", app, model))
    assert page.status_code == 200 and url("import", app, model).encode() not in page.content
    assert client.get(url("import", app, model)).status_code == 403
    assert upload(client, b"x", app=app, model=model).status_code == 403
    assert client.post(url("process_import", app, model), {}).status_code == 403
    assert client.post(url("export", app, model), {"format": CSV, "resource": "0"}).status_code == 403


def test_preview_then_confirm(manager_client, world, data_manager):
    rows = [
        INCIDENT_HEADER,
        incident_row(title="قصف المشفى"),
        incident_row(code="INC-2018-00001", title="New title"),
    ]
    preview = upload(manager_client, csv_bytes(rows, bom=True))
    assert preview.status_code == 200
    assert not Incident.objects.filter(code="INC-2018-00100").exists()
    assert "This file will create 1, update 1 and leave 0 unchanged." in preview.content.decode()
    assert "قصف المشفى" in preview.content.decode()
    confirm = preview.context["confirm_form"]
    done = manager_client.post(
        url("process_import"), {name: confirm[name].value() for name in confirm.fields}
    )
    assert done.status_code == 302 and done.url == url("changelist")
    created = Incident.objects.get(code="INC-2018-00100")
    assert created.title == "قصف المشفى" and created.created_by == data_manager
    record = created.history.get()
    assert (
        record.history_user == data_manager and record.history_change_reason == "Imported from incidents.csv"
    )
    assert Incident.objects.get(code="INC-2018-00001").title == "New title"
    assert LogEntry.objects.filter(user=data_manager).count() == 2


def test_every_problem_is_listed_and_nothing_imported(manager_client, world):
    rows = [
        INCIDENT_HEADER,
        incident_row(),
        incident_row(code="INC-2018-00101", date="2018-02-30", summary="<script>alert(1)</script>"),
        incident_row(code="INC-2018-00102", killed_count="-1", place="<b>nowhere</b>"),
    ]
    page = upload(manager_client, csv_bytes(rows))
    assert page.status_code == 200 and "confirm_form" not in page.context
    problems = [(p.line, p.column, p.value, p.reason) for p in page.context["result"].problems]
    assert problems == [
        (
            3,
            "date",
            '"2018-02-30"',
            "is not a real date (a year from 1, a month 1 to 12, a day that month has)",
        ),
        (4, "place", '"<b>nowhere</b>"', "no place has this pcode or name; import the places first"),
        (4, "killed_count", '"-1"', "Ensure this value is greater than or equal to 0."),
    ]
    html = page.content.decode()
    assert "Nothing was imported" in html and "The file has 3 problems." in html
    assert "<td>3</td>" in html and "<td>date</td>" in html
    assert "&lt;b&gt;nowhere&lt;/b&gt;" in html and "<b>nowhere</b>" not in html
    assert not Incident.objects.filter(code__in=["INC-2018-00100", "INC-2018-00101"]).exists()


def test_header_problems(manager_client, world):
    """A header may leave out any column but the key; it may not name a column the format lacks."""
    page = upload(
        manager_client, csv_bytes([[*INCIDENT_HEADER[1:], "real_name"], [*incident_row()[1:], "x"]])
    )
    problems = {(p.line, p.column) for p in page.context["result"].problems}
    assert problems == {(1, "code"), (1, "real_name")}
    assert "confirm_form" not in page.context  # nothing to confirm


def test_a_wrong_encoding_is_explained_on_the_form(manager_client, world):
    data = "code,title\nINC-1,قصف\n".encode("cp1256")
    page = upload(manager_client, data)
    errors = page.context["form"].errors["import_file"]
    assert any("not valid UTF-8" in e and 'Save it as "CSV UTF-8"' in e for e in errors)


def test_binary_junk_is_explained_on_the_form(manager_client, world):
    page = upload(manager_client, bytes(range(256)) * 4, fmt=XLSX, name="junk.xlsx")
    assert "not an Excel workbook" in " ".join(page.context["form"].errors["import_file"])


def test_size_limit_on_the_form(manager_client, world, monkeypatch):
    monkeypatch.setattr(interchange, "MAX_FILE_MB", 0)
    page = upload(manager_client, csv_bytes([INCIDENT_HEADER, incident_row()]))
    assert "the limit is 0 MB" in " ".join(page.context["form"].errors["import_file"])


def test_workbook_and_json_imports(manager_client, world):
    page = upload(manager_client, xlsx_bytes([INCIDENT_HEADER, incident_row()]), fmt=XLSX, name="i.xlsx")
    assert "confirm_form" in page.context
    records = [dict(zip(INCIDENT_HEADER, incident_row(), strict=True))]
    page = upload(manager_client, json.dumps(records).encode(), fmt=JSON, name="i.json")
    assert "confirm_form" in page.context


def test_a_file_that_went_bad_between_preview_and_confirm(manager_client, world):
    preview = upload(manager_client, csv_bytes([INCIDENT_HEADER, incident_row(perpetrator="russian-forces")]))
    confirm = preview.context["confirm_form"]
    world["russia"].attributions.all().delete()
    world["russia"].delete()
    page = manager_client.post(
        url("process_import"), {name: confirm[name].value() for name in confirm.fields}
    )
    assert page.status_code == 200
    assert [(p.line, p.column) for p in page.context["result"].problems] == [(2, "perpetrator")]
    assert not Incident.objects.filter(code="INC-2018-00100").exists()


@pytest.mark.parametrize("app, model", ADMINS)
def test_export_csv_streams_the_interchange_file(manager_client, world, app, model):
    response = manager_client.post(url("export", app, model), {"format": CSV, "resource": "0"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert body(response) == export_bytes(model)


def test_export_of_the_filtered_change_list(manager_client, world):
    response = manager_client.post(
        url("export") + "?status__exact=published", {"format": CSV, "resource": "0"}
    )
    rows = read_csv(body(response))
    assert [row[0] for row in rows] == ["code", "INC-2018-00001"]


def test_export_xlsx_and_json(manager_client, world):
    response = manager_client.post(url("export", "facilities", "facility"), {"format": XLSX, "resource": "0"})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    name = [c for c in sheet[2] if c.column == 2][0]
    assert name.value.startswith("'=HYPERLINK(") and name.data_type == "s"
    response = manager_client.post(url("export"), {"format": JSON, "resource": "0"})
    records = json.loads(body(response))
    assert [r["code"] for r in records] == ["INC-2018-00001", "INC-2018-00002"]
    assert records[1]["title"] == "'@Second strike"


def test_a_long_preview_shows_the_first_rows(manager_client, world):
    rows = [INCIDENT_HEADER] + [incident_row(code=f"INC-2018-{n:05d}") for n in range(100, 250)]
    page = upload(manager_client, csv_bytes(rows))
    html = page.content.decode()
    assert "This file will create 150, update 0 and leave 0 unchanged." in html
    assert "The first 100 rows are shown." in html
    assert html.count('<tr class="new">') == 100
