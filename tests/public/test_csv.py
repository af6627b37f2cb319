"""CSV downloads: public fields only, codes and names, BOM, streamed, formulas escaped, HXL."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse

from incidents.choices import Status
from tests.factories import AttributionFactory, PublishedIncidentFactory
from tests.public.helpers import csv_dicts, csv_text

pytestmark = pytest.mark.django_db

LISTS = ["/incidents/", "/attacks/", "/victims/", "/facilities/"]
SECRETS = [
    "SECRET-NOTE",
    "REAL-NAME-SECRET",
    "CONTACT-SECRET",
    "DRAFT-TITLE",
    "RUMOUR-TITLE",
    "DRAFT-VICTIM",
    "VICTIM-OF-DRAFT",
    "Hidden Person",
    "HIDDEN-BIOGRAPHY",
    "INTERNAL-STATEMENT",
    "RESTRICTED-CAPTION",
]


@pytest.mark.parametrize("path", LISTS)
def test_csv_is_streamed_utf8_with_bom(client, world, path):
    response = client.get(path, {"format": "csv"})
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert csv_text(response).startswith("\ufeff")


@pytest.mark.parametrize("path", LISTS)
def test_csv_never_contains_private_data(client, world, path):
    text = csv_text(client.get(path, {"format": "csv"}))
    for secret in SECRETS:
        assert secret not in text, secret


def test_incident_csv_gives_references_as_codes_and_names(client, world):
    rows = {row["code"]: row for row in csv_dicts(client.get("/incidents/", {"format": "csv"}))}
    a = rows[world.incidents["A"].code]
    assert a["perpetrator"] == "russian-forces"
    assert a["perpetrator_name"] == "Russian forces"
    assert a["attribution_certainty"] == "probable"
    assert a["governorate"] == "Idleb"
    assert a["governorate_pcode"] == "SY07"
    assert a["place_pcode"] == "SY070300"
    assert a["facilities"] == world.facilities["hospital"].code
    assert a["facility_categories"] == "medical"
    assert a["time"] == "14:00:00"
    assert a["url"].endswith(f"/incidents/{world.incidents['A'].code}/")
    assert "internal_notes" not in a
    c = rows[world.incidents["C"].code]
    assert c["follow_up_of"] == world.incidents["D"].code
    assert rows[world.incidents["D"].code]["perpetrator"] == ""


def test_follow_up_of_a_private_incident_is_not_named(client, world):
    draft = PublishedIncidentFactory(status=Status.DRAFT, title="private earlier strike")
    world.incidents["E"].follow_up_of = draft
    world.incidents["E"].save()
    rows = {row["code"]: row for row in csv_dicts(client.get("/incidents/", {"format": "csv"}))}
    assert rows[world.incidents["E"].code]["follow_up_of"] == ""


def test_victim_csv_names_only_published_names(client, world):
    rows = {row["code"]: row for row in csv_dicts(client.get("/victims/", {"format": "csv"}))}
    assert rows[world.victims["unnamed"].code]["name"] == "Unnamed victim"
    assert rows[world.victims["dentist"].code]["name"] == "Suzan Fattoum"
    assert rows[world.victims["dentist"].code]["name_ar"] == "سوزان فطوم"
    tortured = rows[world.victims["tortured"].code]
    assert tortured["perpetrator"] == "syrian-regime"
    assert tortured["child"] == "yes"
    assert tortured["incident"] == ""
    assert rows[world.victims["nurse"].code]["perpetrator"] == "russian-forces"
    assert world.victims["duplicate"].code not in rows


def test_csv_rows_are_the_filtered_rows(client, world):
    rows = csv_dicts(client.get("/incidents/", {"format": "csv", "perpetrator": "syrian-regime"}))
    assert sorted(row["code"] for row in rows) == sorted(
        [world.incidents["B"].code, world.incidents["C"].code]
    )


@pytest.mark.parametrize(
    "payload", ['=HYPERLINK("http://evil")', "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
)
def test_formula_cells_are_escaped(client, world, payload):
    incident = PublishedIncidentFactory(title=payload, summary=payload, place=world.places["douma"])
    AttributionFactory(incident=incident, perpetrator=world.parties["regime"])
    rows = {row["code"]: row for row in csv_dicts(client.get("/incidents/", {"format": "csv"}))}
    assert rows[incident.code]["title"] == "'" + payload
    assert rows[incident.code]["summary"] == "'" + payload


def test_recorded_coordinates_are_not_in_the_download(client, world):
    """Rule 6: the columns stay, empty (tests/protection/test_locations.py reads every output)."""
    incident = world.incidents["E"]
    incident.latitude, incident.longitude = "-33.500000", "-70.600000"
    incident.save()
    rows = {row["code"]: row for row in csv_dicts(client.get("/incidents/", {"format": "csv"}))}
    assert rows[incident.code]["latitude"] == rows[incident.code]["longitude"] == ""


def test_hxl_adds_a_hashtag_row(client, world):
    text = csv_text(client.get("/incidents/", {"format": "csv", "hxl": "1"}))
    header, tags, *rows = list(csv.reader(io.StringIO(text[1:])))
    assert header[0] == "code"
    assert tags[header.index("code")] == "#event+code"
    assert tags[header.index("date")] == "#date+occurred"
    assert tags[header.index("governorate")] == "#adm1+name"
    assert tags[header.index("governorate_pcode")] == "#adm1+code"
    assert tags[header.index("place")] == "#loc+name"
    assert tags[header.index("latitude")] == "#geo+lat"
    assert tags[header.index("longitude")] == "#geo+lon"
    assert tags[header.index("attack_type")] == "#event+type"
    assert tags[header.index("perpetrator_name")] == "#group+name+first"
    assert tags[header.index("killed_count")] == "#affected+killed"
    assert tags[header.index("injured_count")] == "#affected+injured"
    assert all(tag.startswith("#") for tag in tags)
    assert len(rows) == 8


@pytest.mark.parametrize("path", LISTS)
def test_every_list_offers_hxl(client, world, path):
    text = csv_text(client.get(path, {"format": "csv", "hxl": "1"}))
    tags = list(csv.reader(io.StringIO(text[1:])))[1]
    assert all(tag.startswith("#") for tag in tags)
    plain = csv_text(client.get(path, {"format": "csv"}))
    assert "#" not in plain.splitlines()[1][:2]


ARABIC_COLUMNS = {
    "/incidents/": [
        "title_ar",
        "summary_ar",
        "governorate_ar",
        "place_ar",
        "perpetrator_name_ar",
        "area_controlled_by_name_ar",
        "facility_names_ar",
    ],
    "/attacks/": ["facility_name_ar", "perpetrator_name_ar", "governorate_ar", "place_ar"],
    "/victims/": ["affiliation_name_ar", "perpetrator_name_ar", "circumstances_ar"],
    "/facilities/": ["governorate_ar", "place_ar"],
}


@pytest.mark.parametrize("path", LISTS)
def test_the_arabic_side_comes_last_under_the_same_column_codes_in_both_languages(client, world, path):
    """Column names are codes, as in the report's download: the same at /ar/ (a script reads
    either), with the record's Arabic text in ``_ar`` columns after those readers rely on, and
    HXL's language attribute ``+i_ar`` on them."""
    english = csv_text(client.get(path, {"format": "csv", "hxl": "1"}))
    arabic = csv_text(client.get(f"/ar{path}", {"format": "csv", "hxl": "1"}))
    header, tags = list(csv.reader(io.StringIO(english[1:])))[:2]
    assert list(csv.reader(io.StringIO(arabic[1:])))[:2] == [header, tags]
    added = ARABIC_COLUMNS[path]
    assert header[-len(added) :] == added
    assert all(tag.endswith("+i_ar") for tag in tags[-len(added) :])
