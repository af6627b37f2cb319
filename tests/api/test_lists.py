"""The API's lists are the HTML lists: the same records, the same count, every row once across pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import results
from tests.public.helpers import listed

pytestmark = pytest.mark.django_db

# (API list, HTML list, filters): the lists' own parameters, one or several together.
CASES = [
    ("incidents", "/incidents/", {}),
    ("incidents", "/incidents/", {"date_after": "2018-01-01", "date_before": "2018-01-31"}),
    ("incidents", "/incidents/", {"month": "2018-01", "perpetrator": "russian-forces"}),
    ("incidents", "/incidents/", {"perpetrator": "unattributed"}),
    ("incidents", "/incidents/", {"governorate": "SY07", "weapon": ["fixed_wing_aircraft", "artillery"]}),
    ("incidents", "/incidents/", {"q": "hospital"}),
    ("incidents", "/incidents/", {"double_tap": "1"}),
    ("incidents", "/incidents/", {"repeat": "1", "category": "medical"}),
    ("attacks", "/attacks/", {}),
    ("attacks", "/attacks/", {"perpetrator": "syrian-regime", "damage": "heavy"}),
    ("attacks", "/attacks/", {"repeat": "1", "place": "Ma'aret al Nu'man"}),
    ("attacks", "/attacks/", {"q": "ambulance"}),
    ("victims", "/victims/", {}),
    ("victims", "/victims/", {"harm": ["killed", "tortured_to_death"], "month": "2018-01"}),
    ("victims", "/victims/", {"perpetrator": "extremist-groups", "sex": "female"}),
    ("victims", "/victims/", {"report_class": "medical_personnel", "child": "no"}),
    ("victims", "/victims/", {"q": "Mandil"}),
    ("facilities", "/facilities/", {}),
    ("facilities", "/facilities/", {"category": "medical"}),
    ("facilities", "/facilities/", {"date_after": "2018-01-01", "date_before": "2018-01-31", "repeat": "1"}),
    ("facilities", "/facilities/", {"q": "Salam"}),
]


def api_codes(client, name, params) -> list:
    rows = results(client.get(f"/api/v1/{name}/", {**params, "page_size": 500}))
    if name == "attacks":
        return sorted((row["incident"], row["facility"]) for row in rows)
    return sorted(row["code"] for row in rows)


@pytest.mark.parametrize(("name", "html", "params"), CASES)
def test_a_list_gives_the_records_and_the_count_of_its_html_list(client, world, name, html, params):
    page = client.get(html, params)
    assert page.status_code == 200
    answer = client.get(f"/api/v1/{name}/", params).json()
    assert answer["count"] == page.context["count"]
    assert answer["count_capped"] is False
    assert api_codes(client, name, params) == listed(client, html, params)


def test_the_facility_list_counts_the_attacks_the_filters_select(client, world):
    rows = results(
        client.get("/api/v1/facilities/", {"date_after": "2018-01-01", "date_before": "2018-01-31"})
    )
    counts = {row["code"]: row["attack_count"] for row in rows}
    assert counts[world.facilities["hospital"].code] == 2  # A and J, not February's I or the draft G
    assert world.facilities["never"].code not in counts


def test_the_parties_are_every_party_of_the_html_list(client, world):
    page = client.get("/perpetrators/")
    rows = results(client.get("/api/v1/perpetrators/"))
    parties = sorted(row.code for row in page.context["rows"] if row.code != "unattributed")
    assert sorted(row["code"] for row in rows) == parties
    either = next(row for row in rows if row["code"] == "syrian-or-russian-forces")
    assert either["members"] == ["russian-forces", "syrian-regime"]
    assert next(row for row in rows if row["code"] == "isis")["parent"] == "extremist-groups"


def key(row):
    return row.get("code") or (row["incident"], row["facility"])


def walk(client, url, forward=True) -> tuple[list[list], str]:
    """The pages from ``url`` on, by the next (or previous) links; and the last page's URL."""
    pages = []
    while True:
        answer = client.get(url).json()
        pages.append([key(row) for row in answer["results"]])
        following = answer["next"] if forward else answer["previous"]
        if not following:
            return pages, url
        url = following


@pytest.mark.parametrize("name", ["incidents", "attacks", "victims", "facilities", "perpetrators"])
def test_walking_the_pages_gives_every_record_once(client, world, name):
    everything = [key(row) for row in results(client.get(f"/api/v1/{name}/", {"page_size": 500}))]
    assert len(everything) > 3
    pages, last = walk(client, f"/api/v1/{name}/?page_size=2")
    assert [code for page in pages for code in page] == everything
    assert all(len(page) == 2 for page in pages[:-1])
    # And back from the last page by the previous links.
    backwards, _first = walk(client, last, forward=False)
    assert [code for page in reversed(backwards) for code in page] == everything


def test_a_page_links_carry_the_filters(client, world):
    answer = client.get("/api/v1/incidents/", {"month": "2018-01", "page_size": 1}).json()
    assert answer["previous"] is None
    assert answer["next"].startswith("http://testserver/api/v1/incidents/?")
    assert "month=2018-01" in answer["next"] and "after=" in answer["next"]


def test_page_size_goes_up_to_500(client, world):
    assert len(results(client.get("/api/v1/incidents/", {"page_size": 500}))) == 8
    assert len(results(client.get("/api/v1/incidents/", {"page_size": 1}))) == 1


@pytest.mark.parametrize("name", ["incidents", "attacks", "victims", "facilities", "perpetrators"])
def test_a_page_reads_a_fixed_number_of_queries_however_many_rows(client, world, name):
    counts = []
    for size in (1, 500):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/api/v1/{name}/", {"page_size": size}).status_code == 200
        counts.append(len(queries))
    # One more at most: a look-up that has nothing to look up on the first page is not made.
    assert counts[0] <= counts[1] <= min(counts[0] + 1, 8), counts
