"""Account protections: lockout, second factor, headers, sessions, passwords."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def post_login(client, username, password):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_five_failures_lock_the_account_even_with_the_right_password(client):
    UserFactory(username="target")
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        post_login(client, "target", "wrong guess")
    response = post_login(client, "target", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_success_before_the_limit_resets_the_count(client):
    UserFactory(username="clumsy")
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        post_login(client, "clumsy", "typo")
    assert post_login(client, "clumsy", PASSWORD).status_code == 302


@pytest.fixture
def two_factor(settings):
    settings.REQUIRE_2FA = True
    # django-otp slows down guessing after a wrong code; these tests retry at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def test_wrong_codes_are_throttled(client, settings, documenter):
    settings.REQUIRE_2FA = True
    device = TOTPDevice.objects.create(user=documenter, name="phone", confirmed=True)
    client.force_login(documenter)
    client.post("/account/two-factor/verify/", {"token": "000000"})
    response = client.post("/account/two-factor/verify/", {"token": current_code(device)})
    assert b"Too many wrong codes" in response.content
    assert client.get("/admin/").status_code == 302


def test_staff_without_a_device_must_set_one_up(client, two_factor, documenter):
    client.force_login(documenter)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/two-factor/setup/")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"<svg" in page.content


def test_setup_confirms_the_device_with_a_real_code(client, two_factor, documenter):
    client.force_login(documenter)
    client.get("/account/two-factor/setup/")
    device = TOTPDevice.objects.get(user=documenter)
    assert client.post("/account/two-factor/setup/", {"token": "000000"}).status_code == 200
    device.refresh_from_db()
    assert not device.confirmed
    response = client.post("/account/two-factor/setup/", {"token": current_code(device), "next": "/admin/"})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_staff_with_a_device_must_enter_a_code_each_session(client, two_factor, documenter):
    device = TOTPDevice.objects.create(user=documenter, name="phone", confirmed=True)
    client.force_login(documenter)
    response = client.get("/admin/incidents/incident/")
    assert response["Location"].startswith("/account/two-factor/verify/")
    assert client.post("/account/two-factor/verify/", {"token": "123456"}).status_code == 200
    assert client.get("/admin/").status_code == 302
    client.post("/account/two-factor/verify/", {"token": current_code(device)})
    assert client.get("/admin/incidents/incident/").status_code == 200


def test_evidence_originals_also_need_the_second_factor(client, two_factor, documenter):
    TOTPDevice.objects.create(user=documenter, name="phone", confirmed=True)
    client.force_login(documenter)
    assert client.get("/evidence/1/original/")["Location"].startswith("/account/two-factor/verify/")


def test_next_cannot_send_the_user_elsewhere(client, two_factor, documenter):
    device = TOTPDevice.objects.create(user=documenter, name="phone", confirmed=True)
    client.force_login(documenter)
    response = client.post(
        "/account/two-factor/verify/", {"token": current_code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_public_pages_need_no_second_factor(client, two_factor):
    assert client.get("/").status_code == 200


def test_two_factor_is_on_by_default_in_production():
    source = (django_settings.BASE_DIR / "config/settings/production.py").read_text()
    assert 'REQUIRE_2FA = env_bool("DJANGO_REQUIRE_2FA", True)' in source


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_sessions_expire():
    assert django_settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert django_settings.SESSION_COOKIE_HTTPONLY


@pytest.mark.parametrize("weak", ["password", "12345678", "short", "documenter1"])
def test_weak_passwords_are_refused(weak):
    user = UserFactory.build(username="documenter1")
    with pytest.raises(ValidationError):
        validate_password(weak, user)


@pytest.mark.parametrize(
    "url", ["/", "/ar/incidents/", "/admin/login/", "/no-such-page/", "/reports/?month=1", "/evidence/1/"]
)
def test_permissions_policy_on_every_response(client, url):
    policy = client.get(url)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy
