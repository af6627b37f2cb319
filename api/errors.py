"""The API's error answers: JSON, in the language of the URL (``/ar/api/...``), never a 500 for
anything a client sends.

Every error is ``{"detail": "what is wrong"}``; a malformed parameter (400) adds ``errors``,
each parameter's name with its messages: ``{"detail": "...", "errors": {"date_after": ["Enter a
valid date."]}}``. A path the API does not have is a JSON 404 too (``not_found``).
"""

import math

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler as drf_exception_handler


class ErrorSerializer(serializers.Serializer):
    """The body of every error answer (for the schema)."""

    detail = serializers.CharField(help_text=gettext_lazy("What is wrong, in the language of the URL."))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=gettext_lazy(
            "For a malformed parameter: each parameter's name with what is wrong with it."
        ),
    )


def not_found_message() -> str:
    return _("Nothing public answers at this address: check the code, or the list it came from.")


def invalid_parameters(errors: dict) -> dict:
    names = ", ".join(errors)
    return {
        "detail": ngettext(
            "This parameter is not valid: %(names)s.",
            "These parameters are not valid: %(names)s.",
            len(errors),
        )
        % {"names": names},
        "errors": errors,
    }


def throttled_message(wait: float | None) -> str:
    if wait is None:
        return _("Too many requests from this address: wait a little and try again.")
    seconds = max(1, math.ceil(wait))
    return ngettext(
        "Too many requests from this address: try again in %(seconds)s second.",
        "Too many requests from this address: try again in %(seconds)s seconds.",
        seconds,
    ) % {"seconds": seconds}


def exception_handler(exc, context):
    """DRF's handler (status and headers, such as ``Retry-After``), with the body worded here."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = invalid_parameters(as_messages(exc.detail))
    elif isinstance(exc, exceptions.Throttled):
        response.data = {"detail": throttled_message(exc.wait)}
    elif isinstance(exc, (exceptions.NotFound, Http404)):
        response.data = {"detail": not_found_message()}
    elif isinstance(exc, exceptions.MethodNotAllowed):
        response.data = {"detail": _("This API only reads: use GET.")}
    return response


def as_messages(detail) -> dict[str, list[str]]:
    """``{parameter: [message, ...]}`` from a ``ValidationError``'s detail."""
    if isinstance(detail, dict):
        return {
            str(name): [str(m) for m in (messages if isinstance(messages, list) else [messages])]
            for name, messages in detail.items()
        }
    messages = detail if isinstance(detail, list) else [detail]
    return {"non_field_errors": [str(m) for m in messages]}


def not_found(request, *args, **kwargs):
    """Any other path under the API: a JSON 404 rather than the site's HTML page."""
    return JsonResponse(
        {"detail": not_found_message()}, status=404, json_dumps_params={"ensure_ascii": False}
    )
