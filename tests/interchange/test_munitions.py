"""Munitions by spreadsheet: ``incident,weapon,count,note``, matched on (incident, weapon)."""

import importlib
import io

import pytest
from django.core.management import CommandError, call_command

from incidents.models import Munition
from tests.factories import IncidentFactory, UserFactory
from tests.interchange.conftest import csv_bytes, problems_at, read_csv, run_import

HEADER = ["incident", "weapon", "count", "note"]

import_command = importlib.import_module("interchange.management.commands.import")
export_command = importlib.import_module("interchange.management.commands.export")


def stored() -> dict:
    return {
        (m.incident.code, m.weapon): (m.count, m.note) for m in Munition.objects.select_related("incident")
    }


def test_rows_update_on_incident_and_weapon_else_create(world, data_manager):
    rows = [
        HEADER,
        ["INC-2018-00001", "fixed_wing_aircraft", "3", "corrected: three passes"],  # stored: 4
        ["INC-2018-00001", "barrel_bomb", "4", "dropped by two helicopters"],  # new
        ["INC-2018-00002", "BARREL_BOMB", "2", "قصف ببرميلين"],  # unchanged (code in capitals)
    ]
    outcome = run_import("munition", csv_bytes(rows), user=data_manager, file_name="munitions.csv")
    assert outcome.ok, problems_at(outcome)
    assert (outcome.new, outcome.updated, outcome.unchanged) == (1, 1, 1)
    assert stored() == {
        ("INC-2018-00001", "fixed_wing_aircraft"): (3, "corrected: three passes"),
        ("INC-2018-00001", "cluster_munition"): (1, ""),
        ("INC-2018-00001", "barrel_bomb"): (4, "dropped by two helicopters"),
        ("INC-2018-00002", "barrel_bomb"): (2, "قصف ببرميلين"),
    }
    added = Munition.objects.get(incident=world["first"], weapon="barrel_bomb").history.get()
    assert (added.history_user, added.history_change_reason) == (data_manager, "Imported from munitions.csv")


def test_bad_rows_are_reported_on_their_lines_and_nothing_is_imported(world, data_manager):
    rows = [
        HEADER,
        ["INC-2018-00002", "helicopter", "2", ""],  # good, but the file has bad rows
        ["INC-2018-00002", "helicopter", "5", ""],
        ["INC-2018-09999", "missile", "1", ""],
        ["INC-2018-00002", "catapult", "1", ""],
        ["INC-2018-00002", "missile", "0", ""],
        ["INC-2018-00002", "rocket", "many", ""],
        ["INC-2018-00002", "", "1", ""],
    ]
    before = stored()
    outcome = run_import("munition", csv_bytes(rows), user=data_manager)
    found = problems_at(outcome)
    assert found[(3, "incident")] == "the same incident and weapon is already on line 2 of this file"
    assert found[(4, "incident")] == "no incident has this code"
    assert found[(5, "weapon")].startswith(
        "is not a known code; use one of: fixed_wing_aircraft, helicopter,"
    )
    assert found[(6, "count")] == "Ensure this value is greater than or equal to 1."
    assert found[(7, "count")] == "is not a whole number"
    assert found[(8, "weapon")] == "This field cannot be blank."
    assert {line for line, _column in found} == {3, 4, 5, 6, 7, 8}
    assert stored() == before


def test_only_the_keys_are_required(world, data_manager):
    outcome = run_import("munition", csv_bytes([["incident", "count"], ["INC-2018-00002", "3"]]))
    assert [(p.line, p.column) for p in outcome.problems] == [(1, "weapon")]
    # A left-out column keeps the stored value; a new row takes the default count of 1.
    rows = [["incident", "weapon"], ["INC-2018-00001", "fixed_wing_aircraft"], ["INC-2018-00002", "mortar"]]
    outcome = run_import("munition", csv_bytes(rows), user=data_manager)
    assert outcome.ok and (outcome.new, outcome.unchanged) == (1, 1)
    assert stored()[("INC-2018-00001", "fixed_wing_aircraft")] == (4, "=four missiles, two passes")
    assert stored()[("INC-2018-00002", "mortar")] == (1, "")
    rows = [["incident", "weapon", "count"], ["INC-2018-00002", "mortar", ""]]
    assert run_import("munition", csv_bytes(rows), user=data_manager).unchanged == 1


