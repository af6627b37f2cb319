"""The sign-in lockout locks one account name from one address, reads the client's address through
the configured number of trusted proxies only, says when to try again, and can be lifted."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.core.management import call_command

from accounts.client_ip import client_ip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
PROXY = "10.0.0.2"
LIMIT = django_settings.AXES_FAILURE_LIMIT


def login(client, username, password, *, remote=PROXY, forwarded=None, language=""):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(
        f"{language}/admin/login/?next=/admin/", {"username": username, "password": password}, **extra
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def fail(client, username, times=LIMIT, **where):
    """``times`` failed sign-ins: the form again each time, the lockout page at the limit."""
    for n in range(1, times + 1):
        response = login(client, username, "wrong guess", **where)
        assert response.status_code == (429 if n >= LIMIT else 200)


def test_failures_with_many_names_from_one_proxy_lock_nobody_else(client):
    """The finding: behind the proxy every client has the proxy's address."""
    UserFactory(username="colleague")
    for n in range(LIMIT * 2):
        login(client, f"guess{n}", "wrong guess")
    assert signed_in(login(client, "colleague", PASSWORD))


def test_one_name_from_one_address_is_locked_even_with_the_right_password(client):
    UserFactory(username="target")
    fail(client, "target")
    response = login(client, "target", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_attacker_cannot_lock_an_account_from_everywhere(client):
    UserFactory(username="target")
    fail(client, "target", remote="198.51.100.7")
    assert login(client, "target", PASSWORD, remote="198.51.100.7").status_code == 429
    assert signed_in(login(client, "target", PASSWORD, remote="203.0.113.9"))


def test_with_one_trusted_proxy_the_forwarded_client_is_locked(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="target")
    # The client sent its own X-Forwarded-For entry; the proxy appended the address it saw.
    fail(client, "target", forwarded="1.2.3.4, 198.51.100.7")
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"
    assert login(client, "target", PASSWORD, forwarded="198.51.100.7").status_code == 429
    # Another client through the same proxy, or the same one claiming another address, is not.
    assert signed_in(login(client, "target", PASSWORD, forwarded="198.51.100.7, 203.0.113.9"))


def test_without_trusted_proxies_a_spoofed_forwarded_for_is_ignored(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    UserFactory(username="target")
    for n in range(LIMIT):
        login(client, "target", "wrong guess", remote="198.51.100.7", forwarded=f"203.0.113.{n}")
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"
    assert login(client, "target", PASSWORD, remote="198.51.100.7", forwarded="192.0.2.1").status_code == 429


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "192.0.2.1", PROXY),
        (1, None, PROXY),  # reached the service without passing the proxy
        (1, "", PROXY),
        (1, "not an address", PROXY),
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "192.0.2.1,192.0.2.2 , 192.0.2.3", "192.0.2.3"),
        (2, "192.0.2.1, 192.0.2.2, 192.0.2.3", "192.0.2.2"),
        (2, "192.0.2.3", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address_is_taken_that_many_hops_from_the_right(rf, settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    extra = {"REMOTE_ADDR": PROXY}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(rf.get("/", **extra)) == expected


@pytest.mark.parametrize(
    ("language", "words"), [("", "Try again in 60 minutes"), ("/ar", "حاول مجددًا بعد 60 دقيقة")]
)
def test_the_lockout_page_says_when_to_retry_and_whom_to_ask(client, language, words):
    UserFactory(username="target")
    fail(client, "target", language=language)
    response = login(client, "target", PASSWORD, language=language)
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    text = response.content.decode()
    assert words in text
    assert ("administrator" if not language else "مدير") in text


def test_an_administrator_unlocks_a_name_with_the_command(client):
    UserFactory(username="target")
    fail(client, "target")
    assert login(client, "target", PASSWORD).status_code == 429
    call_command("axes_reset_username", "target")
    assert signed_in(login(client, "target", PASSWORD))


def test_an_administrator_unlocks_a_name_in_the_back_office(client, superuser):
    UserFactory(username="target")
    fail(client, "target")
    attempt = AccessAttempt.objects.get(username="target")
    admin = type(client)()
    admin.force_login(superuser)
    listing = admin.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "target" in listing.content.decode()
    response = admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert signed_in(login(client, "target", PASSWORD))


@pytest.mark.parametrize("next_url", ["", "https://evil.example/", "//evil.example/admin/"])
def test_an_unsafe_or_missing_next_lands_on_the_back_office(client, next_url):
    UserFactory(username="someone")
    data = {"username": "someone", "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post("/admin/login/", data)
    assert response.status_code == 302
    assert response["Location"] in ("/admin/", next_url) and "evil" not in response["Location"]
    assert client.get(response["Location"]).status_code == 200
