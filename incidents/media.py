"""Evidence files: content sniffing, upload limits, hashing and public derivatives.

Types are decided by the bytes, never by the file name. Images go through
Pillow with its decompression-bomb limit treated as an error. Public images
are re-encoded from pixels only, so no EXIF, GPS, XMP, ICC or maker notes
survive into them.
"""

import hashlib
import io
import secrets
import warnings

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .choices import EvidenceKind

IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/tiff"}
VIDEO_TYPES = {
    "video/mp4",
    "video/quicktime",
    "video/webm",
    "video/x-matroska",
    "video/3gpp",
    "video/x-msvideo",
}
AUDIO_TYPES = {
    "audio/mpeg",
    "audio/ogg",
    "audio/wav",
    "audio/x-wav",
    "audio/mp4",
    "audio/x-m4a",
    "audio/aac",
    "audio/flac",
}
DOCUMENT_TYPES = {"application/pdf"}
ALLOWED_TYPES: dict[str, set[str]] = {
    EvidenceKind.PHOTO: IMAGE_TYPES,
    EvidenceKind.VIDEO: VIDEO_TYPES,
    EvidenceKind.AUDIO: AUDIO_TYPES,
    EvidenceKind.DOCUMENT: DOCUMENT_TYPES | IMAGE_TYPES,
    EvidenceKind.WEB_CAPTURE: DOCUMENT_TYPES | IMAGE_TYPES,
    EvidenceKind.SOCIAL_MEDIA_POST: DOCUMENT_TYPES | IMAGE_TYPES | VIDEO_TYPES,
}
PILLOW_FORMATS = {"JPEG", "PNG", "GIF", "WEBP", "TIFF", "MPO"}
# Pillow warns above MAX_IMAGE_PIXELS and raises at twice that; both are refused here.
MAX_IMAGE_PIXELS = 80_000_000
DISPLAY_SIZE = (1600, 1600)
THUMBNAIL_SIZE = (320, 320)
SNIFF_BYTES = 64 * 1024


def max_upload_bytes() -> int:
    return settings.EVIDENCE_MAX_UPLOAD_MB * 1024 * 1024


def sniff_mime_type(file) -> str:
    """MIME type from the first bytes of ``file``; empty when unknown."""
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    if not head:
        return ""
    try:
        matches = puremagic.magic_string(head)
    except puremagic.PureError:
        return ""
    return next((m.mime_type for m in matches if m.mime_type), "")


def open_image(file) -> Image.Image:
    """Open an image with the bomb limit as an error and the format allow-list."""
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            previous, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, MAX_IMAGE_PIXELS
            try:
                image = Image.open(file)
                image.load()
            finally:
                Image.MAX_IMAGE_PIXELS = previous
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(_("The image is too large to process safely (decompression bomb).")) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(_("The image file is damaged or not an image.")) from exc
    finally:
        file.seek(0)
    if image.format not in PILLOW_FORMATS:
        raise ValidationError(_("Image format %(format)s is not accepted.") % {"format": image.format})
    return image


def validate_upload(file, kind: str) -> str:
    """Check size and content type of a new evidence file; return the sniffed MIME type."""
    size = getattr(file, "size", None)
    if size is not None and size > max_upload_bytes():
        raise ValidationError(
            {
                "file": _("The file is larger than the %(limit)s MB limit.")
                % {"limit": settings.EVIDENCE_MAX_UPLOAD_MB}
            }
        )
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    mime_type = sniff_mime_type(file)
    allowed = ALLOWED_TYPES.get(kind, set())
    if mime_type not in allowed:
        raise ValidationError(
            {
                "file": _(
                    "This file's content (%(found)s) is not accepted for %(kind)s evidence. "
                    "Accepted: %(allowed)s."
                )
                % {
                    "found": mime_type or _("unknown type"),
                    "kind": EvidenceKind(kind).label.lower() if kind in EvidenceKind.values else kind,
                    "allowed": ", ".join(sorted(allowed)),
                }
            }
        )
    if mime_type in IMAGE_TYPES:
        try:
            open_image(file)
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from exc
    return mime_type


def sha256_of(field_file) -> tuple[str, int]:
    """SHA-256 and size, read in chunks so a 2 GB video stays out of memory."""
    digest, size = hashlib.sha256(), 0
    field_file.open("rb")
    try:
        for chunk in field_file.chunks():
            digest.update(chunk)
            size += len(chunk)
    finally:
        field_file.seek(0)
    return digest.hexdigest(), size


def _reencode(image: Image.Image, box: tuple[int, int]) -> ContentFile:
    """Pixels only: a fresh image carries none of the source's metadata."""
    oriented = ImageOps.exif_transpose(image)
    has_alpha = oriented.mode in ("RGBA", "LA") or "transparency" in oriented.info
    oriented = oriented.convert("RGBA" if has_alpha else "RGB")
    oriented.thumbnail(box)
    clean = Image.new(oriented.mode, oriented.size)
    clean.paste(oriented)
    buffer = io.BytesIO()
    if has_alpha:
        clean.save(buffer, format="PNG", optimize=True)
        suffix = "png"
    else:
        clean.save(buffer, format="JPEG", quality=85, optimize=True)
        suffix = "jpg"
    return ContentFile(buffer.getvalue(), name=f"{secrets.token_hex(16)}.{suffix}")


def make_public_derivatives(evidence) -> bool:
    """Write the display image and thumbnail of a photo; False when not an image."""
    if not evidence.file or evidence.mime_type not in IMAGE_TYPES:
        return False
    evidence.file.open("rb")
    try:
        image = open_image(evidence.file)
        for field, box in ((evidence.display_image, DISPLAY_SIZE), (evidence.thumbnail, THUMBNAIL_SIZE)):
            content = _reencode(image, box)
            field.save(content.name, content, save=False)
    finally:
        evidence.file.seek(0)
    return True
