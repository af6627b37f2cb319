"""What the public lists show, read from their HTML as a visitor's browser would.

On the pinned-CSV data set plus records whose text looks like markup, in English and in Arabic:
the rows and their links, the count, the filter form after a filter (ticked boxes, the chosen
option and radio button, open groups, the values typed), errors, and hostile text shown as text.
"""

import datetime

import pytest
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext, ngettext

from facilities.models import Facility, FacilityKind, Place, PlaceLevel
from incidents.choices import DatePrecision, Weapon
from incidents.models import Attack, Attribution, Incident, Perpetrator
from incidents.wording import casualties_text
from tests.html import parse, without_language_prefix
from tests.public.test_csv_pinned import build, facility, incident, place

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ar"]
SCRIPT_TITLE = '<script>alert("x")</script> & strike'


@pytest.fixture
def cases(db):
    """The CSV data set, rows and places whose text looks like markup, a week-precision date."""
    build()
    aleppo = place("Aleppo & <environs>", PlaceLevel.ADMIN1, None, "SY02", "حلب")
    town = place('Town "<b>"', PlaceLevel.LOCALITY, aleppo, "SY020100")
    district = place("District & <no P-code>", PlaceLevel.ADMIN2, aleppo)
    district.published = True  # no record uses it: public because a reviewer published it
    district.save()
    party = Perpetrator.objects.create(code="fire-and-ice", name="Fire & <Ice> forces", kind="state_forces")
    clinic = facility("FAC-000100", "<i>Clinic</i> & co", FacilityKind.PRIMARY_CARE, town)
    strike = incident(
        "INC-2018-00100",
        datetime.date(2018, 1, 9),
        town,
        title=SCRIPT_TITLE,
        date_precision=DatePrecision.WEEK,
        weapon=Weapon.DRONE,
        injured_count=3,
    )
    Attack.objects.create(incident=strike, facility=clinic, damage="slight")
    Attribution.objects.create(incident=strike, perpetrator=party, certainty="confirmed", primary=True)
    # An attack whose incident has no primary party, with no damage recorded.
    unattributed = Incident.objects.get(code="INC-2018-00004")
    Attack.objects.create(incident=unattributed, facility=clinic, damage="", service_impact="reduced")


def translated(language: str, text: str) -> str:
    """``text`` as the page in ``language`` shows it (the Arabic catalogue's, under /ar/)."""
    with translation.override(language):
        return gettext(text)


def attributed(language: str, wording: str, name: str) -> str:
    """``"believed to be Russian forces"`` as the page in ``language`` words it (the link's text
    inside its translated phrase)."""
    phrase = translated(language, f'{wording} <a href="%(url)s" lang="%(lang)s" dir="%(dir)s">%(name)s</a>')
    return strip_tags(phrase % {"url": "", "lang": "", "dir": "", "name": "\x00"}).replace("\x00", name)


def page(client, url: str, language: str, status: int = 200):
    # Arabic is served under /ar/ (config/urls.py).
    response = client.get(f"/{language}{url}" if language == "ar" else url)
    assert response.status_code == status, response.content[:300]
    document = parse(response.content)
    html = document.find("html")
    assert html.attrs["lang"] == language
    assert html.attrs["dir"] == ("rtl" if language == "ar" else "ltr")
    if language == "ar":
        # Every link of an Arabic page stays Arabic; the assertions below read it without /ar.
        assert without_language_prefix(document, "/ar") == []
    return document, response.content.decode()


def results(document):
    return document.find("section", class_="results")


def form(document):
    return document.find("form", class_="filters")


def ticked(document, name: str) -> list[str]:
    return [i.attrs["value"] for i in form(document).find_all("input", name=name) if i.has("checked")]


def choice_group(document, name: str):
    """The <details> of the checkbox or radio group ``name``."""
    for details in form(document).find_all("details"):
        if details.find_all("input", name=name):
            return details
    raise AssertionError(name)


