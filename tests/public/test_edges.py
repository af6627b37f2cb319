"""The outside probe's hostile inputs, each a 400 with a message in the page's language now."""

import base64
import datetime

import pytest

from core.filters import latest_date
from core.pagination import MAX_CURSOR_LENGTH, InvalidCursor, KeysetPaginator
from facilities.models import Facility
from incidents.models import Incident

pytestmark = pytest.mark.django_db
LISTS = ["/incidents/", "/attacks/", "/victims/", "/facilities/"]


def encoded(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


OUT_OF_RANGE = [
    {"month": "9999-12"},
    {"month": "0001-01"},
    {"month": "1899-12"},
    {"month": f"{latest_date().year + 1}-01"},
    {"date_after": "9990-01-01", "date_before": "9999-12-31"},
    {"date_after": "0001-01-01", "date_before": "0001-12-31"},
    {"date_after": "1899-12-31", "date_before": "1900-01-31"},
]


@pytest.mark.parametrize("path", ["/reports/", *LISTS])
@pytest.mark.parametrize("params", OUT_OF_RANGE, ids=lambda p: ",".join(p.values()))
def test_months_and_dates_outside_the_sane_range_are_400(client, world, path, params):
    response = client.get(path, params)
    assert response.status_code == 400
    assert "between" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "words"), [("", "Enter a month between 1900-01 and"), ("/ar", "أدخل شهرًا بين 1900-01 و")]
)
def test_the_range_message_is_in_the_pages_language(client, world, language, words):
    response = client.get(f"{language}/reports/", {"month": "9999-12"})
    assert response.status_code == 400
    assert words in response.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_downloads_refuse_out_of_range_periods(client, world, fmt):
    response = client.get(
        "/reports/", {"format": fmt, "date_after": "9990-01-01", "date_before": "9999-12-31"}
    )
    assert response.status_code == 400
    assert b"between" in response.content


def test_the_ends_of_the_range_are_accepted(client, world):
    last = latest_date()
    assert client.get("/reports/", {"month": "1900-01"}).status_code == 200
    assert client.get("/reports/", {"month": f"{last:%Y-%m}"}).status_code == 200
    assert (
        client.get("/incidents/", {"date_after": "1900-01-01", "date_before": last.isoformat()}).status_code
        == 200
    )
    assert (
        client.get(
            "/incidents/", {"date_before": (last + datetime.timedelta(days=1)).isoformat()}
        ).status_code
        == 400
    )


HOSTILE_CURSORS = [
    "[" * 1500 + "]" * 1500,
    encoded("[" * 1500 + "]" * 1500),
    encoded("[" * 10_000 + "]" * 10_000),
    encoded('["2018-01-01", Infinity]'),
    encoded("[Infinity, 1]"),
    encoded("[NaN, 1]"),
    encoded('["2018-01-01", 1.5]'),
    encoded('["2018-01-01", 1e400]'),
    encoded('["2018-01-01", true]'),
    encoded('[["2018-01-01"], 1]'),
    encoded('[{"a": 1}, 1]'),
    encoded('{"a": 1}'),
    encoded('["2018-01-01", 1, 2]'),
    encoded('["2018-01-01", ' + "9" * 5000 + "]"),
    "A" * (MAX_CURSOR_LENGTH + 1),
    "éé",
]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("cursor", HOSTILE_CURSORS, ids=range(len(HOSTILE_CURSORS)))
@pytest.mark.parametrize("direction", ["after", "before"])
def test_hostile_cursors_are_400(client, world, path, cursor, direction):
    response = client.get(path, {direction: cursor})
    assert response.status_code == 400
    assert "go back to the first page" in response.content.decode()


def test_a_cursor_of_a_long_name_in_any_script_still_works():
    paginator = KeysetPaginator("name")

    class Row:
        pk = 7
        name = "\U0001f3e5" * 250

    cursor = paginator.encode(Row())
    assert len(cursor) <= MAX_CURSOR_LENGTH
    assert paginator.decode(cursor, Facility) == (Row.name, 7)


def test_nesting_is_refused_before_it_is_parsed():
    paginator = KeysetPaginator("-date")
    with pytest.raises(InvalidCursor):
        paginator.decode(encoded("[[1], 1]"), Incident)
    # Brackets inside the key's text are not nesting.
    assert KeysetPaginator("name").decode(encoded('["[a] [b] {c}", 3]'), Facility) == ("[a] [b] {c}", 3)


def test_unknown_format_is_a_400_page_in_the_pages_language(client, world):
    response = client.get("/ar/incidents/", {"format": "pdf"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert 'lang="ar"' in response.content.decode()


def test_a_request_django_refuses_gets_the_sites_400_page(client, world, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    response = client.get("/incidents/", {f"x{n}": "1" for n in range(10)})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "could not be understood" in response.content.decode()
