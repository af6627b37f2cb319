"""The page in each language: the language links and the ``hreflang`` alternates.

Each language has its own URL (English unprefixed, Arabic under ``/ar/``), so
changing language is an ordinary link to the same page, query string
included, and needs no form, cookie or session.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.translation import get_language, get_language_info

register = template.Library()


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    absolute_url: str
    current: bool
    default: bool


def url_in(request, language: str) -> str:
    """This request's path and query string in ``language`` (the path itself when it has no other)."""
    url = translate_url(escape_uri_path(request.path_info), language)
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{iri_to_uri(query)}" if query else url


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """One link per language in ``LANGUAGES`` to the page being shown; none without a request."""
    request = context.get("request")
    if request is None:
        return []
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        url = url_in(request, code)
        info = get_language_info(code)
        absolute_url = request.build_absolute_uri(url)
        default = code == settings.LANGUAGE_CODE
        links.append(LanguageLink(code, info["name_local"], url, absolute_url, code == current, default))
    return links
