"""Long repeated parts of a page rendered by Django's Jinja2 backend (``jinja2/``), for the
page's Django template to place.

A report's thousand linked numbers or a list's fifty result rows render several times faster
there than in the Django engine. The page around them (layout, forms, headings) stays in the
Django templates. Jinja2 escapes every value (autoescaping on, see ``config/settings``); its
templates read words from the ``labels`` they are given, translated in Python, since
``makemessages`` does not read Jinja2 templates.
"""

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


def fragment(template: str, context: dict) -> SafeString:
    """``template`` (under ``jinja2/``) rendered with ``context``, as markup for a Django template."""
    return mark_safe(render_to_string(template, context, using="jinja2"))  # noqa: S308 - autoescaped
