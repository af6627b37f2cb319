"""A request body over the limit is refused with 413 before a byte of it is read."""

import pytest
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db


class Unreadable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args, **kwargs):
        raise AssertionError("the body was read")

    readline = read


def post(client, path, length, language=""):
    return client.generic(
        "POST",
        f"{language}{path}",
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": Unreadable()},
    )


def test_the_limit_covers_the_largest_upload():
    largest = max(django_settings.EVIDENCE_MAX_UPLOAD_MB, 20) * 1024 * 1024
    assert django_settings.REQUEST_BODY_MAX_BYTES > largest


@pytest.mark.parametrize("path", ["/admin/incidents/evidencemedia/add/", "/admin/login/", "/incidents/"])
def test_an_oversized_body_is_refused_unread(client, superuser, settings, path):
    settings.REQUEST_BODY_MAX_BYTES = 1024
    client.force_login(superuser)
    response = post(client, path, 1025)
    assert response.status_code == 413
    text = response.content.decode()
    assert "largest accepted is 1.0\xa0KB" in text and "Nothing was saved" in text


def test_the_refusal_is_in_the_pages_language(client, settings):
    settings.REQUEST_BODY_MAX_BYTES = 1024
    response = post(client, "/admin/login/", 10**9, language="/ar")
    assert response.status_code == 413
    assert "لم يُحفظ شيء" in response.content.decode()


def test_a_body_within_the_limit_is_read_as_usual(client, settings):
    settings.REQUEST_BODY_MAX_BYTES = 1024
    response = client.post("/admin/login/", {"username": "nobody", "password": "x"})
    assert response.status_code == 200
