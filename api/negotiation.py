"""Which renderer answers: JSON unless ``?format=`` names another renderer of the view.

The ``Accept`` header is not consulted (a browser's ``text/html`` would otherwise get a 406): an
API answer is JSON. A ``format`` no renderer of the view has is a malformed parameter: 400,
naming it. A view gains a format by listing a renderer with that ``format``.
"""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.settings import api_settings


class FormatNegotiation(BaseContentNegotiation):
    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        wanted = format_suffix or request.query_params.get(api_settings.URL_FORMAT_OVERRIDE)
        if not wanted:
            return renderers[0], renderers[0].media_type
        for renderer in renderers:
            if renderer.format == wanted:
                return renderer, renderer.media_type
        known = ", ".join(sorted({renderer.format for renderer in renderers}))
        message = _("Unknown format “%(format)s”: use one of %(known)s, or leave it out.") % {
            "format": wanted,
            "known": known,
        }
        raise ValidationError({api_settings.URL_FORMAT_OVERRIDE: [message]})
