"""A short-lived cache of public pages for anonymous visitors (Django's cache framework).

Only a GET (or HEAD) of a public page by a visitor with no session and no
messages cookie is served from or stored in the cache, so nothing is ever
cached for, or shown to, a logged-in user. The key holds the scheme, host,
language and the full path with its query string. Only complete 200 HTML
responses that set no cookie are kept; downloads (streamed CSV) never are.

Every page carries the language form's CSRF token, which must be the
visitor's own: the cached copy holds a placeholder that is replaced, on every
hit, by a fresh token for the current visitor (so CsrfViewMiddleware sets
their cookie as usual).

``PUBLIC_PAGE_CACHE_SECONDS`` (default 0: off; production 60) is how stale a
public page may be: a record published or withdrawn shows on the public
lists within that time.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

PUBLIC_PREFIXES = ("/incidents/", "/attacks/", "/victims/", "/facilities/", "/perpetrators/", "/reports/")
TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")([^"]+)(")')
PLACEHOLDER = b"\x00csrf-token\x00"
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Frame-Options", "Content-Security-Policy")


def cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if not (request.path == "/" or request.path.startswith(PUBLIC_PREFIXES)):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def cache_key(request) -> str:
    raw = "|".join(
        [
            request.scheme,
            request.get_host(),
            getattr(request, "LANGUAGE_CODE", ""),
            request.get_full_path(),
        ]
    )
    return "public-page:" + hashlib.sha256(raw.encode()).hexdigest()


class AnonymousPageCacheMiddleware:
    """Place after AuthenticationMiddleware (it reads ``request.user``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 0)
        if not seconds or not cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        stored = cache.get(key)
        if stored is not None:
            return self.rebuild(request, stored)
        response = self.get_response(request)
        if self.storable(response):
            body = TOKEN.sub(rb"\1" + PLACEHOLDER + rb"\3", response.content)
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (body, headers), seconds)
        return response

    @staticmethod
    def storable(response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
            and "private" not in response.get("Cache-Control", "")
            and PLACEHOLDER not in response.content
        )

    @staticmethod
    def rebuild(request, stored) -> HttpResponse:
        body, headers = stored
        if PLACEHOLDER in body:
            token = get_token(request).encode()
            body = body.replace(PLACEHOLDER, token)
        response = HttpResponse(body)
        for name, value in headers.items():
            response[name] = value
        return response
