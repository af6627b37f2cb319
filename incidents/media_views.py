"""Serving evidence files: public derivatives to everyone, originals to staff only.

Nothing under MEDIA_ROOT is served by URL path; every file goes through these
views, which check the public gate or the user's permission.
"""

import mimetypes

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from .models import EvidenceMedia
from .services import record_export

ORIGINAL_PERMISSION = "incidents.view_evidencemedia"


def _harden(response, *, cache: str):
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _public_image(pk: int, field: str):
    evidence = get_object_or_404(EvidenceMedia.objects.public(), pk=pk)
    image = getattr(evidence, field)
    if not image:
        raise Http404("No public image for this evidence.")
    content_type = mimetypes.guess_type(image.name)[0] or "application/octet-stream"
    response = FileResponse(image.open("rb"), content_type=content_type)
    return _harden(response, cache="public, max-age=3600")


@require_GET
def display_image(request, pk: int):
    return _public_image(pk, "display_image")


@require_GET
def thumbnail(request, pk: int):
    return _public_image(pk, "thumbnail")


@require_GET
@login_required
def original(request, pk: int):
    """The original bytes, as a download, for staff allowed to see evidence."""
    if not (request.user.is_staff and request.user.has_perm(ORIGINAL_PERMISSION)):
        raise PermissionDenied
    evidence = get_object_or_404(EvidenceMedia.objects.exclude(file=""), pk=pk)
    record_export(evidence=evidence, user=request.user, note="Original downloaded")
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_filename or f"evidence-{evidence.pk}",
        content_type="application/octet-stream",
    )
    return _harden(response, cache="no-store, private")
