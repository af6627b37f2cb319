"""The public list pages' HTML, pinned byte for byte on a small data set.

The lists are drawn with shortcuts for speed (choice inputs without the
widget templates, links from one reversed prefix, display strings computed
once per page); these tests hold them to the exact HTML the plain template
version gave, in English and in Arabic: rows with and without a perpetrator or damage,
several facilities, every date precision, markup-like text, a filter form
with checked boxes, a chosen radio button, open and closed choice groups, and
a form with errors.

A deliberate change to the pages is re-pinned with ``PIN_HTML=1``; the diff
of ``tests/public/pinned_html/`` then shows what a visitor sees differently.
"""

import datetime
import difflib
import os
from pathlib import Path

import pytest

from facilities.models import FacilityKind, PlaceLevel
from incidents.choices import DatePrecision, Weapon
from incidents.models import Attack, Attribution, Incident, Perpetrator
from tests.public.test_csv_pinned import build, facility, incident, place

pytestmark = pytest.mark.django_db

PINNED = Path(__file__).parent / "pinned_html"
PAGES = {
    "incidents": ("/incidents/", 200),
    "incidents-filtered": (
        "/incidents/?date_after=2018-01-01&date_before=2018-12-31&weapon=fixed_wing_aircraft"
        "&weapon=drone&certainty=confirmed&certainty=probable&per_page=100",
        200,
    ),
    "incidents-narrowed": (
        "/incidents/?governorate=SY07&perpetrator=russian-forces&place=SY0703&double_tap=1&repeat=1",
        200,
    ),
    "incidents-invalid": (
        "/incidents/?date_after=2018-02-30&weapon=laser&month=2018-13&double_tap=maybe&place=Atlantis",
        400,
    ),
    "attacks": ("/attacks/", 200),
    "attacks-filtered": ("/attacks/?kind=hospital&kind=ambulance&damage=heavy&damage=destroyed", 200),
    "victims": ("/victims/?child=no&sex=female&sex=male&on_duty=1", 200),
    "victims-invalid": ("/victims/?child=sometimes&role=king", 400),
    "facilities": ("/facilities/?category=medical", 200),
}


def build_html_cases():
    """The CSV data set, rows and places whose text looks like markup, a week-precision date."""
    build()
    aleppo = place("Aleppo & <environs>", PlaceLevel.ADMIN1, None, "SY02", "حلب")
    town = place('Town "<b>"', PlaceLevel.LOCALITY, aleppo, "SY020100")
    place("District & <no P-code>", PlaceLevel.ADMIN2, aleppo)
    party = Perpetrator.objects.create(code="fire-and-ice", name="Fire & <Ice> forces", kind="state_forces")
    clinic = facility("FAC-000100", "<i>Clinic</i> & co", FacilityKind.PRIMARY_CARE, town)
    strike = incident(
        "INC-2018-00100",
        datetime.date(2018, 1, 9),
        town,
        title='<script>alert("x")</script> & strike',
        date_precision=DatePrecision.WEEK,
        weapon=Weapon.DRONE,
        injured_count=3,
    )
    Attack.objects.create(incident=strike, facility=clinic, damage="slight")
    Attribution.objects.create(incident=strike, perpetrator=party, certainty="confirmed", primary=True)
    # An attack whose incident has no primary party, with no damage recorded.
    unattributed = Incident.objects.get(code="INC-2018-00004")
    Attack.objects.create(incident=unattributed, facility=clinic, damage="", service_impact="reduced")


def rendered(client, url: str, status: int, language: str) -> str:
    response = client.get(url if language == "en" else f"/{language}{url}")
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("name", PAGES)
def test_list_page_html_is_pinned(client, name, language):
    build_html_cases()
    url, status = PAGES[name]
    html = rendered(client, url, status, language)
    pinned = PINNED / f"{name}.{language}.html"
    if os.environ.get("PIN_HTML") == "1":
        PINNED.mkdir(exist_ok=True)
        pinned.write_text(html, encoding="utf-8")
    expected = pinned.read_text(encoding="utf-8")
    if html != expected:
        diff = difflib.unified_diff(expected.splitlines(), html.splitlines(), "pinned", "now", lineterm="")
        pytest.fail("\n".join(list(diff)[:80]))
