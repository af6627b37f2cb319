"""How many requests a client may make (``API_THROTTLE_RATE``), read when a request comes in, so
a changed setting takes effect (DRF's own throttle reads its rates once, at import)."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

OFF = {"", "0", "off", "none", "no"}


class AnonymousRateThrottle(AnonRateThrottle):
    """Every API client counts as anonymous (the API has no sign-in), per address."""

    def get_rate(self):
        rate = str(getattr(settings, "API_THROTTLE_RATE", "") or "").strip()
        return None if rate.lower() in OFF else rate
