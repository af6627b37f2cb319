"""A file may leave out any column but its keys (interfaces.md): a spreadsheet made for an earlier
version, with fewer columns, still imports; a left-out column keeps the record's value, or the
default for a new record."""

import datetime

from facilities.models import Facility
from incidents.models import Incident
from tests.interchange.conftest import csv_bytes, export_bytes, read_csv, run_import
from victims.models import Victim


def test_a_new_record_from_a_few_columns_gets_the_defaults(world, data_manager):
    rows = [
        ["code", "title", "date", "place", "attack_type", "certainty"],
        ["INC-2018-00100", "Shelling", "2018-03-01", "SY070300", "heavy_weapons", "confirmed"],
    ]
    outcome = run_import("incident", csv_bytes(rows), user=data_manager)
    assert outcome.ok and outcome.new == 1, [str(p) for p in outcome.problems]
    incident = Incident.objects.get(code="INC-2018-00100")
    assert (incident.status, incident.weapon, incident.killed_count, incident.date_precision) == (
        "draft", "unknown", 0, "day")  # fmt: skip
    assert incident.primary_attribution is None and incident.summary == ""


def test_left_out_columns_keep_the_stored_values(world, data_manager):
    first = world["first"]
    before = read_csv(export_bytes("incident"))
    rows = [["code", "title"], [first.code, "A better title"]]
    outcome = run_import("incident", csv_bytes(rows), user=data_manager)
    assert outcome.ok and outcome.updated == 1
    after = read_csv(export_bytes("incident"))
    title = before[0].index("title")
    assert after[1][title] == "A better title"
    assert [c for i, c in enumerate(after[1]) if i != title] == [
        c for i, c in enumerate(before[1]) if i != title
    ]
    assert after[2] == before[2]
    # The same short file again changes nothing.
    assert run_import("incident", csv_bytes(rows), user=data_manager).unchanged == 1


def test_a_blank_cell_is_not_a_left_out_column(world, data_manager):
    """A column that is there but blank empties a field that may be empty."""
    rows = [["code", "location_detail"], [world["first"].code, ""]]
    assert run_import("incident", csv_bytes(rows), user=data_manager).ok
    assert Incident.objects.get(code=world["first"].code).location_detail == ""


def test_earlier_victim_and_facility_sheets(world, data_manager):
    victims = [["code", "name", "incident"], ["VIC-000100", "Hamza", "INC-2018-00001"],
               ["VIC-000001", "Dr. Ahmad Renamed", "INC-2018-00001"]]  # fmt: skip
    outcome = run_import("victim", csv_bytes(victims), user=data_manager)
    assert outcome.ok and (outcome.new, outcome.updated) == (1, 1), [str(p) for p in outcome.problems]
    new = Victim.objects.get(code="VIC-000100")
    assert (new.sex, new.role, new.status, new.date_of_harm) == (
        "unknown",
        "unknown",
        "draft",
        datetime.date(2018, 1, 11),
    )
    renamed = Victim.objects.get(code="VIC-000001")
    assert (renamed.age, renamed.role, renamed.on_duty, renamed.status) == (41, "doctor", True, "published")
    facilities = [["code", "operator"], ["FAC-000002", "SARC"]]
    assert run_import("facility", csv_bytes(facilities), user=data_manager).ok
    ambulance = Facility.objects.get(code="FAC-000002")
    assert (ambulance.operator, ambulance.parent.code, ambulance.kind) == ("SARC", "FAC-000001", "ambulance")


def test_only_the_keys_are_required(world, data_manager):
    outcome = run_import("attack", csv_bytes([["incident", "damage"], ["INC-2018-00001", "slight"]]))
    assert [(p.line, p.column) for p in outcome.problems] == [(1, "facility")]
    outcome = run_import("attack", csv_bytes([["incident", "facility"], ["INC-2018-00001", "FAC-000001"]]))
    assert outcome.ok and outcome.unchanged == 1
