"""The anonymous page cache: only for visitors without a session, keyed on the full query string,
never for logged-in users, and every visitor gets their own CSRF token."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from incidents.choices import Status
from tests.factories import PublishedIncidentFactory

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def queries(client, url) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response


def test_anonymous_pages_come_from_the_cache_until_the_query_string_changes():
    incident = PublishedIncidentFactory(title="Strike on al Ihsan hospital")
    client = Client()
    first, _ = queries(client, "/incidents/")
    again, response = queries(client, "/incidents/")
    assert first > 0 and again == 0
    assert incident.code in response.content.decode()
    other, _ = queries(client, "/incidents/?q=ihsan")
    assert other > 0


def test_logged_in_users_never_get_or_fill_the_cache(superuser):
    incident = PublishedIncidentFactory()
    Client().get("/incidents/")  # cached for anonymous visitors
    staff = Client()
    staff.force_login(superuser)
    incident.status = Status.DRAFT
    incident.save()
    count, response = queries(staff, "/incidents/")
    assert count > 0
    assert incident.code not in response.content.decode()
    # A visitor with a session cookie (maybe logged in, maybe with messages) bypasses it too.
    assert queries(staff, "/incidents/")[0] > 0


def test_every_visitor_gets_a_csrf_token_of_their_own():
    PublishedIncidentFactory()
    first, second = Client(), Client()
    page_one = first.get("/incidents/")
    page_two = second.get("/incidents/")
    token_one, token_two = TOKEN.findall(page_one.content.decode()), TOKEN.findall(page_two.content.decode())
    assert token_one and token_two and token_one != token_two
    assert "\x00" not in page_two.content.decode()
    # The token of the cached page works with the visitor's own cookie.
    checked = Client(enforce_csrf_checks=True)
    page = checked.get("/incidents/")
    token = TOKEN.findall(page.content.decode())[0]
    answer = checked.post("/i18n/setlang/", {"language": "ar", "csrfmiddlewaretoken": token, "next": "/"})
    assert answer.status_code == 302


def test_downloads_are_not_cached():
    PublishedIncidentFactory()
    client = Client()
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/incidents/?format=csv")
            body = b"".join(response.streaming_content)
        assert captured.captured_queries and body.startswith("\ufeffcode".encode())
