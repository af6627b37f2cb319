"""Two-factor set-up (TOTP, any authenticator app) and verification for staff."""

import base64
import io
import math

import qrcode
import qrcode.image.svg
from axes.helpers import get_cool_off
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .middleware import safe_next


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, device: TOTPDevice, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        allowed, _info = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(_("Too many wrong codes. Wait a few seconds, then try again."))
        if not token.isdigit() or not self.device.verify_token(token):
            raise forms.ValidationError(
                _("That code is not valid. Check the time on your phone and try again.")
            )
        return token


def qr_svg(data: str) -> str:
    buffer = io.BytesIO()
    qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]


@never_cache
@login_required
def two_factor_setup(request):
    """Register a TOTP device: scan the QR code, then confirm with a first code."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        target = safe_next(request, reverse("admin:index"))
        return redirect(f"{reverse('accounts:two_factor_verify')}?next={target}")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Authenticator app"}
    )
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return redirect(safe_next(request, reverse("admin:index")))
    context = {
        "form": form,
        "qr_svg": qr_svg(device.config_url),
        "secret": base64.b32encode(device.bin_key).decode(),
        "next": safe_next(request, reverse("admin:index")),
        "title": _("Set up two-factor authentication"),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@never_cache
@login_required
def two_factor_verify(request):
    """Enter a code from the registered device to finish signing in."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        target = safe_next(request, reverse("admin:index"))
        return redirect(f"{reverse('accounts:two_factor_setup')}?next={target}")
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(safe_next(request, reverse("admin:index")))
    context = {
        "form": form,
        "next": safe_next(request, reverse("admin:index")),
        "title": _("Two-factor check"),
    }
    return render(request, "accounts/two_factor_verify.html", context)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked sign-in (``AXES_LOCKOUT_CALLABLE``): when to try again and
    whom to ask, in the page's language, with ``Retry-After``."""
    wait = get_cool_off(request)
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    context = {
        "minutes": minutes,
        "retry_at": timezone.now() + wait,
        "title": _("Sign-in locked"),
    }
    response = render(request, "accounts/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
    response["Retry-After"] = str(minutes * 60)
    return response
