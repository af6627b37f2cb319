"""Detail pages, home and perpetrators: what they say, and what they never show."""

import datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext

from incidents.choices import DatePrecision
from tests.factories import AttackFactory, AttributionFactory, PerpetratorFactory, PublishedIncidentFactory
from tests.reports.helpers import rows_behind

pytestmark = pytest.mark.django_db

PRIVATE = [
    "SECRET-NOTE",
    "REAL-NAME-SECRET",
    "CONTACT-SECRET",
    "INTERNAL-STATEMENT",
    "WITHDRAWN-STATEMENT",
    "RESTRICTED-CAPTION",
    "DRAFT-VICTIM",
    "DRAFT-TITLE",
    "RUMOUR-TITLE",
    "Hidden Person",
    "HIDDEN-BIOGRAPHY",
]


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def all_public_urls(world):
    urls = [
        "/",
        "/incidents/",
        "/attacks/",
        "/victims/",
        "/facilities/",
        "/perpetrators/",
        "/reports/?month=2018-01",
    ]
    urls += [f"/incidents/{i.code}/" for k, i in world.incidents.items() if k not in "GH"]
    urls += [f"/facilities/{f.code}/" for f in world.facilities.values()]
    urls += [f"/perpetrators/{p.code}/" for p in world.parties.values()]
    urls += [
        f"/victims/{v.code}/" for k, v in world.victims.items() if k not in ("draft", "hidden_by_incident")
    ]
    return urls


def test_no_public_page_shows_private_data(client, world):
    for url in all_public_urls(world):
        html = page(client, url)
        for secret in PRIVATE:
            assert secret not in html, (url, secret)


@pytest.mark.parametrize("key", ["G", "H"])
def test_unpublished_and_rumoured_incidents_are_not_found(client, world, key):
    assert client.get(f"/incidents/{world.incidents[key].code}/").status_code == 404


@pytest.mark.parametrize("key", ["draft", "hidden_by_incident"])
def test_unpublished_victims_are_not_found(client, world, key):
    assert client.get(f"/victims/{world.victims[key].code}/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/incidents/INC-1900-00001/",
        "/victims/nope/",
        "/facilities/nope/",
        "/perpetrators/nope/",
        "/incidents/%00/",
        "/victims/a%00b/",
        "/facilities/%E2%80%8F/",
        "/perpetrators/" + "x" * 5000 + "/",
    ],
)
def test_unknown_or_malformed_codes_are_not_found(client, world, url):
    assert client.get(url).status_code == 404


def test_incident_page_tells_the_story(client, world):
    a = world.incidents["A"]
    html = page(client, f"/incidents/{a.code}/")
    assert "Wednesday, 3 January 2018, around 14:00" in html
    assert "Idleb" in html and "Ma&#x27;arrat An Nu&#x27;man district" in html  # hierarchy
    assert "believed to be <a" in html and "Russian forces</a>" in html
    assert "al Salam Hospital" in html
    assert "Heavy" in html and "Out of service" in html
    assert "First attack on this facility in January 2018." in html
    assert "Shu&#x27;a al Mohammad" in html
    assert "Abu Ahmad" in html and "PUBLIC-STATEMENT" in html and "media activist" in html
    assert "PUBLIC-CAPTION" in html
    assert "Monthly report January 2018" in html


def test_attack_history_counts_within_the_month(client, world):
    html = page(client, f"/incidents/{world.incidents['J'].code}/")
    assert "Second attack on this facility in January 2018." in html
    assert "3 attacks recorded in all" in html
    assert "in the week of 21 January 2018" in html


def test_third_attack_in_a_month(client, world):
    third = PublishedIncidentFactory(date=datetime.date(2018, 1, 30), place=world.places["maaret"])
    AttackFactory(incident=third, facility=world.facilities["hospital"])
    html = page(client, f"/incidents/{third.code}/")
    assert "Third attack on this facility in January 2018." in html


