"""A researcher filters incidents, opens one, downloads the CSV and reads the January 2018 report.

Drives Debian's Chromium through Playwright against the live test server, on
the demo data (Chromium fixtures in conftest.py). Screenshots go to
``test-artifacts/researcher-*.png``.
"""

import csv
import io

import pytest
from django.core.management import call_command

from incidents.models import Incident, Perpetrator

# Serialised rollback keeps the rows the migrations create (the role groups) for later tests.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
STEP_TIMEOUT_MS = 20_000


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


def test_researcher_filters_opens_downloads_and_reads_the_report(browser, artifacts, live_server, demo):
    def shot(page, name: str) -> None:
        page.screenshot(path=str(artifacts / f"researcher-{name}.png"), full_page=True)

    russia = Perpetrator.objects.get(code="russian-forces")
    expected = list(
        Incident.objects.public()
        .attributed_to(russia)
        .filter(date__year=2018, date__month=1)
        .values_list("code", flat=True)
    )
    assert expected

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(STEP_TIMEOUT_MS)
    page = context.new_page()

    # Filter the incidents by perpetrator and month, with the form.
    page.goto(f"{live_server.url}/incidents/")
    page.select_option("#id_perpetrator", "russian-forces")
    page.fill("#id_month", "2018-01")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/incidents/?*perpetrator=russian-forces*")
    assert "month=2018-01" in page.url
    page.get_by_text(f"{len(expected)} incidents match.").wait_for()
    links = page.locator("ol.result-list h3 a")
    assert links.count() == len(expected)
    shot(page, "incidents-filtered")

    # Open one of them: the attribution is worded by its certainty.
    first_title = links.first.inner_text()
    csv_href = page.get_by_role("link", name="CSV", exact=True).get_attribute("href")
    links.first.click()
    page.get_by_role("heading", level=1, name=first_title).wait_for()
    assert page.get_by_text("believed to be").first.is_visible()
    assert page.get_by_role("heading", name="Facilities hit").is_visible()
    shot(page, "incident-detail")

    # Download the filtered rows (browser downloads are off here: fetch the link).
    response = page.request.get(f"{live_server.url}/incidents/{csv_href}")
    assert response.ok
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    body = response.body()
    assert body.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8")[1:])))
    assert sorted(row["code"] for row in rows) == sorted(expected)
    assert {row["perpetrator"] for row in rows} == {"russian-forces"}
    assert all(row["date"].startswith("2018-01") for row in rows)

    # The January 2018 report shows the demo data's counts.
    page.goto(f"{live_server.url}/reports/")
    page.fill("#id_month", "2018-01")
    page.get_by_role("button", name="Show report").click()
    page.get_by_role("heading", level=1, name="Report: January 2018").wait_for()
    summary = page.locator("section.headline").inner_text()
    assert "8 people killed" in summary
    assert "25 attacks on facilities" in summary
    killed = page.locator("section[aria-labelledby=killed-title] table.report")
    russian_row = killed.locator("tbody tr", has_text="Russian forces")
    assert russian_row.locator("td").nth(-3).inner_text() == "3"  # total killed
    assert russian_row.locator("td").nth(-2).inner_text() == "1"  # one of them a woman
    attacks = page.locator("section[aria-labelledby=attacks-title] table.report")
    assert attacks.locator("tfoot td").last.inner_text() == "25"
    assert attacks.locator("tbody tr", has_text="Syrian or Russian forces").count() == 1
    assert page.locator("svg.chart").is_visible()
    shot(page, "report-january-2018")

    # The report's CSV is the tidy table of interfaces.md.
    tidy = page.request.get(f"{live_server.url}/reports/?month=2018-01&format=csv")
    lines = tidy.body().decode("utf-8").lstrip("\ufeff").splitlines()
    assert lines[0] == "table,perpetrator,parent_perpetrator,category,sex,count,kind,age_group"
    assert any(
        line.startswith("victims_killed,russian-forces,,medical_personnel,female,1,") for line in lines
    )

    # The same list on a phone.
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone_page = phone.new_page()
    phone_page.goto(f"{live_server.url}/reports/?month=2018-01")
    shot(phone_page, "report-phone")
    phone.close()
    context.close()