@pytest.mark.parametrize("language", LANGUAGES)
def test_incident_rows_link_their_pages_and_facilities(client, cases, language):
    document, _html = page(client, "/incidents/", language)
    items = results(document).find_all("li", class_="result")
    codes = [item.find("span", class_="code").text for item in items]
    # Public incidents only, newest first (a draft and a rumour are left out).
    assert codes == [
        "INC-2018-00100",
        "INC_2018-odd",
        "INC-2018-00008",
        "INC-2018-00007",
        "INC-2018-00006",
        "INC-2018-00005",
        "INC-2018-00004",
        "INC-2018-00001",
    ]
    first = items[-1]
    assert first.find("h3").find("a").attrs["href"] == "/incidents/INC-2018-00001/"
    hit = first.find("p", class_="facilities").find_all("a")
    # In attack order, each with its category.
    assert [a.attrs["href"] for a in hit] == [
        "/facilities/FAC-000004/",
        "/facilities/FAC-000001/",
        "/facilities/FAC-000002/",
    ]
    names = [
        "SARC branch",
        'al Salam Hospital; "the big one"',
        "Ambulance of al Salam",
    ]
    if language == "ar":  # each facility's Arabic name where it has one
        arabic = dict(Facility.objects.values_list("name", "name_ar"))
        names = [arabic[name] or name for name in names]
    assert [a.text for a in hit] == names
    assert len(first.find("p", class_="facilities").find_all("span", class_="tag")) == 3
    party = first.find("a", href="/perpetrators/russian-forces/")
    assert party.text == 'Russian forces, "VKS"'
    with translation.override(language):
        assert first.find("p", class_="casualties").text == casualties_text(2, 7)
    assert first.find("time").attrs["datetime"] == "2018-01-03"
    # No primary party: said so, no link.
    undetermined = items[-2]
    assert not undetermined.find_all("a", href="/perpetrators/syrian-regime/")
    assert undetermined.find_all("p", class_="casualties") == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_attribution_wording_follows_certainty_in_the_list(client, cases, language):
    document, _html = page(client, "/incidents/", language)
    items = {i.find("span", class_="code").text: i for i in results(document).find_all("li", class_="result")}
    assert items["INC-2018-00001"].text.count(attributed(language, "believed to be", "Russian forces")) == 1
    assert attributed(language, "by", "Fire & <Ice> forces") in items["INC-2018-00100"].text
    assert attributed(language, "suspected to be", "Syrian or Russian forces") in items["INC-2018-00005"].text


