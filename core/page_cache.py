"""A short-lived cache of public pages for anonymous visitors (Django's cache framework).

Only a GET (or HEAD) of a public page, in any language, by a visitor with no
session and no messages cookie is served from or stored in the cache, so
nothing is ever cached for, or shown to, a logged-in user. The key holds the
scheme, host, language, path and the query parameters the page's view reads
(its ``parameters()``: a list's filters and paging, the report's period), in
a fixed order; a request with any other parameter is answered without the
cache, so made-up parameters cannot fill it. (The language is also in the
path: ``/ar/incidents/`` and ``/incidents/`` are separate entries.) Only
complete 200 HTML responses that set no cookie and carry no CSRF token are
kept; downloads (streamed CSV) never are.

Public pages have no form that posts (the language is chosen by a link), so
a cached page holds nothing that belongs to one visitor. A page that gains
such a form is simply not cached, rather than handing one visitor's token to
the next.

Django's ``UpdateCacheMiddleware`` / ``FetchFromCacheMiddleware`` would need
the same checks added (they have no "anonymous only" switch, key on the
``Vary: Cookie`` value, and cache every path), so this stays a small
middleware of its own.

``PUBLIC_PAGE_CACHE_SECONDS`` (default 0: off; production 60) is how stale a
public page may be: a record published or withdrawn shows on the public
lists within that time.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.http import urlencode
from django.utils.translation import get_language_from_path

PUBLIC_PREFIXES = ("/incidents/", "/attacks/", "/victims/", "/facilities/", "/perpetrators/", "/reports/")
CSRF_FIELD = b'name="csrfmiddlewaretoken"'
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Frame-Options", "Content-Security-Policy")


def unprefixed_path(path: str) -> str:
    """``path`` without its language prefix: ``/ar/incidents/`` -> ``/incidents/``."""
    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        return path[len(language) + 1 :]
    return path


def cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    path = unprefixed_path(request.path_info)
    if not (path == "/" or path.startswith(PUBLIC_PREFIXES)):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def known_parameters(path: str) -> set[str] | None:
    """The query parameters the view of ``path`` reads (none for a view that declares none);
    ``None`` when no view answers the path."""
    try:
        view = resolve(path).func
    except Resolver404:
        return None
    view_class = getattr(view, "view_class", None)
    reader = getattr(view_class, "parameters", None) or getattr(view, "parameters", None)
    return set(reader()) if reader else set()


def cache_key(request) -> str | None:
    """The cache key of a cacheable request; ``None`` when it carries a parameter its page does
    not read (or no page answers it): such a request bypasses the cache."""
    known = known_parameters(request.path_info)
    if known is None or not set(request.GET) <= known:
        return None
    query = urlencode(sorted((name, request.GET.getlist(name)) for name in request.GET), doseq=True)
    raw = "|".join(
        [
            request.scheme,
            request.get_host(),
            getattr(request, "LANGUAGE_CODE", ""),
            request.path,
            query,
        ]
    )
    return "public-page:v3:" + hashlib.sha256(raw.encode()).hexdigest()


class AnonymousPageCacheMiddleware:
    """Place after LocaleMiddleware and AuthenticationMiddleware (it reads both)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 0)
        if not seconds or not cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        if key is None:
            return self.get_response(request)
        stored = cache.get(key)
        if stored is not None:
            return self.rebuild(stored)
        response = self.get_response(request)
        if self.storable(response):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, headers), seconds)
        return response

    @staticmethod
    def storable(response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
            and "private" not in response.get("Cache-Control", "")
            and CSRF_FIELD not in response.content
        )

    @staticmethod
    def rebuild(stored) -> HttpResponse:
        body, headers = stored
        response = HttpResponse(body)
        for name, value in headers.items():
            response[name] = value
        return response
