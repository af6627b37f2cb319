"""Language in the URL: English at the plain paths, Arabic at the same paths under /ar/.

The URL alone decides the language: links on a page keep it, the language
link swaps it (query string included), and neither the browser's preference
nor a cookie moves a visitor from one to the other.
"""

import datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from tests.factories import PlaceFactory, PublishedIncidentFactory

pytestmark = pytest.mark.django_db


class Links(HTMLParser):
    """The page's ``<html>`` attributes, its links and forms, and its ``<link rel=alternate>``."""

    def __init__(self, html: str):
        super().__init__()
        self.html_attrs: dict = {}
        self.anchors: list[dict] = []
        self.forms: list[dict] = []
        self.alternates: dict[str, str] = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_attrs = attrs
        elif tag == "a" and "href" in attrs:
            self.anchors.append(attrs)
        elif tag == "form":
            self.forms.append(attrs)
        elif tag == "link" and attrs.get("rel") == "alternate":
            self.alternates[attrs["hreflang"]] = attrs["href"]

    @property
    def hrefs(self) -> list[str]:
        return [a["href"] for a in self.anchors]

    def language_link(self, code: str) -> str:
        [href] = [a["href"] for a in self.anchors if a.get("hreflang") == code]
        return href


def get(client, url, status=200) -> Links:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return Links(response.content.decode())


def local_paths(page: Links, base: str) -> list[str]:
    """Every link and form target on the page that stays on this site, as an absolute path."""
    targets = page.hrefs + [form.get("action", "") for form in page.forms]
    paths = []
    for target in targets:
        absolute = urlsplit(urljoin(f"http://testserver{base}", target))
        if absolute.netloc == "testserver" and absolute.scheme in ("http", ""):
            paths.append(absolute.path)
    return paths


PUBLIC = ["/", "/incidents/", "/attacks/", "/victims/", "/facilities/", "/perpetrators/", "/reports/"]


@pytest.mark.parametrize("url", PUBLIC)
def test_english_urls_are_unchanged_and_arabic_is_under_ar(client, world, url):
    english = get(client, url)
    assert english.html_attrs == {"lang": "en", "dir": "ltr"}
    arabic = get(client, f"/ar{url}")
    assert arabic.html_attrs == {"lang": "ar", "dir": "rtl"}


def test_detail_pages_exist_in_both_languages(client, world):
    incident, victim = world.incidents["A"], world.victims["nurse"]
    facility, party = world.facilities["hospital"], world.parties["russia"]
    for path in (
        f"/incidents/{incident.code}/",
        f"/victims/{victim.code}/",
        f"/facilities/{facility.code}/",
        f"/perpetrators/{party.code}/",
    ):
        assert get(client, path).html_attrs["lang"] == "en"
        assert get(client, f"/ar{path}").html_attrs["lang"] == "ar"


def test_the_back_office_answers_in_both_languages(client):
    assert client.get("/admin/").status_code == 302
    response = client.get("/ar/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/ar/admin/login/")


def test_there_is_no_english_prefix_and_no_language_form(client, world):
    assert client.get("/en/incidents/").status_code == 404
    assert client.get("/i18n/setlang/").status_code == 404
    page = get(client, "/incidents/")
    assert not [form for form in page.forms if form.get("method", "get").lower() == "post"]


def test_language_link_round_trip_keeps_the_path_and_query_string(client, world):
    start = "/incidents/?q=hospital&weapon=drone&weapon=fixed_wing_aircraft"
    english = get(client, start)
    to_arabic = english.language_link("ar")
    assert to_arabic == "/ar/incidents/?q=hospital&weapon=drone&weapon=fixed_wing_aircraft"
    arabic = get(client, to_arabic)
    assert arabic.html_attrs["lang"] == "ar"
    assert arabic.language_link("en") == start
    back = get(client, arabic.language_link("en"))
    assert back.html_attrs["lang"] == "en"


def test_language_link_on_a_detail_page(client, world):
    code = world.incidents["A"].code
    assert get(client, f"/incidents/{code}/").language_link("ar") == f"/ar/incidents/{code}/"
    assert get(client, f"/ar/incidents/{code}/").language_link("en") == f"/incidents/{code}/"


def test_language_link_escapes_the_query_string(client, world):
    response = client.get("/incidents/", {"q": '"><script>alert(1)</script>'})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert Links(html).language_link("ar").startswith("/ar/incidents/?q=")


