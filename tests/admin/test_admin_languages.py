"""The back office in Arabic at /ar/admin/: it works for staff, and its links keep the language."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db
HREF = re.compile(r'(?:href|action)="(/[^"]*)"')


def local_links(html: str) -> list[str]:
    return [href for href in HREF.findall(html) if not href.startswith("/static/")]


def test_arabic_back_office_for_staff(client, superuser):
    incident = IncidentFactory()
    client.force_login(superuser)
    index = client.get("/ar/admin/")
    assert index.status_code == 200
    html = index.content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    links = local_links(html)
    assert "/ar/admin/incidents/incident/" in links
    assert all(link.startswith("/ar/") for link in links), links
    changelist = client.get("/ar/admin/incidents/incident/")
    assert changelist.status_code == 200
    change = f"/ar/admin/incidents/incident/{incident.pk}/change/"
    assert change in local_links(changelist.content.decode())
    assert client.get(change).status_code == 200
    # English is where it always was.
    english = client.get("/admin/")
    assert english.status_code == 200
    assert '<html lang="en" dir="ltr"' in english.content.decode()


def test_arabic_sign_in_returns_to_the_arabic_back_office(client, superuser):
    superuser.set_password("a long enough password 42")
    superuser.save()
    login = client.get("/ar/admin/")
    assert login["Location"] == "/ar/admin/login/?next=/ar/admin/"
    response = client.post(
        login["Location"], {"username": superuser.username, "password": "a long enough password 42"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/ar/admin/"


def test_arabic_staff_set_up_two_factor_in_arabic(client, settings, documenter):
    settings.REQUIRE_2FA = True
    client.force_login(documenter)
    response = client.get("/ar/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/ar/account/two-factor/setup/?next=%2Far%2Fadmin%2F")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl"' in page.content.decode()


def test_two_factor_pages_default_to_the_back_office_of_their_language(client, settings, documenter):
    settings.REQUIRE_2FA = True
    TOTPDevice.objects.create(user=documenter, name="phone", confirmed=True)
    client.force_login(documenter)
    response = client.get("/ar/account/two-factor/setup/")
    assert response["Location"] == "/ar/account/two-factor/verify/?next=/ar/admin/"
    response = client.get("/account/two-factor/setup/")
    assert response["Location"] == "/account/two-factor/verify/?next=/admin/"
