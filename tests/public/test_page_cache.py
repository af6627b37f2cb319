"""The anonymous page cache: only for visitors without a session, keyed on the language and the
full query string, never for logged-in users, and never holding anything of one visitor's."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.page_cache import AnonymousPageCacheMiddleware
from incidents.choices import Status
from tests.factories import PublishedIncidentFactory

pytestmark = pytest.mark.django_db


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


def test_arabic_and_english_pages_are_cached_separately():
    incident = PublishedIncidentFactory()
    client = Client()
    english = queries(client, "/incidents/")[1]
    count, arabic = queries(client, "/ar/incidents/")
    assert count > 0  # not the English copy
    assert '<html lang="ar" dir="rtl">' in arabic.content.decode()
    again, arabic_again = queries(client, "/ar/incidents/")
    assert again == 0
    assert '<html lang="ar" dir="rtl">' in arabic_again.content.decode()
    assert f"/ar/incidents/{incident.code}/" in arabic_again.content.decode()
    english_again = queries(client, "/incidents/")[1]
    assert english_again.content == english.content
    assert '<html lang="en" dir="ltr">' in english_again.content.decode()


@pytest.mark.parametrize("url", ["/", "/ar/", "/incidents/", "/ar/incidents/", "/ar/reports/"])
def test_a_cached_public_page_holds_no_csrf_token_and_sets_no_cookie(url):
    PublishedIncidentFactory()
    client = Client()
    first = client.get(url)
    count, cached = queries(client, url)
    assert count == 0  # it did come from the cache
    for response in (first, cached):
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert not response.cookies
        assert "Set-Cookie" not in response.headers
    assert not client.cookies


def test_a_page_with_a_token_in_it_is_not_cached(rf):
    """Defence in depth: a public page that gains a form posting with the visitor's token is
    made fresh every time, never served with someone else's token."""
    calls = []

    def page_with_a_form(request):
        calls.append(request)
        return HttpResponse('<form method="post"><input name="csrfmiddlewaretoken" value="mine"></form>')

    middleware = AnonymousPageCacheMiddleware(page_with_a_form)
    for _ in range(2):
        request = rf.get("/incidents/")
        request.user = AnonymousUser()
        middleware(request)
    assert len(calls) == 2


def test_a_logged_in_user_never_gets_the_cached_page(superuser):
    incident = PublishedIncidentFactory(title="Strike on the cached hospital")
    for url in ("/incidents/", "/ar/incidents/"):
        assert incident.title in Client().get(url).content.decode()  # now cached for anonymous visitors
    incident.title = "Strike on the corrected hospital"
    incident.save()
    staff = Client()
    staff.force_login(superuser)
    for url in ("/incidents/", "/ar/incidents/"):
        count, response = queries(staff, url)
        assert count > 0
        assert "corrected hospital" in response.content.decode()
    # The anonymous copy is still the cached one: the staff visits neither read nor replaced it.
    assert "cached hospital" in Client().get("/incidents/").content.decode()


def test_downloads_are_not_cached():
    PublishedIncidentFactory()
    client = Client()
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/incidents/?format=csv")
            body = b"".join(response.streaming_content)
        assert captured.captured_queries and body.startswith("\ufeffcode".encode())


def test_unknown_parameters_create_no_cache_entries(monkeypatch):
    PublishedIncidentFactory()
    stored = []
    original = cache.set
    monkeypatch.setattr(
        cache, "set", lambda key, *args, **kwargs: (stored.append(key), original(key, *args, **kwargs))
    )
    client = Client()
    queries(client, "/incidents/")
    page_keys = [key for key in stored if key.startswith("public-page:")]
    for n in range(20):
        queries(client, f"/incidents/?utm_source=mail{n}")
        queries(client, f"/?junk{n}=1")
        queries(client, f"/incidents/?month=2018-01&x{n}=1")
    assert [key for key in stored if key.startswith("public-page:")] == page_keys
    # And such a request is made fresh, not served from the plain page's entry either.
    assert queries(client, "/incidents/?utm_source=again")[0] > 0


def test_the_key_is_made_of_the_pages_own_parameters_in_a_fixed_order():
    PublishedIncidentFactory()
    client = Client()
    assert queries(client, "/incidents/?month=2018-01&per_page=25")[0] > 0
    assert queries(client, "/incidents/?per_page=25&month=2018-01")[0] == 0
    assert queries(client, "/ar/reports/?month=2018-01")[0] > 0
    assert queries(client, "/ar/reports/?month=2018-01")[0] == 0
