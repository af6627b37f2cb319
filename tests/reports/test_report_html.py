"""What the period report shows, read from its HTML: every number links to the list that gives it,
zeros are dashes, the chart has a bar and a label for each month, the repeatedly attacked
facilities link their pages and attacks, names that look like markup stay text; in English and
in Arabic."""

import pytest
from django.utils import translation
from django.utils.translation import ngettext

from reports.charts import series_label
from tests.html import parse, without_language_prefix
from tests.reports.cases import build_report_cases
from tests.reports.helpers import rows_behind

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ar"]
YEAR = "/reports/?date_after=2018-01-01&date_before=2018-12-31"


@pytest.fixture
def cases(db):
    build_report_cases()


def page(client, url: str, language: str, status: int = 200):
    # Arabic is served under /ar/ (config/urls.py).
    response = client.get(f"/{language}{url}" if language == "ar" else url)
    assert response.status_code == status, response.content[:300]
    document = parse(response.content)
    assert document.find("html").attrs["lang"] == language
    if language == "ar":
        # Every link of an Arabic page stays Arabic; the assertions below read it without /ar.
        assert without_language_prefix(document, "/ar") == []
    return document, response.content.decode()


def section(document, title_id: str):
    return document.find("section", aria_labelledby=title_id)


def number(text: str) -> int:
    return int(text.replace(",", "").replace("٬", ""))


def test_every_number_links_to_the_list_that_gives_it(client, cases):
    document, _html = page(client, YEAR, "en")
    checked = 0
    for title in ("killed-title", "attacks-title"):
        for cell in section(document, title).find("table").find_all("td", class_="num"):
            links = cell.find_all("a")
            if not links:
                assert cell.find("span").attrs["aria-label"] == "0"
                continue
            assert rows_behind(client, links[0].attrs["href"]) == number(links[0].text), links[0].attrs
            checked += 1
    chart_table = section(document, "chart-title").find("details").find("tbody")
    for link in chart_table.find_all("a"):
        assert rows_behind(client, link.attrs["href"]) == number(link.text), link.attrs
        checked += 1
    for link in section(document, "summary-title").find_all("a"):
        assert rows_behind(client, link.attrs["href"]) == number(link.find("strong").text)
        checked += 1
    assert checked > 40


@pytest.mark.parametrize("language", LANGUAGES)
def test_party_tables_name_parties_and_dash_zeros(client, cases, language):
    document, html = page(client, YEAR, language)
    table = section(document, "attacks-title").find("table")
    rows = table.find("tbody").find_all("tr")
    names = [row.find("th").text for row in rows]
    # A sub-sub-party whose name looks like markup: text, indented by its depth.
    assert "Fire & <Ice> forces" in names
    assert "&lt;Ice&gt;" in html
    fire = rows[names.index("Fire & <Ice> forces")]
    assert fire.attrs["class"] == "depth-2"
    header = [th.text for th in table.find("thead").find_all("th")]
    assert len(fire.find_all("td")) == len(header) - 1
    total = table.find("tfoot").find("tr")
    assert total.find("th").text
    # The total row links every number, zeros included.
    assert all(td.find_all("a") for td in total.find_all("td"))
    dashes = table.find_all("span", aria_label="0")
    assert dashes and all(d.text == "–" for d in dashes)


@pytest.mark.parametrize("language", LANGUAGES)
def test_chart_has_two_bars_and_a_label_per_month(client, cases, language):
    document, _html = page(client, YEAR, language)
    chart = section(document, "chart-title")
    svg = chart.find("svg")
    assert svg.attrs["role"] == "img"
    assert svg.attrs["aria-labelledby"] == "chart-title"
    months = chart.find("details").find("tbody").find_all("tr")
    assert len(months) == 12
    attacks = svg.find_all("rect", class_="bar-attacks")
    killed = svg.find_all("rect", class_="bar-killed")
    assert len(attacks) == len(killed) == 12
    # Each bar says its month and its number; the taller bar has the larger number.
    for row, bar_a, bar_k in zip(months, attacks, killed, strict=True):
        month = row.find("th").text
        n_attacks, n_killed = (number(a.text) for a in row.find_all("a"))
        with translation.override(language):
            assert bar_a.find("title").text == f"{month}: {series_label('attacks', n_attacks)}"
            assert bar_k.find("title").text == f"{month}: {series_label('killed', n_killed)}"
    heights = {
        number(row.find_all("a")[0].text): float(bar.attrs["height"])
        for row, bar in zip(months, attacks, strict=True)
    }
    assert heights[max(heights)] == max(heights.values())
    assert heights.get(0, 0.0) == 0.0
    labels = svg.find_all("text", text_anchor="middle")
    assert len(labels) == 12


