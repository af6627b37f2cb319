"""Arabic in a real browser: right-to-left pages at phone and desktop widths, and a documenter
who enters an incident in Arabic only.

Debian's Chromium through Playwright against the live test server. Screenshots of each page in
Arabic at both widths are kept in ``test-artifacts/arabic-*.png``; the checks read the layout
itself (the direction, the order of the navigation, nothing wider than the screen).
"""

import datetime
import re

import pytest

from facilities.models import FacilityKind, PlaceLevel
from incidents.models import Incident
from tests.factories import (
    AttackFactory,
    FacilityFactory,
    GovernorateFactory,
    PerpetratorFactory,
    PlaceFactory,
    PublishedIncidentFactory,
    UserFactory,
)

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"  # the factories' password
STEP_TIMEOUT_MS = 20_000
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
TITLE_AR = "غارة جوية على مشفى كفرنبل الجراحي"


@pytest.fixture
def gazetteer(db):
    idlib = GovernorateFactory(name="Idlib", name_ar="إدلب")
    town = PlaceFactory(name="Kafr Nabl", name_ar="كفرنبل", parent=idlib, level=PlaceLevel.LOCALITY)
    hospital = FacilityFactory(
        name="Kafr Nabl Surgical Hospital",
        name_ar="مشفى كفرنبل الجراحي",
        kind=FacilityKind.HOSPITAL,
        place=town,
    )
    party = PerpetratorFactory(code="russian-forces", name="Russian forces", name_ar="القوات الروسية")
    return {"town": town, "hospital": hospital, "party": party}


@pytest.fixture
def published(gazetteer):
    incident = PublishedIncidentFactory(
        title="Air strike on Kafr Nabl Surgical Hospital",
        title_ar=TITLE_AR,
        summary_ar="استهدفت طائرات حربية المشفى بأربعة صواريخ.",
        place=gazetteer["town"],
        date=datetime.date(2018, 2, 4),
    )
    AttackFactory(incident=incident, facility=gazetteer["hospital"])
    return incident


def right_to_left(page) -> None:
    """The page is laid out right to left: its direction, the navigation's order, no overflow."""
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    boxes = page.locator("header nav li").evaluate_all(
        "items => items.map(i => i.getBoundingClientRect()).map(r => [r.left, r.top])"
    )
    same_line = [left for left, top in boxes if abs(top - boxes[0][1]) < 2]
    if len(same_line) > 1:  # on a phone the menu may wrap; along one line it runs right to left
        assert same_line == sorted(same_line, reverse=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{overflow}px wider than the screen"


@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_read_right_to_left(browser, live_server, published, artifacts, width):
    context = browser.new_context(viewport=WIDTHS[width], locale="ar")
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    pages = {
        "home": "/ar/",
        "list": "/ar/incidents/",
        "detail": f"/ar/incidents/{published.code}/",
        "report": "/ar/reports/?date_after=2018-01-01&date_before=2018-12-31",
    }
    for name, path in pages.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        right_to_left(page)
        page.screenshot(path=str(artifacts / f"arabic-{name}-{width}.png"), full_page=True)
    page.goto(f"{live_server.url}/ar/incidents/{published.code}/")
    assert page.locator("h1").inner_text() == TITLE_AR
    context.close()


def test_a_documenter_enters_an_incident_in_arabic(browser, live_server, gazetteer, artifacts):
    UserFactory(username="documenter", groups=["Documenter"])
    context = browser.new_context(viewport=WIDTHS["desktop"], locale="ar")
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    page.goto(f"{live_server.url}/ar/admin/login/?next=/ar/admin/")
    page.fill("#id_username", "documenter")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    playwright_api.expect(page.locator("#user-tools")).to_contain_text("documenter")
    assert page.evaluate("document.documentElement.dir") == "rtl"

    page.goto(f"{live_server.url}/ar/admin/incidents/incident/add/")
    # The Arabic side is typed right to left, whatever the page around it.
    assert page.locator("#id_title_ar").evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert page.locator("#id_title").evaluate("e => getComputedStyle(e).direction") == "ltr"
    page.fill("#id_title_ar", TITLE_AR)
    page.fill("#id_summary_ar", "استهدفت طائرات حربية المشفى بأربعة صواريخ، وقُتل مسعف.")
    page.select_option("#id_certainty", "confirmed")
    page.fill("#id_date", "2018-02-04")
    for select_id, term, shown in (
        ("id_place", "كفرن", "Kafr Nabl"),
        ("id_attacks-0-facility", "الجراحي", "Kafr Nabl Surgical Hospital"),
        ("id_attributions-0-perpetrator", "الروسية", "Russian forces"),
    ):
        page.locator(f"#{select_id} + .select2 .select2-selection").click()
        page.locator(".select2-container--open .select2-search__field").press_sequentially(term, delay=40)
        page.locator(".select2-results__option", has_text=shown).first.click()
    page.select_option("#id_attack_type", "heavy_weapons")
    page.select_option("#id_attributions-0-certainty", "probable")
    page.select_option("#id_attributions-0-basis", "aircraft_observation")
    page.check("#id_attributions-0-primary")
    page.screenshot(path=str(artifacts / "arabic-incident-form-desktop.png"), full_page=True)
    page.click("input[name=_save]")
    playwright_api.expect(page.locator(".messagelist .success")).to_be_visible()

    incident = Incident.objects.get()
    assert (incident.title, incident.title_ar) == ("", TITLE_AR)
    # The same form on a phone: right to left, kept as an artefact.
    page.set_viewport_size(WIDTHS["phone"])
    page.goto(f"{live_server.url}/ar/admin/incidents/incident/{incident.pk}/change/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.locator("#id_title_ar").input_value() == TITLE_AR
    # Every label and heading of the form is Arabic: no English field name left unmarked.
    words = page.locator("label, fieldset h2").all_inner_texts()
    english = [w for w in words if re.fullmatch(r"[A-Za-z][A-Za-z ()'-]*:?", w.strip())]
    assert not english, english
    page.screenshot(path=str(artifacts / "arabic-incident-form-phone.png"), full_page=True)
    assert incident.place == gazetteer["town"]
    assert incident.primary_perpetrator == gazetteer["party"]
    assert incident.attacks.get().facility == gazetteer["hospital"]
    context.close()
