"""The period report's HTML and downloads, pinned byte for byte on a small data set.

The report is drawn with shortcuts for speed (display strings worked out once
per page, links from one reversed prefix, party tables and facility cards
built in Python); these tests hold it to the exact bytes the plain template
version gave, in English and in Arabic: a year, a month, a governorate, an
empty period, the default month, three years (a label every third month), an
invalid form, more repeatedly attacked facilities than are shown, every date
precision, a sub-sub-party, and names that look like markup.

A deliberate change to the page is re-pinned with ``PIN_HTML=1``; the diff of
``tests/reports/pinned_html/`` then shows what a visitor sees differently.
"""

import datetime
import difflib
import io
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from facilities.models import Facility, FacilityKind
from incidents.choices import DatePrecision
from incidents.models import Attack, Attribution, Perpetrator
from tests.factories import PublishedIncidentFactory, VictimFactory
from tests.public.world import build_world
from victims.models import Harm, Role, Sex

pytestmark = pytest.mark.django_db

PINNED = Path(__file__).parent / "pinned_html"
PAGES = {
    "year": ("/reports/?date_after=2018-01-01&date_before=2018-12-31", 200),
    "month": ("/reports/?month=2018-01", 200),
    "three-years": ("/reports/?date_after=2016-01-01&date_before=2018-12-31", 200),
    "governorate": ("/reports/?month=2018-01&governorate=SY07", 200),
    "many-repeats": ("/reports/?date_after=2017-01-01&date_before=2017-12-31", 200),
    "empty": ("/reports/?month=2016-05", 200),
    "default": ("/reports/", 200),
    "invalid": ("/reports/?date_after=2018-02-30&month=2018-13&governorate=Atlantis", 400),
}
DOWNLOADS = {
    "year": "/reports/?date_after=2018-01-01&date_before=2018-12-31",
    "governorate": "/reports/?month=2018-01&governorate=SY07",
    "many-repeats": "/reports/?date_after=2017-01-01&date_before=2017-12-31",
}


def build_report_cases():
    """The shared world, a sub-sub-party and a facility with markup-like names, more than fifty
    facilities attacked more than once in 2017."""
    world = build_world()
    places, parties = world.places, world.parties
    fire = Perpetrator.objects.create(
        code="fire-and-ice", name="Fire & <Ice> forces", kind="extremist_group", parent=parties["isis"]
    )
    clinic = Facility.objects.create(
        name="<i>Clinic</i> & co", kind=FacilityKind.PRIMARY_CARE, place=places["sein"]
    )
    march = PublishedIncidentFactory(
        date=datetime.date(2018, 3, 1), place=places["sein"], date_precision=DatePrecision.MONTH
    )
    april = PublishedIncidentFactory(date=datetime.date(2018, 4, 9), place=places["sein"])
    for strike in (march, april):
        Attribution.objects.create(incident=strike, perpetrator=fire, certainty="confirmed", primary=True)
        Attack.objects.create(incident=strike, facility=clinic, damage="slight")
    VictimFactory(
        incident=april,
        name="Medic",
        role=Role.DOCTOR,
        sex=Sex.FEMALE,
        age=12,
        status="published",
        harm=Harm.KILLED,
    )

    first = PublishedIncidentFactory(date=datetime.date(2017, 5, 2), place=places["douma"])
    second = PublishedIncidentFactory(date=datetime.date(2017, 6, 12), place=places["maaret"])
    third = PublishedIncidentFactory(
        date=datetime.date(2017, 7, 3), place=places["maaret"], date_precision=DatePrecision.WEEK
    )
    Attribution.objects.create(
        incident=second, perpetrator=parties["regime"], certainty="probable", primary=True
    )
    kinds = [
        FacilityKind.HOSPITAL,
        FacilityKind.AMBULANCE,
        FacilityKind.OTHER,
        FacilityKind.CIVIL_DEFENSE_CENTER,
    ]
    for n in range(53):
        hit = Facility.objects.create(
            name=f"Field unit {n:02d}", kind=kinds[n % len(kinds)], place=places["douma"]
        )
        strikes = (first, second, third) if n % 10 == 3 else (first, second)
        for strike in strikes:
            Attack.objects.create(incident=strike, facility=hit, damage="moderate")


def rendered(client, url: str, status: int, language: str) -> str:
    response = client.get(url if language == "en" else f"/{language}{url}")
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


def workbook_text(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    lines = []
    for sheet in workbook.worksheets:
        lines.append(f"# {sheet.title}")
        lines.extend(repr(row) for row in sheet.iter_rows(values_only=True))
    return "\n".join(lines) + "\n"


def assert_pinned(text: str, name: str):
    pinned = PINNED / name
    if os.environ.get("PIN_HTML") == "1":
        PINNED.mkdir(exist_ok=True)
        pinned.write_bytes(text.encode())
    expected = pinned.read_bytes().decode()
    if text != expected:
        diff = difflib.unified_diff(expected.splitlines(), text.splitlines(), "pinned", "now", lineterm="")
        pytest.fail("\n".join(list(diff)[:80]))


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("name", PAGES)
def test_report_html_is_pinned(client, name, language):
    build_report_cases()
    url, status = PAGES[name]
    assert_pinned(rendered(client, url, status, language), f"{name}.{language}.html")


@pytest.mark.parametrize("name", DOWNLOADS)
def test_report_downloads_are_pinned(client, name):
    build_report_cases()
    csv = client.get(DOWNLOADS[name] + "&format=csv")
    assert csv.status_code == 200
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert_pinned(text, f"{name}.csv")
    xlsx = client.get(DOWNLOADS[name] + "&format=xlsx")
    assert xlsx.status_code == 200
    assert_pinned(f"{xlsx['Content-Disposition']}\n" + workbook_text(xlsx.content), f"{name}.xlsx.txt")
