"""``manage.py import`` and ``manage.py export``."""

import importlib
import io
import sys

import pytest
from django.core.management import CommandError, call_command, get_commands

from core import interchange
from incidents.models import Incident
from interchange.registry import resolve_resource
from tests.interchange.conftest import (
    INCIDENT_HEADER,
    csv_bytes,
    export_bytes,
    incident_row,
    read_csv,
    xlsx_values,
)

import_command = importlib.import_module("interchange.management.commands.import")
export_command = importlib.import_module("interchange.management.commands.export")


def run_import(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command(import_command.Command(), *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def run_export(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command(export_command.Command(), *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "incidents.csv"
    path.write_bytes(csv_bytes([INCIDENT_HEADER, incident_row(), incident_row(code="INC-2018-00101")]))
    return path


@pytest.fixture
def bad_file(tmp_path):
    rows = [
        INCIDENT_HEADER,
        incident_row(),
        incident_row(code="INC-2018-00101", date="2018-02-30", place="??"),
    ]
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(rows))
    return path


def test_manage_py_runs_these_commands():
    # INSTALLED_APPS lists import_export after the project's apps: the first app's command wins.
    assert get_commands()["import"] == get_commands()["export"] == "interchange"


def test_import(world, good_file, data_manager):
    out, err = run_import("incidents.resources.IncidentResource", str(good_file), user="datamanager")
    assert out.strip() == "Imported: 2 new, 0 updated, 0 unchanged incidents."
    assert Incident.objects.get(code="INC-2018-00101").history.get().history_user == data_manager
    out, _err = run_import("incident", str(good_file), user="datamanager")
    assert out.strip() == "Imported: 0 new, 0 updated, 2 unchanged incidents."


def test_a_bad_file_lists_every_problem_and_exits_with_status_1(world, bad_file):
    with pytest.raises(CommandError) as caught:
        run_import("incident", str(bad_file))
    assert caught.value.returncode == 1
    assert str(caught.value) == "Nothing was imported: 2 problems in 1 row."
    assert not Incident.objects.filter(code="INC-2018-00100").exists()


def test_problems_go_to_stderr(world, bad_file):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(import_command.Command(), "incident", str(bad_file), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        'line 3, column date, value "2018-02-30": '
        "is not a real date (a year from 1, a month 1 to 12, a day that month has)",
        'line 3, column place, value "??": no place has this pcode or name; import the places first',
    ]


def test_terminal_output_is_defanged(world, tmp_path):
    path = tmp_path / "evil.csv"
    path.write_bytes(csv_bytes([INCIDENT_HEADER, incident_row(place="\x1b[2J\u202eevil")]))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(import_command.Command(), "incident", str(path), stdout=io.StringIO(), stderr=err)
    assert "\x1b" not in err.getvalue() and "\u202e" not in err.getvalue()
    assert "\\x1b" in err.getvalue()


def test_dry_run(world, good_file):
    out, _err = run_import("incident", str(good_file), dry_run=True)
    assert (
        out.strip() == "Dry run, nothing saved. The file would give: 2 new, 0 updated, 0 unchanged incidents."
    )
    assert not Incident.objects.filter(code="INC-2018-00100").exists()


def test_without_a_user_history_names_the_system_account(world, good_file):
    run_import("incident", str(good_file))
    record = Incident.objects.get(code="INC-2018-00100").history.get()
    assert record.history_user is None
    assert record.history_change_reason.startswith(
        "Imported from incidents.csv (command line, system account "
    )


@pytest.mark.parametrize(
    "username, message", [("nobody", "No account is called"), ("documenter", "may not import")]
)
def test_the_user_must_exist_and_may_import(world, good_file, documenter, username, message):
    with pytest.raises(CommandError, match=message):
        run_import("incident", str(good_file), user=username)
    assert not Incident.objects.filter(code="INC-2018-00100").exists()


@pytest.mark.parametrize(
    "name, resource",
    [
        ("incident", "IncidentResource"),
        ("incidents", "IncidentResource"),
        ("IncidentResource", "IncidentResource"),
        ("incidents.resources.IncidentResource", "IncidentResource"),
        ("facilities", "FacilityResource"),
        ("Places", "PlaceResource"),
        ("attacks", "AttackResource"),
        ("munitions", "MunitionResource"),
        ("incidents.resources.MunitionResource", "MunitionResource"),
        ("victims.resources.VictimResource", "VictimResource"),
    ],
)
def test_resource_names(name, resource):
    assert resolve_resource(name).__name__ == resource


def test_unknown_resource(good_file):
    with pytest.raises(CommandError, match="Unknown resource 'auth.User'"):
        run_import("auth.User", str(good_file))


def test_format_from_the_extension_or_the_option(world, tmp_path):
    path = tmp_path / "incidents.txt"
    path.write_bytes(csv_bytes([INCIDENT_HEADER, incident_row()]))
    with pytest.raises(CommandError, match="give --format"):
        run_import("incident", str(path))
    out, _err = run_import("incident", str(path), format="CSV")
    assert "1 new" in out


def test_missing_file():
    with pytest.raises(CommandError, match="Cannot read"):
        run_import("incident", "/nonexistent/file.csv")


def test_file_over_the_limit(world, good_file, monkeypatch):
    monkeypatch.setattr(interchange, "MAX_FILE_MB", 0)
    with pytest.raises(CommandError, match="the limit is 0 MB"):
        run_import("incident", str(good_file))


def test_standard_input(world, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(csv_bytes([INCIDENT_HEADER, incident_row()])))
    monkeypatch.setattr(sys, "stdin", stdin)
    out, _err = run_import("incident", "-", format="csv")
    assert "1 new" in out


@pytest.mark.parametrize("fmt", ["CSV", "xlsx", "json"])
def test_export_to_a_file(world, tmp_path, fmt):
    path = tmp_path / f"incidents.{fmt.lower()}"
    _out, err = run_export(fmt, "incidents.resources.IncidentResource", output=str(path))
    assert err.strip() == f"Wrote 2 rows to {path}."
    if fmt == "xlsx":
        assert xlsx_values(path.read_bytes()) == xlsx_values(export_bytes("incident", "xlsx"))
    else:
        assert path.read_bytes() == export_bytes("incident", fmt.lower())


def test_export_to_standard_output(world):
    out, _err = run_export("CSV", "victim")
    assert read_csv(out.encode()) == read_csv(export_bytes("victim"))


def test_xlsx_needs_a_file(world):
    with pytest.raises(CommandError, match="XLSX is binary"):
        run_export("xlsx", "victim")


def test_the_librarys_option_names(world, tmp_path, good_file, bad_file):
    """--dry-run (-n), --format, --encoding and --raise-errors, as django-import-export spells them."""
    out, _err = call(import_command, "incident", str(good_file), "-n")
    assert out.startswith("Dry run, nothing saved.")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(
        "\n".join(",".join(row) for row in [INCIDENT_HEADER, incident_row(title="قصف")]).encode("cp1256")
    )
    out, _err = call(import_command, "incident", str(legacy), "--format", "csv", "--encoding", "cp1256")
    assert "1 new" in out and Incident.objects.get(code="INC-2018-00100").title == "قصف"
    with pytest.raises(CommandError, match="Cannot read the file as klingon"):
        call(import_command, "incident", str(good_file), "--encoding", "klingon")
    with pytest.raises(Exception, match="is not a real date"):
        call(import_command, "incident", str(bad_file), "--raise-errors")
    assert not Incident.objects.filter(code="INC-2018-00101").exists()


def test_export_encoding(world, tmp_path):
    path = tmp_path / "places.csv"
    call(export_command, "csv", "place", "-o", str(path), "--encoding", "cp1256")
    assert "إدلب".encode("cp1256") in path.read_bytes() and not path.read_bytes().startswith(b"\xef\xbb\xbf")
    with pytest.raises(CommandError, match="Cannot write the export as ascii"):
        call(export_command, "csv", "place", "-o", str(path), "--encoding", "ascii")


def call(module, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command(module.Command(), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()
