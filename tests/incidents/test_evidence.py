"""Evidence integrity and the media pipeline, through real Pillow files."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from incidents.choices import CustodyAction
from incidents.models import CustodyEvent, EvidenceMedia
from tests.factories import EvidenceMediaFactory, IncidentFactory
from tests.images import GPS_IFD, jpeg_bytes, png_bytes

pytestmark = pytest.mark.django_db


def upload(data: bytes, name: str, kind: str = "photo") -> EvidenceMedia:
    return EvidenceMediaFactory(url="", kind=kind, file=ContentFile(data, name=name))


def read_image(field_file) -> Image.Image:
    field_file.open("rb")
    image = Image.open(io.BytesIO(field_file.read()))
    image.load()
    return image


def test_public_derivative_of_a_gps_tagged_jpeg_has_no_metadata():
    source = jpeg_bytes(size=(2400, 1200), gps=True)
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(GPS_IFD), "the fixture must carry GPS"
    evidence = upload(source, "IMG_0042.jpg")
    for field, limit in ((evidence.display_image, 1600), (evidence.thumbnail, 320)):
        derivative = read_image(field)
        assert max(derivative.size) == limit
        assert not derivative.getexif(), "no EXIF at all, GPS included"
        assert not {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"} & set(derivative.info)
        field.open("rb")
        raw = field.read()
        assert b"CanaryCam" not in raw and b"canary-comment" not in raw and b"Exif" not in raw


def test_derivative_applies_the_orientation_tag():
    # Orientation 6 means "rotate 90° clockwise to display": a wide image displays tall.
    evidence = upload(jpeg_bytes(size=(200, 100), orientation=6), "rotated.jpg")
    assert read_image(evidence.display_image).size == (100, 200)


def test_transparent_png_keeps_alpha_in_a_png_derivative():
    evidence = upload(png_bytes(), "logo.png")
    assert evidence.mime_type == "image/png"
    assert read_image(evidence.thumbnail).mode == "RGBA"


def test_original_is_kept_byte_for_byte():
    source = jpeg_bytes(gps=True)
    evidence = upload(source, "IMG_0001.jpg")
    evidence.file.open("rb")
    assert evidence.file.read() == source


def test_type_is_decided_by_content_not_extension():
    with pytest.raises(ValidationError) as excinfo:
        upload(b"MZ\x90\x00 this is a windows executable", "holiday.jpg")
    assert "not accepted" in str(excinfo.value)
    assert not EvidenceMedia.objects.exists()


def test_an_image_renamed_as_pdf_is_still_an_image():
    evidence = upload(jpeg_bytes(), "statement.pdf", kind="document")
    assert evidence.mime_type == "image/jpeg"


def test_a_pdf_is_refused_as_a_photo():
    with pytest.raises(ValidationError):
        upload(b"%PDF-1.4\n%...\n", "photo.jpg", kind="photo")


def test_a_truncated_jpeg_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError) as excinfo:
        upload(jpeg_bytes()[:60], "broken.jpg")
    assert "damaged" in str(excinfo.value) or "not accepted" in str(excinfo.value)


def test_decompression_bomb_is_an_error(monkeypatch):
    monkeypatch.setattr("incidents.media.MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(ValidationError) as excinfo:
        upload(jpeg_bytes(size=(100, 100)), "bomb.jpg")
    assert "decompression bomb" in str(excinfo.value)


def test_upload_size_limit(settings):
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    big = jpeg_bytes() + b"\0" * (1024 * 1024)
    with pytest.raises(ValidationError) as excinfo:
        upload(big, "big.jpg")
    assert "1 MB" in str(excinfo.value)


def test_empty_file_is_refused():
    with pytest.raises(ValidationError):
        upload(b"", "empty.jpg")


def test_receipt_is_written_to_the_custody_log():
    evidence = upload(jpeg_bytes(), "IMG_1.jpg")
    event = CustodyEvent.objects.get(evidence=evidence)
    assert event.action == CustodyAction.RECEIVED
    assert evidence.sha256 in event.note


def test_url_only_evidence_has_no_hash_and_no_receipt():
    evidence = EvidenceMediaFactory(incident=IncidentFactory(), url="https://example.org/v")
    assert evidence.sha256 == ""
    assert not CustodyEvent.objects.filter(evidence=evidence).exists()


def test_validation_error_is_a_form_error_on_file():
    evidence = EvidenceMedia(
        incident=IncidentFactory(), kind="photo", file=ContentFile(b"not an image", name="x.jpg")
    )
    with pytest.raises(ValidationError) as excinfo:
        evidence.full_clean()
    assert "file" in excinfo.value.message_dict
