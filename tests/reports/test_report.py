"""The period report: counting rules, agreement with the lists, downloads."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from facilities.models import Facility
from incidents.models import Perpetrator
from reports.queries import Period, repeat_facilities
from tests.factories import AttackFactory, AttributionFactory, PerpetratorFactory
from tests.reports.helpers import HEADER, assert_every_number_matches_its_list, rows_behind, tidy

pytestmark = pytest.mark.django_db

JANUARY = {"month": "2018-01"}

JANUARY_TIDY = [
    ("victims_killed", "isis", "extremist-groups", "doctor", "female", 1),
    ("victims_killed", "russian-forces", "", "nurse", "female", 1),
    ("victims_killed", "syrian-regime", "", "civil_defense", "male", 1),
    ("victims_killed", "syrian-regime", "", "doctor", "male", 1),
    ("victims_killed", "syrian-regime", "", "medical_personnel", "male", 1),
    ("victims_killed", "unattributed", "", "paramedic", "male", 1),
    ("attacks", "russian-forces", "", "medical", "", 2),
    ("attacks", "syrian-or-russian-forces", "", "medical", "", 1),
    ("attacks", "syrian-regime", "", "ambulance", "", 1),
    ("attacks", "syrian-regime", "", "civil_defense", "", 1),
]


def test_tidy_csv_for_january(client, world):
    assert tidy(client, JANUARY) == JANUARY_TIDY


def test_date_range_and_month_agree(client, world):
    assert tidy(client, {"date_after": "2018-01-01", "date_before": "2018-01-31"}) == JANUARY_TIDY


def test_range_over_two_months_adds_february(client, world):
    rows = tidy(client, {"date_after": "2018-01-01", "date_before": "2018-02-28"})
    assert ("attacks", "russian-forces", "", "medical", "", 3) in rows


def test_governorate_narrows_to_places_below_it(client, world):
    assert tidy(client, {**JANUARY, "governorate": "SY07"}) == [
        ("victims_killed", "russian-forces", "", "nurse", "female", 1),
        ("victims_killed", "syrian-regime", "", "medical_personnel", "male", 1),
        ("attacks", "russian-forces", "", "medical", "", 2),
        ("attacks", "syrian-regime", "", "ambulance", "", 1),
    ]


def test_secondary_attributions_do_not_count(client, world):
    AttributionFactory(incident=world.incidents["A"], perpetrator=world.parties["regime"], primary=False)
    assert tidy(client, JANUARY) == JANUARY_TIDY


def test_victim_with_incident_counts_under_the_incident_party_not_its_own(client, world):
    nurse = world.victims["nurse"]
    nurse.perpetrator = world.parties["regime"]
    nurse.save()
    assert tidy(client, JANUARY) == JANUARY_TIDY


def test_default_period_is_the_month_of_the_latest_incident(client, world):
    response = client.get("/reports/")
    assert response.context["report"].period.first == datetime.date(2018, 2, 1)
    assert "Report: February 2018" in response.content.decode()


def test_page_tables_roll_sub_parties_up_and_keep_undetermined_and_unattributed_rows(client, world):
    response = client.get("/reports/", JANUARY)
    victims = {line["row"].code: line for line in response.context["victim_table"].rows}
    # Columns: the report classes present, then total, women, children.
    assert response.context["victim_table"].headers == [
        "Doctors",
        "Nurses",
        "Paramedics",
        "Medical personnel",
        "Civil defence personnel",
        "Total",
        "Women",
        "Children",
    ]
    numbers = {code: [cell.n for cell in line["cells"]] for code, line in victims.items()}
    assert numbers["syrian-regime"] == [1, 0, 0, 1, 1, 3, 0, 1]
    assert numbers["extremist-groups"] == [1, 0, 0, 0, 0, 1, 1, 0]
    assert numbers["isis"] == [1, 0, 0, 0, 0, 1, 1, 0]
    assert numbers["unattributed"] == [0, 0, 1, 0, 0, 1, 0, 0]
    assert victims["isis"]["row"].depth == 1
    assert [cell.n for cell in response.context["victim_table"].totals] == [2, 1, 1, 1, 1, 6, 2, 1]
    attacks = {
        line["row"].code: [c.n for c in line["cells"]] for line in response.context["attack_table"].rows
    }
    assert attacks == {
        "russian-forces": [2, 0, 0, 2],
        "syrian-regime": [0, 1, 1, 2],
        "syrian-or-russian-forces": [1, 0, 0, 1],
    }
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert "al Salam Hospital" in html  # attacked twice in January


def test_every_number_equals_what_the_lists_give(client, world):
    assert assert_every_number_matches_its_list(client, JANUARY) > 20
    assert_every_number_matches_its_list(client, {**JANUARY, "governorate": "SY03"})
    assert_every_number_matches_its_list(client, {"date_after": "2017-12-15", "date_before": "2018-02-10"})


def test_xlsx_download(client, world):
    odd = PerpetratorFactory(code="odd", name="=HYPERLINK(1)")
    AttributionFactory(incident=world.incidents["D"], perpetrator=odd)
    Perpetrator.objects.filter(code="russian-forces").update(name_ar="القوات الروسية")
    Facility.objects.filter(pk=world.facilities["hospital"].pk).update(name_ar="مشفى السلام")
    response = client.get("/reports/", {**JANUARY, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == [
        "data",
        "victims killed",
        "victims injured",
        "attacks",
        "facilities attacked",
        "munitions",
        "casualties",
        "repeat facilities",
        "monthly",
    ]
    data = [tuple(row) for row in workbook["data"].iter_rows(values_only=True)]
    assert data[0] == tuple(HEADER)
    assert ("victims_killed", "odd", None, "paramedic", "male", 1, None, "unknown") in data
    # The sheets show what the page shows: Russian forces' three air strikes on A.
    munitions = list(workbook["munitions"].iter_rows(values_only=True))
    # The names' Arabic side comes last, after the columns readers already rely on.
    assert munitions[0][3:] == ("fixed_wing_aircraft", "artillery", "name_ar")
    assert ("russian-forces", None, "Russian forces", 3, 0, "القوات الروسية") in munitions
    names = [row[2] for row in workbook["victims killed"].iter_rows(values_only=True)]
    assert "'=HYPERLINK(1)" in names
    repeat = list(workbook["repeat facilities"].iter_rows(values_only=True))
    assert repeat == [
        ("facility", "name", "category", "attacks", "name_ar"),
        (world.facilities["hospital"].code, "al Salam Hospital", "medical", 2, "مشفى السلام"),
    ]
    monthly = list(workbook["monthly"].iter_rows(values_only=True))
    assert monthly[-1] == ("2018-01", 5, 6)


def test_report_downloads_are_named_for_the_period(client, world):
    response = client.get("/reports/", {**JANUARY, "governorate": "SY07", "format": "csv"})
    assert 'filename="report-2018-01-01-2018-01-31-SY07.csv"' in response["Content-Disposition"]


def test_perpetrator_list_numbers_match_the_lists(client, world):
    response = client.get("/perpetrators/")
    for row in response.context["rows"]:
        code = row.code
        assert rows_behind(client, f"/incidents/?perpetrator={code}") == row.total["incidents"], code
        assert rows_behind(client, f"/attacks/?perpetrator={code}") == row.total["attacks"], code
        assert (
            rows_behind(client, f"/victims/?perpetrator={code}&harm=killed&harm=tortured_to_death")
            == row.total["killed"]
        ), code


def test_repeat_facilities_shows_the_most_attacked_and_says_how_many(world):
    period = Period(first=datetime.date(2018, 1, 1), last=datetime.date(2018, 2, 28))
    AttackFactory(incident=world.incidents["A"], facility=world.facilities["point"])
    result = repeat_facilities(period, limit=1)
    assert result["total"] == 2
    assert [entry["facility"].code for entry in result["entries"]] == [world.facilities["hospital"].code]
    assert len(result["entries"][0]["attacks"]) == 3  # A, J and I (February)
