"""Who may fetch which evidence file, and with what headers."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from incidents.choices import CustodyAction
from tests.factories import EvidenceMediaFactory, IncidentFactory, PublishedIncidentFactory, UserFactory
from tests.images import jpeg_bytes

pytestmark = pytest.mark.django_db


def photo(incident, visibility="public"):
    return EvidenceMediaFactory(
        incident=incident,
        url="",
        visibility=visibility,
        file=ContentFile(jpeg_bytes(gps=True), name="IMG.jpg"),
    )


def test_public_derivative_of_a_published_incident_is_served(client):
    evidence = photo(PublishedIncidentFactory())
    response = client.get(reverse("evidence:display", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"CanaryCam" not in b"".join(response.streaming_content)


@pytest.mark.parametrize("case", ["draft", "restricted"])
def test_no_derivative_outside_the_public_gate(client, case):
    incident = IncidentFactory() if case == "draft" else PublishedIncidentFactory()
    evidence = photo(incident, visibility="restricted" if case == "restricted" else "public")
    assert client.get(reverse("evidence:display", args=[evidence.pk])).status_code == 404
    assert client.get(reverse("evidence:thumbnail", args=[evidence.pk])).status_code == 404


def test_original_is_not_served_to_anonymous_users(client):
    evidence = photo(PublishedIncidentFactory())
    response = client.get(reverse("evidence:original", args=[evidence.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_original_is_not_served_to_staff_without_permission(client):
    evidence = photo(PublishedIncidentFactory())
    client.force_login(UserFactory(username="nobody"))
    assert client.get(reverse("evidence:original", args=[evidence.pk])).status_code == 403


def test_original_is_served_as_an_attachment_and_logged(client, documenter):
    source = jpeg_bytes(gps=True)
    evidence = EvidenceMediaFactory(url="", file=ContentFile(source, name="IMG_0042.jpg"))
    client.force_login(documenter)
    response = client.get(reverse("evidence:original", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == source
    assert response["Content-Disposition"].startswith("attachment")
    assert "IMG_0042.jpg" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert evidence.custody_events.filter(action=CustodyAction.EXPORTED, actor=documenter).exists()


def test_media_files_have_no_public_url(client):
    evidence = photo(PublishedIncidentFactory())
    assert client.get("/media/" + evidence.file.name).status_code == 404
