"""Hostile and malformed rows.

Each file imports exactly as typed, or imports nothing with every bad row explained.
"""

import datetime
from decimal import Decimal

import pytest

from facilities.models import Facility, FacilityKind, Place
from incidents.models import Attack, Attribution, Incident, Perpetrator
from tests.interchange.conftest import (
    INCIDENT_HEADER,
    RLM,
    RLO,
    csv_bytes,
    incident_row,
    json_bytes,
    problems_at,
    run_import,
    xlsx_bytes,
)
from victims.models import Victim

VICTIM_HEADER = [
    "code", "name", "name_ar", "sex", "age", "role", "affiliation", "organization", "hometown", "harm",
    "incident", "date_of_harm", "perpetrator", "circumstances", "on_duty", "publish_name", "status",
]  # fmt: skip


def victim_row(**values):
    row = dict.fromkeys(VICTIM_HEADER, "")
    row.update(code="VIC-000100", name="Hamza", sex="male", role="nurse", incident="INC-2018-00001")
    row.update(values)
    return [row[c] for c in VICTIM_HEADER]


def test_every_bad_row_is_reported_and_nothing_is_imported(world):
    rows = [
        INCIDENT_HEADER,
        incident_row(code="INC-2018-00100"),  # line 2: fine
        incident_row(code="INC-2018-00101", date="2018-02-30"),
        incident_row(code="INC-2018-00102", date="11/01/2018"),
        incident_row(code="INC-2018-00103", place="SY9999"),
        incident_row(code="INC-2018-00104", attack_type="airstrike"),
        incident_row(code="INC-2018-00105", killed_count="-3"),
        incident_row(code="INC-2018-00106", injured_count="three"),
        incident_row(code="INC-2018-00107", latitude="95", longitude="-181"),
        incident_row(code="INC-2018-00108", latitude="36,2"),
        incident_row(code="INC-2018-00109", perpetrator="martians"),
        incident_row(
            code="INC-2018-00110", perpetrator="", attribution_certainty="probable", attribution_basis=""
        ),
        incident_row(code="INC-2018-00111", attribution_certainty=""),
        incident_row(code="INC-2018-00112", follow_up_of="INC-2018-00115"),
        incident_row(code="INC-2018-00100"),  # line 15: duplicate of line 2
        incident_row(code="INC-2018-00115", title=""),
        incident_row(code="INC-2018-00116", title="x" * 301),
        incident_row(code="INC-2018-00117", summary="bell\x07"),
        incident_row(code="INC-2018-00118", time="25:00"),
        incident_row(code="INC-2018-00119", status="retracted"),
        incident_row(code="inc-2018-00001"),
        incident_row(code="INC-2018-00121", latitude="36.12345678"),
        incident_row(code="INC-2018-00122", killed_count="99999999999"),
    ]
    before = Incident.objects.count(), Attribution.objects.count(), Incident.history.count()
    outcome = run_import("incident", csv_bytes(rows))
    assert not outcome.ok
    assert (Incident.objects.count(), Attribution.objects.count(), Incident.history.count()) == before
    found = problems_at(outcome)
    expected = {
        (3, "date"): "is not a real date (a year from 1, a month 1 to 12, a day that month has)",
        (4, "date"): "is not a date in the form YYYY-MM-DD (for example 2018-01-11)",
        (5, "place"): "no place has this pcode or name; import the places first",
        (
            6,
            "attack_type",
        ): "is not a known code; use one of: heavy_weapons, individual_weapons, arson, raid, "
        "looting, detention, obstruction, threat, militarization, chemical, other, unknown",
        (7, "killed_count"): "Ensure this value is greater than or equal to 0.",
        (8, "injured_count"): "is not a whole number",
        (9, "latitude"): "Ensure this value is less than or equal to 90.",
        (9, "longitude"): "Ensure this value is greater than or equal to -180.",
        (10, "latitude"): "is not a number; write decimals with a dot, for example 36.2021",
        (11, "perpetrator"): "no party has this code",
        (12, "attribution_certainty"): "is given but the perpetrator column is empty",
        (13, "attribution_certainty"): "is required when a perpetrator is given",
        (14, "follow_up_of"): "no incident has this code yet: it is defined further down, on line 16; "
        "put that row first",
        (15, "code"): "the same code is already on line 2 of this file",
        (16, "title"): "Give the incident a title, in English or in Arabic.",
        (17, "title"): "Ensure this value has at most 300 characters (it has 301).",
        (18, "summary"): "contains the control character U+0007, which is not text; remove it "
        "(a file full of these is binary or in the wrong encoding)",
        (19, "time"): "is not a real time of day (hours 0 to 23, minutes and seconds 0 to 59)",
        (
            20,
            "status",
        ): "a retracted incident needs a retraction reason: retract it in the admin, not by import",
        (21, "code"): "differs only in letter case from the existing code INC-2018-00001",
        (22, "latitude"): "Ensure that there are no more than 9 digits in total.",
        (23, "killed_count"): "is too large (at most 2,147,483,647)",
    }
    assert found == expected
    values = {(p.line, p.column): p.value for p in outcome.problems}
    assert values[(3, "date")] == '"2018-02-30"'
    assert values[(18, "summary")] == '"bell\\x07"'
    assert outcome.summary("incidents") == f"Nothing was imported: {len(expected)} problems in 21 rows."