@pytest.mark.parametrize("language", LANGUAGES)
def test_hostile_text_is_shown_as_text(client, cases, language):
    document, html = page(client, "/incidents/", language)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert not document.find_all("script")
    row = results(document).find_all("li", class_="result")[0]
    assert row.find("h3").text == SCRIPT_TITLE
    assert row.find("a", href="/facilities/FAC-000100/").text == "<i>Clinic</i> & co"
    assert not row.find_all("i")
    governorate = (
        "Aleppo & <environs>" if language == "en" else Place.objects.get(name="Aleppo & <environs>").name_ar
    )
    assert f'Town "<b>", {governorate or "Aleppo & <environs>"}' in row.find("p", class_="meta").text
    assert not row.find_all("b")
    # The party's name inside a translated phrase is escaped too.
    assert row.find("a", href="/perpetrators/fire-and-ice/").text == "Fire & <Ice> forces"
    # Option labels and the place datalist.
    options = form(document).find("select", name="perpetrator").find_all("option")
    assert "Fire & <Ice> forces" in [o.text for o in options]
    datalist = document.find("datalist", id="place-options")
    assert ("District & <no P-code>", "District & <no P-code>") in [
        (o.attrs["value"], o.text) for o in datalist.find_all("option")
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_week_precision_and_count(client, cases, language):
    document, _html = page(client, "/incidents/", language)
    with translation.override(language):
        count = ngettext("%(shown)s incident matches.", "%(shown)s incidents match.", 8) % {"shown": "8"}
    assert document.find("p", class_="count").text == count
    row = results(document).find_all("li", class_="result")[0]
    # Django's own Arabic month names inside the catalogue's phrase.
    month = {"en": "Jan", "ar": "يناير"}[language]
    with translation.override(language):
        assert row.find("time").text == gettext("week of %(date)s") % {"date": f"9 {month} 2018"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_filters_stay_applied_in_the_form(client, cases, language):
    url = (
        "/incidents/?date_after=2018-01-01&date_before=2018-12-31&weapon=fixed_wing_aircraft"
        "&weapon=drone&certainty=confirmed&certainty=probable&per_page=100"
    )
    document, _html = page(client, url, language)
    assert sorted(ticked(document, "weapon")) == ["drone", "fixed_wing_aircraft"]
    assert sorted(ticked(document, "certainty")) == ["confirmed", "probable"]
    assert ticked(document, "attack_type") == []
    # Groups with a choice are open; the others closed.
    assert choice_group(document, "weapon").has("open")
    assert not choice_group(document, "attack_type").has("open")
    assert form(document).find("input", name="date_after").attrs["value"] == "2018-01-01"
    assert form(document).find("input", name="date_before").attrs["value"] == "2018-12-31"
    rows = results(document).find_all("li", class_="result")
    assert {r.find("span", class_="code").text for r in rows} == {"INC-2018-00001", "INC-2018-00100"}
    # Each box has its own label.
    for box in form(document).find_all("input", name="weapon"):
        assert form(document).find("label", for_=box.attrs["id"])
    # The current page size is marked, the others are links that keep the filters.
    per_page = document.find("p", class_="per-page")
    assert per_page.find("strong").text == "100"
    assert "weapon=drone" in per_page.find("a").attrs["href"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_flags_selects_and_typed_values_stay_applied(client, cases, language):
    url = "/incidents/?governorate=SY07&perpetrator=russian-forces&place=SY0703&double_tap=1&repeat=1"
    document, _html = page(client, url, language)
    # A flag given in the address stays ticked, so applying the form again keeps it.
    assert ticked(document, "double_tap") == ["1"]
    assert ticked(document, "repeat") == ["1"]
    perpetrator = form(document).find("select", name="perpetrator")
    assert [o.attrs["value"] for o in perpetrator.find_all("option") if o.has("selected")] == [
        "russian-forces"
    ]
    governorate = form(document).find("select", name="governorate")
    assert [o.attrs["value"] for o in governorate.find_all("option") if o.has("selected")] == ["SY07"]
    assert form(document).find("input", name="place").attrs["value"] == "SY0703"


def test_a_filter_does_not_stay_ticked_on_the_next_page(client, cases):
    """The option lists are kept in the cache: one kept for a filter is not shown without it."""
    document, _html = page(client, "/incidents/?weapon=drone&double_tap=1&perpetrator=hts", "en")
    assert ticked(document, "weapon") == ["drone"]
    document, _html = page(client, "/incidents/", "en")
    assert ticked(document, "weapon") == []
    assert ticked(document, "double_tap") == []
    select = form(document).find("select", name="perpetrator")
    assert [o.attrs["value"] for o in select.find_all("option") if o.has("selected")] == [""]
    document, _html = page(client, "/incidents/?weapon=helicopter", "en")
    assert ticked(document, "weapon") == ["helicopter"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_invalid_filters_are_explained_and_kept(client, cases, language):
    url = "/incidents/?date_after=2018-02-30&weapon=laser&month=2018-13&double_tap=maybe&place=Atlantis"
    document, _html = page(client, url, language, status=400)
    errors = document.find("div", class_="error-box")
    assert errors.attrs["role"] == "alert"
    labels = [strong.text for strong in errors.find_all("strong")]
    assert {translated(language, label) for label in ("Date", "Weapon", "Month", "Place")} <= set(labels)
    assert not document.find_all("ol", class_="result-list")
    date_after = form(document).find("input", name="date_after")
    assert date_after.attrs["value"] == "2018-02-30"
    assert date_after.attrs["aria-invalid"] == "true"
    assert form(document).find("input", name="month").attrs["value"] == "2018-13"
    assert form(document).find("input", name="place").attrs["aria-invalid"] == "true"
    assert all(
        box.attrs.get("aria-invalid") == "true" for box in form(document).find_all("input", name="weapon")
    )
    assert choice_group(document, "weapon").has("open")


@pytest.mark.parametrize("language", LANGUAGES)
def test_attack_rows(client, cases, language):
    document, _html = page(client, "/attacks/?kind=hospital&kind=ambulance&kind=primary_care", language)
    assert sorted(ticked(document, "kind")) == ["ambulance", "hospital", "primary_care"]
    rows = results(document).find("tbody").find_all("tr")
    cells = [[td.text for td in row.find_all("td")] for row in rows]
    links = [[a.attrs["href"] for a in row.find_all("a")] for row in rows]
    assert len(rows) == 4
    assert links[0] == [
        "/facilities/FAC-000100/",
        "/perpetrators/fire-and-ice/",
        "/incidents/INC-2018-00100/",
    ]
    assert cells[0][2] == translated(language, "Medical facility")
    # No damage recorded, no primary party.
    unattributed = next(
        c for c, hrefs in zip(cells, links, strict=True) if "/incidents/INC-2018-00004/" in hrefs
    )
    assert unattributed[3].startswith("—")
    assert unattributed[4] == translated(language, "not determined")
    with translation.override(language):
        count = ngettext("%(shown)s attack matches.", "%(shown)s attacks match.", 4) % {"shown": "4"}
    assert document.find("p", class_="count").text == count


@pytest.mark.parametrize("language", LANGUAGES)
def test_victim_rows_and_radio(client, cases, language):
    document, _html = page(client, "/victims/?child=no&sex=female&sex=male&on_duty=1", language)
    assert ticked(document, "child") == ["no"]
    assert sorted(ticked(document, "sex")) == ["female", "male"]
    assert ticked(document, "on_duty") == ["1"]
    rows = results(document).find("tbody").find_all("tr")
    assert [row.find("a").attrs["href"] for row in rows] == ["/victims/VIC-000001/"]
    row = rows[0]
    # The victim's name in the page's language (the record has both).
    assert row.find("a").text == ("شعاع المحمد" if language == "ar" else "Shu'a al Mohammad")
    assert row.find("a", href="/facilities/FAC-000001/")
    assert row.find("a", href="/perpetrators/russian-forces/")
    assert [tag.text for tag in row.find_all("span", class_="tag")] == [translated(language, "woman or girl")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_victims_invalid_choice(client, cases, language):
    document, _html = page(client, "/victims/?child=sometimes&role=king", language, status=400)
    labels = {s.text for s in document.find("div", class_="error-box").find_all("strong")}
    assert translated(language, "Role") in labels
    assert choice_group(document, "role").has("open")


@pytest.mark.parametrize("language", LANGUAGES)
def test_facility_rows_count_their_attacks(client, cases, language):
    document, _html = page(client, "/facilities/?category=medical", language)
    assert ticked(document, "category") == ["medical"]
    rows = results(document).find("tbody").find_all("tr")
    counts = {row.find("a").text: row.find("td", class_="num").text for row in rows}
    assert counts["<i>Clinic</i> & co"] == "2"
    salam = Facility.objects.get(name='al Salam Hospital; "the big one"')
    assert counts[salam.name_ar if language == "ar" else salam.name] == "1"  # the page's language first
    assert rows[0].find("a").attrs["href"].startswith("/facilities/FAC-")
