"""Refuse a request body that is too large before reading any of it.

``DATA_UPLOAD_MAX_MEMORY_SIZE`` leaves files out and applies only once the
body is being read; an upload over the limit would arrive whole (hundreds of
megabytes through a gunicorn worker) before being refused. This middleware
compares the declared ``Content-Length`` with ``REQUEST_BODY_MAX_BYTES`` first
and answers 413 with a page in the request's language. A body without a
``Content-Length`` is read by Django as empty, so it needs no check here. The
TLS proxy's own limit (nginx's ``client_max_body_size``) should match.
"""

from django.conf import settings
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat


class RequestBodyLimitMiddleware:
    """Place after LocaleMiddleware (the page's language) and before anything reads the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        limit = settings.REQUEST_BODY_MAX_BYTES
        if declared > limit:
            context = {"limit": filesizeformat(limit), "size": filesizeformat(declared)}
            response = render(request, "413.html", context, status=413)
            # The unread body cannot be skipped on this connection.
            response["Connection"] = "close"
            return response
        return self.get_response(request)