def test_an_unknown_column_is_refused_by_name(world):
    outcome = run_import(
        "munition", csv_bytes([[*HEADER, "calibre"], ["INC-2018-00002", "mortar", "1", "", "120"]])
    )
    assert [(p.line, p.column) for p in outcome.problems] == [(1, "calibre")]
    assert "incident,weapon,count,note" in outcome.problems[0].reason


@pytest.fixture
def importer_only(db):
    return UserFactory(username="importeronly", groups=["Data manager"])


def test_the_munitions_of_a_reviewed_incident_need_the_publish_right(world, importer_only, data_manager):
    """As on the incident page, where the munition rows freeze with a reviewed incident."""
    rows = [HEADER, ["INC-2018-00001", "fixed_wing_aircraft", "9", ""], ["INC-2018-00001", "rocket", "1", ""]]
    outcome = run_import("munition", csv_bytes(rows), user=importer_only)
    assert [(p.line, p.column) for p in outcome.problems] == [(2, "incident"), (3, "incident")]
    assert "only users who may publish" in outcome.problems[0].reason
    assert stored()[("INC-2018-00001", "fixed_wing_aircraft")] == (4, "=four missiles, two passes")
    # A draft incident's munitions are the importer's to change; a reviewer may change any.
    draft = [HEADER, ["INC-2018-00002", "rocket", "6", ""]]
    assert run_import("munition", csv_bytes(draft), user=importer_only).ok
    assert run_import("munition", csv_bytes(rows), user=data_manager).ok
    assert stored()[("INC-2018-00001", "fixed_wing_aircraft")] == (9, "")


def test_export_gives_the_columns_and_escapes_formulas(world):
    rows = read_csv(export_command_output("incidents.resources.MunitionResource"))
    assert rows == [
        HEADER,
        ["INC-2018-00001", "cluster_munition", "1", ""],
        ["INC-2018-00001", "fixed_wing_aircraft", "4", "'=four missiles, two passes"],
        ["INC-2018-00002", "barrel_bomb", "2", "قصف ببرميلين"],
    ]


def export_command_output(resource: str) -> bytes:
    out = io.StringIO()
    call_command(export_command.Command(), "CSV", resource, stdout=out)
    return out.getvalue().encode("utf-8")


def test_import_command_with_the_dotted_path(world, tmp_path, data_manager):
    path = tmp_path / "munitions.csv"
    path.write_bytes(csv_bytes([HEADER, ["INC-2018-00002", "barrel_bomb", "4", "4 barrel bombs"]]))
    out = io.StringIO()
    resource = "incidents.resources.MunitionResource"
    call_command(import_command.Command(), resource, str(path), user="datamanager", stdout=out)
    assert out.getvalue().strip() == "Imported: 0 new, 1 updated, 0 unchanged munitions."
    assert stored()[("INC-2018-00002", "barrel_bomb")] == (4, "4 barrel bombs")
    path.write_bytes(csv_bytes([HEADER, ["INC-2018-00002", "barrel_bomb", "-4", ""]]))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            import_command.Command(), resource, str(path), stdout=io.StringIO(), stderr=io.StringIO()
        )
    assert stored()[("INC-2018-00002", "barrel_bomb")] == (4, "4 barrel bombs")


def test_a_documenter_may_not_import_munitions(world, tmp_path, documenter):
    path = tmp_path / "munitions.csv"
    path.write_bytes(csv_bytes([HEADER, [IncidentFactory().code, "barrel_bomb", "4", ""]]))
    with pytest.raises(CommandError, match="may not import"):
        call_command(import_command.Command(), "munition", str(path), user="documenter", stdout=io.StringIO())
    assert not Munition.objects.filter(weapon="barrel_bomb", count=4).exists()
