"""The review workflow in the back office: actions, locks, history, the incident form."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from incidents.choices import Status
from incidents.models import CustodyEvent, EvidenceMedia, Incident
from tests.factories import (
    CustodyEventFactory,
    EvidenceMediaFactory,
    IncidentFactory,
    PlaceFactory,
    VictimFactory,
)
from victims.models import Victim

INLINE_PREFIXES = ["attacks", "munitions", "attributions", "witness_accounts", "evidence"]


def changelist(model=Incident) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def run_action(client, action: str, *records, **extra):
    model = type(records[0])
    data = {"action": action, "_selected_action": [r.pk for r in records], **extra}
    return client.post(changelist(model), data)


def offered_actions(client, model=Incident) -> set[str]:
    form = client.get(changelist(model)).context["action_form"]
    if form is None:  # Django hides the action bar when no action is allowed.
        return set()
    return {name for name, _ in form.fields["action"].choices if name}


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def incident_form_data(incident: Incident | None = None, **overrides) -> dict:
    """A complete POST for the incident page with empty inlines."""
    place = incident.place if incident else PlaceFactory()
    data = {
        "title": incident.title if incident else "Strike on the surgical hospital",
        "summary": "Warplanes fired missiles.",
        "certainty": "probable",
        "date": "2018-02-04",
        "date_precision": "day",
        "time": "",
        "place": place.pk,
        "location_detail": "",
        "latitude": "",
        "longitude": "",
        "geo_precision": "locality",
        "attack_type": "heavy_weapons",
        "weapon": "missile",
        "weapon_detail": "",
        "area_controlled_by": "",
        "follow_up_of": "",
        "killed_count": "2",
        "injured_count": "5",
        "internal_notes": "",
    }
    for prefix in INLINE_PREFIXES:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


# --- Documenters -------------------------------------------------------------------------------


def test_documenter_submits_a_draft_for_review(client, documenter):
    client.force_login(documenter)
    incident = IncidentFactory()
    response = run_action(client, "submit_selected", incident)
    incident.refresh_from_db()
    assert incident.status == Status.IN_REVIEW
    assert any("in review" in m for m in messages_of(response))


def test_documenter_is_not_offered_verify_publish_or_retract(client, documenter):
    client.force_login(documenter)
    IncidentFactory()
    assert offered_actions(client) == {"submit_selected"}


def test_documenter_cannot_publish_even_by_posting_the_action(client, documenter):
    client.force_login(documenter)
    incident = IncidentFactory(status=Status.VERIFIED)
    run_action(client, "publish_selected", incident)
    incident.refresh_from_db()
    assert incident.status == Status.VERIFIED
    assert incident.published_at is None


def test_documenter_cannot_change_a_published_incident(client, documenter):
    client.force_login(documenter)
    incident = IncidentFactory(status=Status.PUBLISHED, title="Original title")
    page = client.get(change_url(incident))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = client.post(change_url(incident), incident_form_data(incident, title="Rewritten"))
    assert response.status_code == 403
    incident.refresh_from_db()
    assert incident.title == "Original title"


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW])
def test_documenter_edits_unreviewed_incidents_and_history_records_them(client, documenter, status):
    client.force_login(documenter)
    incident = IncidentFactory(status=status)
    response = client.post(change_url(incident), incident_form_data(incident, title="Corrected title"))
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.title == "Corrected title"
    assert incident.history.latest().history_user == documenter


def test_status_cannot_be_set_through_the_form(client, superuser):
    client.force_login(superuser)
    incident = IncidentFactory()
    client.post(change_url(incident), incident_form_data(incident, status=Status.PUBLISHED))
    incident.refresh_from_db()
    assert incident.status == Status.DRAFT


def test_adding_an_incident_generates_its_code_and_records_its_author(client, documenter):
    client.force_login(documenter)
    response = client.post(reverse("admin:incidents_incident_add"), incident_form_data(code=""))
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.code == "INC-2018-00001"
    assert incident.created_by == documenter
    assert incident.history.get().history_user == documenter


def test_code_is_read_only_once_set(client, documenter):
    client.force_login(documenter)
    incident = IncidentFactory()
    code = incident.code
    client.post(change_url(incident), incident_form_data(incident, code="INC-1999-99999"))
    incident.refresh_from_db()
    assert incident.code == code


def test_history_cannot_be_reverted_from_the_admin(client, superuser):
    client.force_login(superuser)
    incident = IncidentFactory(title="First")
    incident.title = "Second"
    incident.save()
    oldest = incident.history.earliest()
    url = reverse("admin:incidents_incident_simple_history", args=[incident.pk, oldest.history_id])
    assert client.get(url).status_code == 200
    assert client.post(url, incident_form_data(incident, title="First")).status_code == 403
    incident.refresh_from_db()
    assert incident.title == "Second"


# --- Reviewers ---------------------------------------------------------------------------------


def test_reviewer_verifies_then_publishes(client, reviewer):
    client.force_login(reviewer)
    incident = IncidentFactory(status=Status.IN_REVIEW)
    run_action(client, "verify_selected", incident)
    incident.refresh_from_db()
    assert incident.status == Status.VERIFIED
    run_action(client, "publish_selected", incident)
    incident.refresh_from_db()
    assert incident.status == Status.PUBLISHED
    assert incident.published_at is not None
    latest = incident.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (reviewer, "publish")


def test_reviewer_is_offered_every_step(client, reviewer):
    client.force_login(reviewer)
    IncidentFactory()
    assert offered_actions(client) == {
        "submit_selected",
        "verify_selected",
        "publish_selected",
        "retract_selected",
    }


def test_out_of_order_step_is_refused_per_record(client, reviewer):
    client.force_login(reviewer)
    draft, verified = IncidentFactory(), IncidentFactory(status=Status.VERIFIED)
    response = run_action(client, "publish_selected", draft, verified)
    draft.refresh_from_db()
    verified.refresh_from_db()
    assert (draft.status, verified.status) == (Status.DRAFT, Status.PUBLISHED)
    notes = messages_of(response)
    assert any(draft.code in m and "Cannot publish" in m for m in notes)
    assert any(verified.code in m and "published" in m for m in notes)


def test_reviewer_edits_a_published_incident(client, reviewer):
    client.force_login(reviewer)
    incident = IncidentFactory(status=Status.PUBLISHED)
    response = client.post(change_url(incident), incident_form_data(incident, title="Corrected"))
    assert response.status_code == 302
    incident.refresh_from_db()
    assert (incident.title, incident.status) == ("Corrected", Status.PUBLISHED)


# --- Retraction --------------------------------------------------------------------------------


def test_retraction_asks_for_a_reason_first(client, reviewer):
    client.force_login(reviewer)
    incident = IncidentFactory(status=Status.PUBLISHED)
    response = run_action(client, "retract_selected", incident)
    assert response.status_code == 200
    assert 'name="reason"' in response.content.decode()
    assert incident.code in response.content.decode()
    incident.refresh_from_db()
    assert incident.status == Status.PUBLISHED


def test_retraction_refuses_an_empty_reason(client, reviewer):
    client.force_login(reviewer)
    incident = IncidentFactory(status=Status.PUBLISHED)
    response = run_action(client, "retract_selected", incident, confirm_retraction="yes", reason="   ")
    assert response.status_code == 200
    assert response.context["form"].errors
    incident.refresh_from_db()
    assert incident.status == Status.PUBLISHED


def test_retraction_with_a_reason_retracts(client, reviewer):
    client.force_login(reviewer)
    incident = IncidentFactory(status=Status.PUBLISHED)
    reason = "Duplicate of an incident reported the same day."
    response = run_action(client, "retract_selected", incident, confirm_retraction="yes", reason=reason)
    assert response.status_code == 302
    incident.refresh_from_db()
    assert (incident.status, incident.retraction_reason) == (Status.RETRACTED, reason)
    assert incident.history.latest().history_user == reviewer


def test_documenter_cannot_retract(client, documenter):
    client.force_login(documenter)
    incident = IncidentFactory(status=Status.IN_REVIEW)
    run_action(client, "retract_selected", incident, confirm_retraction="yes", reason="Wrong")
    incident.refresh_from_db()
    assert incident.status == Status.IN_REVIEW


# --- Victims -----------------------------------------------------------------------------------


def test_victim_workflow_follows_the_same_permissions(client, documenter, reviewer):
    victim = VictimFactory()
    client.force_login(documenter)
    assert offered_actions(client, Victim) == {"submit_selected"}
    run_action(client, "submit_selected", victim)
    run_action(client, "verify_selected", victim)
    victim.refresh_from_db()
    assert victim.status == Status.IN_REVIEW
    client.force_login(reviewer)
    run_action(client, "verify_selected", victim)
    run_action(client, "publish_selected", victim)
    victim.refresh_from_db()
    assert victim.status == Status.PUBLISHED
    assert victim.history.latest().history_user == reviewer


def test_documenter_cannot_change_a_verified_victim(client, documenter):
    client.force_login(documenter)
    victim = VictimFactory(status=Status.VERIFIED)
    assert 'name="_save"' not in client.get(change_url(victim)).content.decode()
    assert client.post(change_url(victim), {"name": "Changed"}).status_code == 403


# --- Evidence and custody ----------------------------------------------------------------------


def test_evidence_cannot_be_deleted_even_by_a_superuser(client, superuser):
    client.force_login(superuser)
    evidence = EvidenceMediaFactory()
    delete_url = reverse("admin:incidents_evidencemedia_delete", args=[evidence.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert "delete_selected" not in offered_actions(client, EvidenceMedia)
    assert EvidenceMedia.objects.filter(pk=evidence.pk).exists()


def test_custody_log_is_view_only(client, superuser):
    client.force_login(superuser)
    event = CustodyEventFactory(note="Original note")
    response = client.post(change_url(event), {"action": "copied", "note": "Rewritten"})
    assert response.status_code == 403
    assert CustodyEvent.objects.get(pk=event.pk).note == "Original note"


def test_custody_event_added_in_the_admin_records_its_actor(client, documenter):
    client.force_login(documenter)
    evidence = EvidenceMediaFactory()
    add_url = reverse("admin:incidents_custodyevent_add")
    response = client.post(add_url, {"evidence": evidence.pk, "action": "hash_verified", "note": "ok"})
    assert response.status_code == 302
    event = CustodyEvent.objects.get()
    assert (event.actor, event.action) == (documenter, "hash_verified")


def test_evidence_of_a_published_incident_is_frozen_for_documenters(client, documenter):
    client.force_login(documenter)
    evidence = EvidenceMediaFactory(incident=IncidentFactory(status=Status.PUBLISHED))
    response = client.post(change_url(evidence), {"incident": evidence.incident.pk, "kind": "video"})
    assert response.status_code == 403


def test_documenter_cannot_add_evidence_to_a_published_incident(client, documenter):
    client.force_login(documenter)
    published = IncidentFactory(status=Status.PUBLISHED)
    data = {
        "incident": published.pk,
        "kind": "photo",
        "url": "https://example.org/p.jpg",
        "visibility": "restricted",
    }
    data.update({"custody_events-TOTAL_FORMS": "0", "custody_events-INITIAL_FORMS": "0"})
    response = client.post(reverse("admin:incidents_evidencemedia_add"), data)
    assert response.status_code == 200
    assert "incident" in response.context["adminform"].form.errors
    assert not EvidenceMedia.objects.exists()
    draft = IncidentFactory()
    response = client.post(reverse("admin:incidents_evidencemedia_add"), {**data, "incident": draft.pk})
    assert response.status_code == 302
    assert EvidenceMedia.objects.get().incident == draft


def png_upload(name: str, colour: str):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_uploaded_evidence_is_hashed_and_its_file_frozen(client, documenter):
    client.force_login(documenter)
    incident = IncidentFactory()
    data = {"incident": incident.pk, "kind": "photo", "visibility": "restricted"}
    data.update({"custody_events-TOTAL_FORMS": "0", "custody_events-INITIAL_FORMS": "0"})
    add_url = reverse("admin:incidents_evidencemedia_add")
    assert client.post(add_url, {**data, "file": png_upload("a.png", "red")}).status_code == 302
    evidence = EvidenceMedia.objects.get()
    recorded = (evidence.file.name, evidence.sha256)
    assert len(evidence.sha256) == 64
    page = client.get(change_url(evidence)).content.decode()
    assert re.search(r'<input[^>]*name="file"[^>]*disabled', page)
    client.post(change_url(evidence), {**data, "file": png_upload("b.png", "blue")})
    evidence.refresh_from_db()
    assert (evidence.file.name, evidence.sha256) == recorded


def test_witness_interviewer_choices_are_staff_only(client, documenter):
    from tests.factories import UserFactory

    client.force_login(documenter)
    UserFactory(username="public-visitor", is_staff=False)
    html = client.get(reverse("admin:incidents_witnessaccount_add")).content.decode()
    assert ">documenter<" in html
    assert "public-visitor" not in html


def test_victim_date_defaults_to_incident_date_when_added_in_the_admin(client, documenter):
    client.force_login(documenter)
    incident = IncidentFactory(date=datetime.date(2018, 3, 2))
    data = {"name": "Dr. Example", "sex": "male", "role": "doctor", "harm": "killed", "incident": incident.pk}
    response = client.post(reverse("admin:victims_victim_add"), data)
    assert response.status_code == 302
    victim = Victim.objects.get()
    assert victim.date_of_harm == datetime.date(2018, 3, 2)
    assert victim.status == Status.DRAFT
