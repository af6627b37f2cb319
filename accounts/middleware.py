"""Staff must pass a second factor before any page that needs a login."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode


class RequireTwoFactorMiddleware:
    """Sends a signed-in staff member without a verified TOTP device to set one up or enter a code.

    Runs after django_otp's OTPMiddleware. Anonymous visitors and the public
    pages are unaffected; so are the two-factor pages themselves and logout.
    """

    EXEMPT_NAMES = ("accounts:two_factor_setup", "accounts:two_factor_verify", "admin:logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_verify(request):
            target = (
                "accounts:two_factor_verify"
                if self._has_device(request.user)
                else "accounts:two_factor_setup"
            )
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _must_verify(self, request) -> bool:
        user = getattr(request, "user", None)
        if not (settings.REQUIRE_2FA and user and user.is_authenticated and user.is_staff):
            return False
        if user.is_verified():
            return False
        exempt = {reverse(name) for name in self.EXEMPT_NAMES}
        return request.path not in exempt and not request.path.startswith(settings.STATIC_URL)

    @staticmethod
    def _has_device(user) -> bool:
        from django_otp import devices_for_user

        return any(True for _ in devices_for_user(user, confirmed=True))


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