@pytest.mark.parametrize(
    ("certainty", "wording"),
    [("confirmed", "by <a"), ("probable", "believed to be <a"), ("possible", "suspected to be <a")],
)
def test_attribution_wording_follows_certainty(client, world, certainty, wording):
    incident = PublishedIncidentFactory(place=world.places["douma"])
    AttributionFactory(incident=incident, perpetrator=world.parties["regime"], certainty=certainty)
    assert wording in page(client, f"/incidents/{incident.code}/")


@pytest.mark.parametrize(
    ("certainty", "wording"),
    [("confirmed", "by <a"), ("probable", "believed to be <a"), ("possible", "suspected to be <a")],
)
def test_list_rows_word_the_attribution_and_escape_record_text(client, world, certainty, wording):
    """The list's rows (a Jinja2 fragment, ``jinja2/incidents/incident_rows.html``) word the
    primary party as the incident page does, and escape whatever a record's text holds: the
    translated phrase is markup, the party's name put into it is not."""
    party = PerpetratorFactory(code="tag-party", name='<i>Tag</i> "party"')
    incident = PublishedIncidentFactory(place=world.places["douma"], title="<b>Bold</b> & strike")
    AttributionFactory(incident=incident, perpetrator=party, certainty=certainty)
    html = page(client, "/incidents/?q=Bold")
    assert wording in html
    assert "<i>Tag</i>" not in html and "&lt;i&gt;Tag&lt;/i&gt; &#34;party&#34;" in html
    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt; &amp; strike" in html


def test_secondary_attributions_are_shown_too(client, world):
    other = PerpetratorFactory(code="other-party", name="Other Party")
    AttributionFactory(incident=world.incidents["F"], perpetrator=other, certainty="possible", primary=False)
    html = page(client, f"/incidents/{world.incidents['F'].code}/")
    assert "suspected to be <a" in html and "Other Party" in html


def test_month_precision_is_said_in_words(client, world):
    html = page(client, f"/incidents/{world.incidents['I'].code}/")
    assert "in February 2018" in html


def test_double_tap_links_both_strikes(client, world):
    c, d = world.incidents["C"], world.incidents["D"]
    assert f"/incidents/{d.code}/" in page(client, f"/incidents/{c.code}/")
    assert f"/incidents/{c.code}/" in page(client, f"/incidents/{d.code}/")


def test_unnamed_victim_on_incident_and_victim_pages(client, world):
    d = world.incidents["D"]
    assert "Unnamed victim" in page(client, f"/incidents/{d.code}/")
    html = page(client, f"/victims/{world.victims['unnamed'].code}/")
    assert "Unnamed victim" in html


def test_duplicate_victim_is_not_listed_on_the_incident(client, world):
    html = page(client, f"/incidents/{world.incidents['B'].code}/")
    assert "Hosam al Mandil" in html
    assert "Husam Mandil" not in html


def test_victim_page(client, world):
    html = page(client, f"/victims/{world.victims['tortured'].code}/")
    assert "Tortured to death" in html
    assert "Syrian regime forces" in html
    assert "(child)" in html
    html = page(client, f"/victims/{world.victims['nurse'].code}/")
    assert "Russian forces" in html and "al Salam Hospital" in html and "Nurses" in html


def test_facility_page_shows_public_attack_history(client, world):
    html = page(client, f"/facilities/{world.facilities['hospital'].code}/")
    assert "Attack history: 3 attacks" in html
    for key in "AJI":
        assert world.incidents[key].code in html
    assert world.incidents["G"].code not in html
    assert "Ambulance of al Salam Hospital" in html  # its unit
    assert "Shu&#x27;a al Mohammad" in html  # staff harmed


def test_perpetrator_page_counts_by_year_with_sub_parties(client, world):
    html = page(client, "/perpetrators/extremist-groups/")
    assert "ISIS" in html  # sub-party
    assert "2018" in html and "Doctors: 1" in html
    html = page(client, "/perpetrators/russian-forces/")
    assert "Medical facility: 3" in html  # A, J, I
    assert "Syrian or Russian forces" in html  # counted under the undetermined party instead


def test_perpetrator_list_has_hierarchy_and_undetermined_rows(client, world):
    response = client.get("/perpetrators/")
    rows = {row.code: row for row in response.context["rows"]}
    assert rows["extremist-groups"].total["killed"] == 1
    assert rows["isis"].depth == 1
    assert rows["syrian-or-russian-forces"].total["attacks"] == 1
    assert rows["syrian-regime"].total["attacks"] == 2  # B, C: the undetermined strike is not split
    assert rows["syrian-regime"].total["killed"] == 3  # driver, rescuer, tortured
    assert rows["unattributed"].total["incidents"] == 1


def test_home_headline_figures_for_the_latest_month_and_its_year(client, world):
    """The latest public incident is in February 2018: the home page counts that month and 2018 up
    to its end, each figure linked to the list that gives it."""
    response = client.get("/")
    (month_title, month, month_report), (year_title, year, year_report) = response.context["headline_groups"]
    assert month_title == "February 2018" and year_title == "2018 to the end of February"
    numbers = {figure["label"]: figure["n"] for figure in year}
    assert numbers == {
        "People killed": 6,  # the duplicate, the draft's and the injured are not counted
        "of them children": 1,
        "of them women": 2,
        "People injured": 1,
        "Attacks on facilities": 6,
        "Facilities attacked": 4,  # al Salam Hospital hit three times
    }
    assert {figure["label"]: figure["n"] for figure in month}["Attacks on facilities"] == 1
    for figure in month + year:
        assert rows_behind(client, figure["url"]) == figure["n"], figure["url"]
    assert "date_after=2018-01-01&date_before=2018-02-28" in year_report
    assert "date_after=2018-02-01&date_before=2018-02-28" in month_report

    # A newer month moves the headline (after the cache's few minutes).
    recent = PublishedIncidentFactory(date=datetime.date(2018, 3, 5), place=world.places["douma"])
    AttackFactory(incident=recent, facility=world.facilities["point"])
    from django.core.cache import cache

    cache.clear()
    response = client.get("/")
    month_title, month, _report = response.context["headline_groups"][0]
    assert month_title == "March 2018"
    assert {figure["label"]: figure["n"] for figure in month}["Facilities attacked"] == 1
    assert response.context["latest"][0] == recent


def test_home_headline_in_arabic(client, world):
    response = client.get("/ar/")
    html = response.content.decode()
    with translation.override("ar"):
        for label in ("People killed", "of them children", "of them women", "People injured"):
            assert gettext(label) in html, label
        assert gettext("The report for this period") in html


def test_pages_are_translatable_and_switch_to_arabic_right_to_left(client, world):
    html = page(client, "/ar/incidents/")
    assert '<html lang="ar" dir="rtl">' in html


def test_filter_form_has_labels_and_no_huge_place_dropdown(client, world):
    html = page(client, "/incidents/")
    assert '<label for="id_q">' in html
    assert '<label for="id_date_after">' in html and '<label for="id_date_before">' in html
    assert 'list="place-options"' in html  # a text box with suggestions, not a select of every place
    assert "<select" in html and 'name="place"' in html


def test_evidence_images_link_to_the_public_derivative_views(client, world):
    ev = world.evidence["public"]
    ev.thumbnail.name = "derivatives/thumb/x.jpg"
    type(ev).objects.filter(pk=ev.pk).update(thumbnail="derivatives/thumb/x.jpg")
    html = page(client, f"/incidents/{world.incidents['A'].code}/")
    assert f"/evidence/{ev.pk}/thumbnail/" in html
    assert f"/evidence/{world.evidence['restricted'].pk}/" not in html


def test_date_precision_week_in_lists(client, world):
    world.incidents["E"].date_precision = DatePrecision.WEEK
    world.incidents["E"].save()
    assert "week of 16 Jan 2018" in page(client, "/incidents/")
