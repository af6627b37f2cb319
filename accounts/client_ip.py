"""The client's address as the sign-in lockout sees it (django-axes' ``AXES_CLIENT_IP_CALLABLE``).

Behind ``TRUSTED_PROXY_COUNT`` proxies (``DJANGO_TRUSTED_PROXY_COUNT``), each of
which appends the address it received the request from to ``X-Forwarded-For``
(nginx: ``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for``), the
client is the entry that many places from the right: what the outermost
trusted proxy saw. Anything further left was written by the client and is
ignored. With no trusted proxy (0, the default) the header is ignored
altogether and the address is ``REMOTE_ADDR``.

django-axes' own ``AXES_IPWARE_*`` settings need django-ipware, whose proxy
count counts the proxies listed in the header rather than those in front of
the service, and which answers no address at all when a client adds its own
entries: every such client would then share one lockout.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        # The request did not pass through every trusted proxy (or one of them does not set
        # the header): only the address that connected is known.
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
