"""A visitor switches to Arabic with the language link, follows links in Arabic, and comes back.

Drives Debian's Chromium through Playwright against the live test server
(Chromium fixtures in conftest.py). Screenshots go to
``test-artifacts/languages-*.png``.
"""

import pytest

from tests.factories import PublishedIncidentFactory

# Serialised rollback keeps the rows the migrations create (the role groups) for later tests.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
STEP_TIMEOUT_MS = 20_000


def test_language_link_switches_and_the_language_stays_while_following_links(browser, artifacts, live_server):
    incident = PublishedIncidentFactory(title="Strike on the language test hospital")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(STEP_TIMEOUT_MS)
    page = context.new_page()

    page.goto(f"{live_server.url}/incidents/?per_page=25")
    assert page.locator("html").get_attribute("lang") == "en"

    # The language link keeps the page and its query string.
    page.locator("nav.language a[hreflang='ar']").click()
    page.wait_for_url(f"{live_server.url}/ar/incidents/?per_page=25")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(artifacts / "languages-arabic-list.png"), full_page=True)

    # An ordinary link on the Arabic page stays Arabic.
    page.get_by_role("link", name=incident.title).click()
    page.wait_for_url(f"{live_server.url}/ar/incidents/{incident.code}/")
    assert page.locator("html").get_attribute("dir") == "rtl"

    # Back to English, and English it stays.
    page.locator("nav.language a[hreflang='en']").click()
    page.wait_for_url(f"{live_server.url}/incidents/{incident.code}/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("nav[aria-label='Main'] a", has_text="Incidents").click()
    page.wait_for_url(f"{live_server.url}/incidents/")
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()