@pytest.mark.parametrize(
    ("url", "english", "arabic"),
    [
        ("/incidents/?q=x", "/incidents/?q=x", "/ar/incidents/?q=x"),
        ("/ar/incidents/?q=x", "/incidents/?q=x", "/ar/incidents/?q=x"),
        ("/", "/", "/ar/"),
        ("/ar/reports/?month=2018-01", "/reports/?month=2018-01", "/ar/reports/?month=2018-01"),
    ],
)
def test_hreflang_alternates_are_absolute(client, world, url, english, arabic):
    page = get(client, url)
    assert page.alternates == {
        "en": f"http://testserver{english}",
        "ar": f"http://testserver{arabic}",
        "x-default": f"http://testserver{english}",
    }


@pytest.mark.parametrize("url", PUBLIC)
def test_every_link_on_an_arabic_page_stays_arabic(client, world, url):
    page = get(client, f"/ar{url}")
    paths = local_paths(page, f"/ar{url}")
    assert paths
    english_only = ("/static/", "/evidence/")
    leaks = [p for p in paths if not p.startswith("/ar/") and not p.startswith(english_only)]
    # The one way back to English is the language link.
    assert leaks == [urlsplit(page.language_link("en")).path]


@pytest.mark.parametrize("url", PUBLIC)
def test_every_link_on_an_english_page_stays_english(client, world, url):
    page = get(client, url)
    paths = local_paths(page, url)
    assert [p for p in paths if p.startswith("/ar/")] == [urlsplit(page.language_link("ar")).path]


def test_following_links_from_an_arabic_list_stays_arabic(client, world):
    incident = world.incidents["A"]
    listing = get(client, "/ar/incidents/")
    detail = f"/ar/incidents/{incident.code}/"
    assert detail in listing.hrefs
    page = get(client, detail)
    assert page.html_attrs["lang"] == "ar"
    # From the detail page to its facility and on to that facility's page.
    facility = f"/ar/facilities/{world.facilities['hospital'].code}/"
    assert facility in page.hrefs
    assert get(client, facility).html_attrs["lang"] == "ar"


def test_the_csv_link_of_an_arabic_list_stays_arabic(client, world):
    page = get(client, "/ar/incidents/?q=hospital")
    [csv] = [a["href"] for a in page.anchors if "format=csv" in a["href"] and "hxl" not in a["href"]]
    target = urljoin("/ar/incidents/?q=hospital", csv)
    assert target.startswith("/ar/incidents/?") and "q=hospital" in target
    response = client.get(target)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


def test_pagination_of_an_arabic_list_stays_arabic(client, db):
    place = PlaceFactory()
    for n in range(30):
        PublishedIncidentFactory(date=datetime.date(2018, 1, 1 + n % 28), place=place)
    page = get(client, "/ar/incidents/?per_page=25")
    [following] = [a["href"] for a in page.anchors if a.get("rel") == "next"]
    target = urljoin("/ar/incidents/?per_page=25", following)
    assert target.startswith("/ar/incidents/?")
    second = get(client, target)
    assert second.html_attrs["lang"] == "ar"
    assert [a for a in second.anchors if a.get("rel") == "prev"]


def test_report_links_to_its_lists_stay_arabic(client, world):
    page = get(client, "/ar/reports/?month=2018-01")
    lists = [p for p in local_paths(page, "/ar/reports/") if p.startswith(("/ar/victims/", "/ar/attacks/"))]
    assert lists
    target = [h for h in page.hrefs if urlsplit(h).path == "/ar/victims/"][0]
    assert get(client, target).html_attrs["lang"] == "ar"
    # The same report in English links to the English lists.
    english = get(client, "/reports/?month=2018-01")
    assert [h for h in english.hrefs if urlsplit(h).path == "/victims/"]
    assert not [h for h in english.hrefs if urlsplit(h).path == "/ar/victims/"]


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ACCEPT_LANGUAGE": "ar"},
        {"HTTP_ACCEPT_LANGUAGE": "ar-SY,ar;q=0.9,en;q=0.5"},
        {"HTTP_COOKIE": "django_language=ar"},
    ],
)
@pytest.mark.parametrize("url", ["/", "/incidents/"])
def test_unprefixed_urls_are_english_whatever_the_browser_prefers(client, world, headers, url):
    """No redirect to /ar/: a visitor who chose English (or followed an English link) stays on
    English, and the page and its cached copy are the same for everyone at one URL."""
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert Links(response.content.decode()).html_attrs["lang"] == "en"


def test_a_visitor_who_clicks_english_on_an_arabic_page_stays_in_english(world):
    visitor = Client(HTTP_ACCEPT_LANGUAGE="ar")
    arabic = get(visitor, "/ar/incidents/?q=hospital")
    english_url = arabic.language_link("en")
    english = get(visitor, english_url)
    assert english.html_attrs["lang"] == "en"
    # Every page they go on to is English too.
    detail = f"/incidents/{world.incidents['A'].code}/"
    assert detail in english.hrefs
    assert get(visitor, detail).html_attrs["lang"] == "en"
    assert get(visitor, "/").html_attrs["lang"] == "en"