def test_a_long_chart_labels_every_third_month(client, cases):
    document, _html = page(client, "/reports/?date_after=2016-01-01&date_before=2018-12-31", "en")
    svg = section(document, "chart-title").find("svg")
    assert len(svg.find_all("rect", class_="bar-attacks")) == 36
    labels = [t.text for t in svg.find_all("text", text_anchor="middle")]
    assert labels[:2] == ["Jan 16", "Apr 16"]
    assert len(labels) == 12


@pytest.mark.parametrize("language", LANGUAGES)
def test_repeat_facilities_link_their_pages_and_attacks(client, cases, language):
    document, html = page(client, YEAR, language)
    cards = section(document, "repeat-title").find("ul", class_="cards").find_all("li")
    clinic = next(card for card in cards if card.find("h3").text == "<i>Clinic</i> & co")
    assert "<i>Clinic</i>" not in html
    assert clinic.find("h3").find("a").attrs["href"].startswith("/facilities/")
    dates = clinic.find("p").find_all("a")
    assert [a.attrs["href"].split("/")[1] for a in dates] == ["incidents", "incidents"]
    with translation.override(language):
        assert ngettext("%(n)s attack", "%(n)s attacks", 2) % {"n": 2} in clinic.find("p").text
    more = section(document, "repeat-title").find_all("a")[-1]
    assert more.attrs["href"].startswith("/facilities/?") and "repeat=1" in more.attrs["href"]


def test_only_the_fifty_most_attacked_facilities_are_shown(client, cases):
    document, _html = page(client, "/reports/?date_after=2017-01-01&date_before=2017-12-31", "en")
    repeat = section(document, "repeat-title")
    assert len(repeat.find("ul", class_="cards").find_all("li")) == 50
    assert "53 facilities were attacked more than once; the 50 attacked most often are shown." in repeat.text
    # The most attacked first: three attacks.
    assert "3 attacks" in repeat.find("ul", class_="cards").find("li").text


@pytest.mark.parametrize("language", LANGUAGES)
def test_period_form_keeps_the_choice(client, cases, language):
    document, _html = page(client, "/reports/?month=2018-01&governorate=SY07", language)
    form = document.find("form", class_="period-form")
    assert form.find("input", name="month").attrs["value"] == "2018-01"
    selected = [
        o.attrs["value"]
        for o in form.find("select", name="governorate").find_all("option")
        if o.has("selected")
    ]
    assert selected == ["SY07"]
    # The governorate named in the page's language (the record has both).
    assert ("إدلب" if language == "ar" else "Idleb") in document.find("h1").text


@pytest.mark.parametrize("language", LANGUAGES)
def test_invalid_period_is_explained(client, cases, language):
    document, _html = page(
        client, "/reports/?date_after=2018-02-30&month=2018-13&governorate=Atlantis", language, 400
    )
    form = document.find("form", class_="period-form")
    errors = form.find_all("p", class_="error")
    assert len(errors) >= 2 and all(e.attrs["role"] == "alert" for e in errors)
    assert form.find("input", name="month").attrs["value"] == "2018-13"
    assert not document.find_all("section", aria_labelledby="killed-title")


def test_an_empty_period_says_so(client, cases):
    document, _html = page(client, "/reports/?month=2016-05", "en")
    assert "No one recorded killed in this period." in section(document, "killed-title").text
    assert not section(document, "killed-title").find_all("table")
