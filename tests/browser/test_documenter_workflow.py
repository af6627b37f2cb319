"""A documenter records an incident in the back office; a reviewer verifies and publishes it.

Drives Debian's Chromium through Playwright against the live test server. The
filled incident form is saved as ``test-artifacts/incident-form.png``.
"""

import pytest

from facilities.models import FacilityKind, PlaceLevel
from incidents.choices import Status
from incidents.models import Incident
from tests.factories import FacilityFactory, GovernorateFactory, PerpetratorFactory, PlaceFactory, UserFactory
from victims.models import Victim

playwright_api = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"  # the factories' password
STEP_TIMEOUT_MS = 20_000


@pytest.fixture
def gazetteer(db):
    idlib = GovernorateFactory(name="Idlib", name_ar="إدلب")
    town = PlaceFactory(name="Kafr Nabl", name_ar="كفرنبل", parent=idlib, level=PlaceLevel.LOCALITY)
    PlaceFactory(name="Kafr Takharim", parent=idlib)
    return {
        "town": town,
        "hospital": FacilityFactory(
            name="Kafr Nabl Surgical Hospital", kind=FacilityKind.HOSPITAL, place=town
        ),
        "party": PerpetratorFactory(
            code="russian-forces", name="Russian forces", kind="foreign_state_forces"
        ),
    }


def log_in(browser, live_server, username: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en")
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    playwright_api.expect(page.locator("#user-tools")).to_contain_text(username)
    return page


def choose(page, select_id: str, term: str, option_text: str):
    """Pick a value in an admin autocomplete (select2): click, type, choose."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").press_sequentially(term, delay=40)
    page.locator(".select2-results__option", has_text=option_text).first.click()
    playwright_api.expect(page.locator(f"#select2-{select_id}-container")).to_contain_text(option_text)


def run_action(page, live_server, changelist: str, pk: int, action: str):
    page.goto(f"{live_server.url}{changelist}")
    page.check(f"input[name=_selected_action][value='{pk}']")
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")


def offered_actions(page) -> list[str]:
    return page.locator("select[name=action] option").evaluate_all("options => options.map(o => o.value)")


def test_documenter_records_and_reviewer_publishes(browser, live_server, gazetteer, artifacts):
    UserFactory(username="documenter", groups=["Documenter"])
    UserFactory(username="reviewer", groups=["Reviewer"])

    # A documenter fills in the incident page.
    page = log_in(browser, live_server, "documenter")
    page.goto(f"{live_server.url}/admin/incidents/incident/add/")
    page.fill("#id_title", "Airstrike on Kafr Nabl Surgical Hospital")
    page.fill("#id_summary", "Warplanes fired four missiles at the hospital; one paramedic was killed.")
    page.select_option("#id_certainty", "confirmed")
    page.fill("#id_date", "2018-02-04")
    choose(page, "id_place", "Kafr N", "Kafr Nabl")
    page.select_option("#id_attack_type", "heavy_weapons")
    page.select_option("#id_weapon", "missile")
    page.fill("#id_weapon_detail", "Su-25, four missiles")
    page.fill("#id_killed_count", "1")
    page.fill("#id_injured_count", "3")
    choose(page, "id_attacks-0-facility", "Surgical", "Kafr Nabl Surgical Hospital")
    page.select_option("#id_attacks-0-damage", "heavy")
    page.select_option("#id_attacks-0-proximity", "direct_hit")
    page.select_option("#id_attacks-0-service_impact", "out_of_service")
    choose(page, "id_attributions-0-perpetrator", "Russ", "Russian forces")
    page.select_option("#id_attributions-0-certainty", "probable")
    page.select_option("#id_attributions-0-basis", "aircraft_observation")
    page.fill("#id_attributions-0-note", "Fixed-wing warplanes we believe were Russian")
    page.check("#id_attributions-0-primary")
    if page.locator("#toggle-nav-sidebar").is_visible():
        page.click("#toggle-nav-sidebar")  # the whole width for the form in the artefact
    page.screenshot(path=str(artifacts / "incident-form.png"), full_page=True)
    page.click("input[name=_save]")
    playwright_api.expect(page.locator(".messagelist .success")).to_be_visible()

    incident = Incident.objects.get()
    assert incident.place == gazetteer["town"]
    assert incident.created_by.username == "documenter"
    assert incident.attacks.get().facility == gazetteer["hospital"]
    assert incident.primary_perpetrator == gazetteer["party"]
    assert incident.primary_attribution.certainty == "probable"

    # ... adds a killed paramedic linked to it ...
    page.goto(f"{live_server.url}/admin/victims/victim/add/")
    page.fill("#id_name", "Ahmad Example")
    page.select_option("#id_sex", "male")
    page.select_option("#id_role", "paramedic")
    page.select_option("#id_harm", "killed")
    choose(page, "id_incident", incident.code, incident.code)
    page.check("#id_on_duty")
    page.click("input[name=_save]")
    playwright_api.expect(page.locator(".messagelist .success")).to_be_visible()
    victim = Victim.objects.get()
    assert (victim.incident, victim.harm, victim.date_of_harm) == (incident, "killed", incident.date)

    # ... and submits the incident for review; publishing is not hers to do.
    run_action(page, live_server, "/admin/incidents/incident/", incident.pk, "submit_selected")
    playwright_api.expect(page.locator(".messagelist .success")).to_contain_text("in review")
    incident.refresh_from_db()
    assert incident.status == Status.IN_REVIEW
    assert "publish_selected" not in offered_actions(page)
    assert "verify_selected" not in offered_actions(page)

    # A reviewer verifies, then publishes.
    reviewer_page = log_in(browser, live_server, "reviewer")
    reviewer_page.goto(f"{live_server.url}/admin/incidents/incident/")
    assert {"verify_selected", "publish_selected"} <= set(offered_actions(reviewer_page))
    for action, status in (("verify_selected", Status.VERIFIED), ("publish_selected", Status.PUBLISHED)):
        run_action(reviewer_page, live_server, "/admin/incidents/incident/", incident.pk, action)
        playwright_api.expect(reviewer_page.locator(".messagelist .success")).to_be_visible()
        incident.refresh_from_db()
        assert incident.status == status
    assert incident.published_at is not None
    assert incident.history.latest().history_user.username == "reviewer"
    reviewer_page.screenshot(path=str(artifacts / "incident-list.png"), full_page=True)

    # The published incident is now read-only for the documenter.
    page.goto(f"{live_server.url}/admin/incidents/incident/{incident.pk}/change/")
    playwright_api.expect(page.locator("input[name=_save]")).to_have_count(0)
    page.context.close()
    reviewer_page.context.close()