def test_a_code_given_again_in_another_letter_case_is_a_duplicate(world):
    rows = [INCIDENT_HEADER, incident_row(code="INC-2018-00100"), incident_row(code="inc-2018-00100")]
    outcome = run_import("incident", csv_bytes(rows))
    assert problems_at(outcome) == {(3, "code"): "the same code is already on line 2 of this file"}
    assert not Incident.objects.filter(code__iexact="INC-2018-00100").exists()


def test_the_same_file_without_its_bad_rows_imports(world):
    rows = [INCIDENT_HEADER, incident_row(code="INC-2018-00100"), incident_row(code="INC-2018-00101")]
    outcome = run_import("incident", csv_bytes(rows))
    assert outcome.ok and outcome.new == 2
    incident = Incident.objects.get(code="INC-2018-00100")
    assert incident.date == datetime.date(2018, 1, 11) and incident.time == datetime.time(14, 5)
    assert incident.latitude == Decimal("35.9") and incident.killed_count == 2
    assert incident.primary_attribution.perpetrator.code == "syrian-regime"
    assert incident.primary_attribution.certainty == "probable"


HOSTILE_TEXT = [
    '=HYPERLINK("http://evil.example","click")',
    "=1+1",
    "+33 1 23 45 67",
    "-2+3",
    "@SUM(A1:A9)",
    "\tstarts with a tab",
    "\rstarts with a carriage return",
    "<script>alert('x')</script><img src=x onerror=alert(1)>",
    f"قصف {RLM}مشفى{RLO} المعرة",
    "  spaces kept  ",
    "'quoted' on purpose",
    "line one\nline two",
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_hostile_text_is_stored_exactly_as_typed(world, fmt):
    rows = [
        incident_row(code=f"INC-2018-{200 + n:05d}", title=text, summary=text, location_detail=text)
        for n, text in enumerate(HOSTILE_TEXT)
    ]
    if fmt == "csv":
        data = csv_bytes([INCIDENT_HEADER, *rows])
    elif fmt == "xlsx":
        data = xlsx_bytes([INCIDENT_HEADER, *rows])
    else:
        data = json_bytes([dict(zip(INCIDENT_HEADER, row, strict=True)) for row in rows])
    outcome = run_import("incident", data, fmt)
    assert outcome.ok, [str(p) for p in outcome.problems]
    for n, text in enumerate(HOSTILE_TEXT):
        incident = Incident.objects.get(code=f"INC-2018-{200 + n:05d}")
        assert incident.title == incident.summary == incident.location_detail == text


def test_a_leading_apostrophe_before_a_formula_is_the_spreadsheet_text_marker(world):
    rows = [INCIDENT_HEADER, incident_row(title="'=1+1", summary="'plain quote", location_detail="''=x")]
    assert run_import("incident", csv_bytes(rows)).ok
    incident = Incident.objects.get(code="INC-2018-00100")
    assert (incident.title, incident.summary, incident.location_detail) == ("=1+1", "'plain quote", "'=x")


def test_workbook_cells_of_every_type(world):
    row = incident_row(date=datetime.datetime(2018, 3, 4), time=datetime.time(6, 30), killed_count=3,
                       injured_count=4.0, latitude=35.25, longitude=-36, time_approximate=True,
                       title=1234)  # fmt: skip
    outcome = run_import("incident", xlsx_bytes([INCIDENT_HEADER, row]), "xlsx")
    assert outcome.ok, [str(p) for p in outcome.problems]
    incident = Incident.objects.get(code="INC-2018-00100")
    assert incident.date == datetime.date(2018, 3, 4) and incident.time == datetime.time(6, 30)
    assert (incident.killed_count, incident.injured_count) == (3, 4)
    assert (incident.latitude, incident.longitude) == (Decimal("35.25"), Decimal("-36"))
    assert incident.time_approximate is True and incident.title == "1234"


def test_cells_of_spaces_are_blank(world):
    """A cell holding only spaces is empty, whatever the column's type."""
    row = incident_row(time="  ", latitude=" ", longitude=" ", killed_count="  ", time_approximate=" ")
    outcome = run_import("incident", csv_bytes([INCIDENT_HEADER, row]))
    assert outcome.ok, [str(p) for p in outcome.problems]
    incident = Incident.objects.get(code="INC-2018-00100")
    assert (incident.time, incident.latitude, incident.killed_count) == (None, None, 0)


def test_workbook_bad_cells(world):
    rows = [
        INCIDENT_HEADER,
        incident_row(date=datetime.datetime(2018, 3, 4, 10, 30)),
        incident_row(code="INC-2018-00101", killed_count=2.5, time_approximate="maybe"),
        incident_row(code="INC-2018-00102", date=43000),
    ]
    outcome = run_import("incident", xlsx_bytes(rows), "xlsx")
    assert problems_at(outcome) == {
        (2, "date"): "has a time of day; give the date only (YYYY-MM-DD)",
        (3, "killed_count"): "is not a whole number",
        (3, "time_approximate"): "is not true or false (write true/false, yes/no or 1/0)",
        (4, "date"): "is not a date; write dates as YYYY-MM-DD, for example 2018-01-11",
    }


def test_line_numbers_count_blank_and_multi_line_rows(world):
    data = (
        csv_bytes([INCIDENT_HEADER, incident_row(summary="one\ntwo\nthree")])
        + b"\r\n\r\n"
        + csv_bytes([incident_row(code="INC-2018-00101", date="2018-13-01")])
    )
    outcome = run_import("incident", data)
    assert [(p.line, p.column) for p in outcome.problems] == [(5, "date")]


@pytest.mark.parametrize(
    "header, expected",
    [
        (INCIDENT_HEADER[1:], {(1, "code")}),
        ([*INCIDENT_HEADER, "internal_notes"], {(1, "internal_notes")}),
        ([*INCIDENT_HEADER[:-1], "statut"], {(1, "statut")}),
    ],
)
def test_a_missing_key_or_an_unknown_column_refuses_the_file(world, header, expected):
    """Only the key column is required (interfaces.md); a column the format lacks is refused by name."""
    row = [dict(zip(INCIDENT_HEADER, incident_row(), strict=True)).get(column, "") for column in header]
    outcome = run_import("incident", csv_bytes([header, row]))
    assert {(p.line, p.column) for p in outcome.problems} == expected
    assert not Incident.objects.filter(code="INC-2018-00100").exists()


def test_witness_identity_columns_are_never_read(world):
    header = [*VICTIM_HEADER, "real_name", "contact"]
    outcome = run_import("victim", csv_bytes([header, [*victim_row(), "Secret", "+963"]]))
    assert {p.column for p in outcome.problems} == {"real_name", "contact"}
    assert not Victim.objects.filter(code="VIC-000100").exists()


def test_blank_codes_are_generated(world):
    rows = [
        INCIDENT_HEADER,
        incident_row(code="", date="2019-05-01"),
        incident_row(code="", date="2019-05-02"),
    ]
    outcome = run_import("incident", csv_bytes(rows))
    assert outcome.ok and outcome.new == 2
    assert set(Incident.objects.filter(date__year=2019).values_list("code", flat=True)) == {
        "INC-2019-00001",
        "INC-2019-00002",
    }


def test_places_by_pcode_by_unique_name_and_ambiguous_names(world, gazetteer):
    Place.objects.create(name="Twin", level="locality", parent=gazetteer["district"])
    Place.objects.create(name="Twin", level="neighbourhood", parent=gazetteer["town"])
    Place.objects.create(name="Triplet", level="neighbourhood", parent=gazetteer["town"])
    Place.objects.create(name="Triplet", level="neighbourhood", parent=gazetteer["village"])
    rows = [
        INCIDENT_HEADER,
        incident_row(code="INC-2018-00100", place="sy070300"),
        incident_row(code="INC-2018-00101", place=" kafr  NABL "),
        incident_row(code="INC-2018-00102", place="معرة النعمان"),
        incident_row(code="INC-2018-00103", place="Twin"),
        incident_row(code="INC-2018-00104", place="Triplet"),
    ]
    outcome = run_import("incident", csv_bytes(rows))
    assert problems_at(outcome) == {
        (6, "place"): "2 places bear this name; give the pcode of the one you mean",
    }
    del rows[5]
    assert run_import("incident", csv_bytes(rows)).ok
    places = dict(Incident.objects.filter(code__gte="INC-2018-00100").values_list("code", "place__name"))
    assert places == {
        "INC-2018-00100": "Maarat al Numan",
        "INC-2018-00101": "Kafr Nabl",
        "INC-2018-00102": "Maarat al Numan",
        "INC-2018-00103": "Twin",
    }
    assert Incident.objects.get(code="INC-2018-00103").place.level == "locality"


def test_place_rows(gazetteer):
    header = ["pcode", "name", "name_ar", "level", "parent"]
    rows = [
        header,
        ["SY08", "Aleppo", "حلب", "admin1", "SY"],
        ["", "New village", "", "locality", "SY08"],
        ["SY0801", "District", "", "district", "SY08"],
        ["SY0802", "Elsewhere", "", "admin2", "SY99"],
        ["sy07", "Idleb twice", "", "admin1", "SY"],
        ["SY0803", "", "", "admin2", "SY08"],
    ]
    outcome = run_import("place", csv_bytes(rows))
    assert set(problems_at(outcome)) == {(4, "level"), (5, "parent"), (6, "pcode"), (7, "name")}
    outcome = run_import("place", csv_bytes(rows[:3]))
    assert outcome.ok and outcome.new == 2
    assert Place.objects.get(name="New village").parent.pcode == "SY08"
    # A place without pcode is found again by its name, level and parent.
    again = run_import("place", csv_bytes(rows[:3]))
    assert again.ok and again.unchanged == 2 and again.new == 0


def test_facility_rows(world):
    header = ["code", "name", "name_ar", "other_names", "kind", "identifier", "operator", "parent", "place",
              "latitude", "longitude"]  # fmt: skip
    rows = [
        header,
        ["FAC-000100", "Centre 200", "", "", "civil_defense_center", "200", "", "", "Kafr Nabl", "", ""],
        ["FAC-000101", "Vehicle", "", "", "civil_defense_vehicle", "", "", "FAC-000100", "SY0700", "", ""],
        ["FAC-000102", "Ghost", "", "", "spaceship", "", "", "FAC-999", "", "", ""],
    ]
    outcome = run_import("facility", csv_bytes(rows))
    kinds = ", ".join(FacilityKind.values)
    assert kinds.startswith("hospital, field_hospital, primary_care, medical_point, mobile_clinic, ")
    assert problems_at(outcome) == {
        (4, "kind"): f"is not a known code; use one of: {kinds}",
        (4, "parent"): "no facility has this code",
        (4, "place"): "This field cannot be null.",
    }
    assert run_import("facility", csv_bytes(rows[:3])).ok
    vehicle = Facility.objects.get(code="FAC-000101")
    assert vehicle.parent.code == "FAC-000100" and vehicle.category == "civil_defense"
    assert Facility.objects.get(code="FAC-000100").identifier == "200"


def test_perpetrator_rows(parties):
    header = ["code", "name", "name_ar", "kind", "parent", "members"]
    rows = [
        header,
        ["isis", "ISIS", "", "extremist_group", "extremists", ""],
        ["extremists", "Extremist groups", "", "extremist_group", "", ""],
        ["either", "Either", "", "undetermined", "", "syrian-regime; nobody;isis"],
        ["self", "Self", "", "undetermined", "", "self"],
        ["Bad Code!", "Bad", "", "unknown", "", ""],
    ]
    outcome = run_import("perpetrator", csv_bytes(rows))
    found = problems_at(outcome)
    assert found[(2, "parent")].startswith(
        "no party has this code yet: it is defined further down, on line 3"
    )
    assert (
        found[(4, "members")]
        == "nobody: no party has this code; isis: the party with this code, on line 2, has errors"
    )
    assert found[(5, "members")] == "a party cannot be one of its own members"
    assert (6, "code") in found
    good = [header, rows[2], rows[1], ["either", "Either", "", "undetermined", "", "isis;syrian-regime"]]
    assert run_import("perpetrator", csv_bytes(good)).ok
    assert Perpetrator.objects.get(code="isis").parent.code == "extremists"
    either = Perpetrator.objects.get(code="either")
    assert set(either.members.values_list("code", flat=True)) == {"isis", "syrian-regime"}
    # Members in another order are the same members.
    good[3][5] = "syrian-regime;isis"
    assert run_import("perpetrator", csv_bytes(good)).unchanged == 3


def test_attack_rows(world):
    header = ["incident", "facility", "damage", "proximity", "service_impact"]
    rows = [
        header,
        ["INC-2018-00001", "FAC-000001", "destroyed", "direct_hit", "out_of_service"],
        ["INC-2018-00001", "FAC-000002", "", "", ""],
        ["INC-2018-00001", "FAC-000002", "slight", "", ""],
        ["INC-2018-09999", "FAC-000001", "", "", ""],
        ["INC-2018-00002", "FAC-000001", "total", "", ""],
    ]
    outcome = run_import("attack", csv_bytes(rows))
    assert problems_at(outcome) == {
        (4, "incident"): "the same incident and facility is already on line 3 of this file",
        (5, "incident"): "no incident has this code",
        (6, "damage"): "is not a known code; use one of: none, slight, moderate, heavy, partially_destroyed, "
        "destroyed",
    }
    outcome = run_import("attack", csv_bytes(rows[:3]))
    assert outcome.ok and (outcome.new, outcome.updated) == (1, 1)
    assert Attack.objects.get(incident=world["first"], facility=world["hospital"]).damage == "destroyed"


def test_victim_rows(world):
    rows = [
        VICTIM_HEADER,
        victim_row(code="VIC-000100"),
        victim_row(code="VIC-000101", incident="", perpetrator=""),
        victim_row(code="VIC-000102", age="200"),
        victim_row(code="VIC-000103", age="-1", sex="boy", on_duty="perhaps"),
        victim_row(
            code="VIC-000104",
            incident="",
            perpetrator="russian-forces",
            date_of_harm="2016-02-29",
            affiliation="FAC-000001",
            hometown="Kafr Nabl",
            publish_name="no",
        ),  # fmt: skip
    ]
    outcome = run_import("victim", csv_bytes(rows))
    assert problems_at(outcome) == {
        (3, "perpetrator"): "A victim without an incident needs a perpetrator.",
        (4, "age"): "is not a plausible age (0 to 130)",
        (5, "age"): "Ensure this value is greater than or equal to 0.",
        (5, "sex"): "is not a known code; use one of: male, female, unknown",
        (5, "on_duty"): "is not true or false (write true/false, yes/no or 1/0)",
    }
    del rows[2:5]
    outcome = run_import("victim", csv_bytes(rows))
    assert outcome.ok, [str(p) for p in outcome.problems]
    with_incident = Victim.objects.get(code="VIC-000100")
    assert with_incident.date_of_harm == world["first"].date and with_incident.publish_name is False
    alone = Victim.objects.get(code="VIC-000104")
    assert alone.perpetrator.code == "russian-forces" and alone.hometown.name == "Kafr Nabl"
    assert run_import("victim", csv_bytes(rows)).unchanged == 2
