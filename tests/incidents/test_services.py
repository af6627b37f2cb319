import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from incidents import services
from incidents.choices import Status
from tests.factories import IncidentFactory, VictimFactory

pytestmark = pytest.mark.django_db


def test_documenter_submits_a_draft(documenter):
    incident = IncidentFactory()
    services.submit_for_review(record=incident, user=documenter)
    incident.refresh_from_db()
    assert incident.status == Status.IN_REVIEW


@pytest.mark.parametrize("step", [services.verify, services.publish])
def test_documenter_cannot_verify_or_publish(documenter, step):
    incident = IncidentFactory(status=Status.VERIFIED if step is services.publish else Status.IN_REVIEW)
    before = incident.status
    with pytest.raises(PermissionDenied):
        step(record=incident, user=documenter)
    incident.refresh_from_db()
    assert incident.status == before


def test_documenter_cannot_retract(documenter):
    incident = IncidentFactory(status=Status.PUBLISHED)
    with pytest.raises(PermissionDenied):
        services.retract(record=incident, user=documenter, reason="wrong")


def test_reviewer_verifies_then_publishes(reviewer):
    incident = IncidentFactory(status=Status.IN_REVIEW)
    services.verify(record=incident, user=reviewer)
    services.publish(record=incident, user=reviewer)
    incident.refresh_from_db()
    assert incident.status == Status.PUBLISHED
    assert incident.published_at is not None
    latest = incident.history.latest()
    assert latest.history_user == reviewer
    assert latest.history_change_reason == "publish"


def test_publishing_skips_no_step(reviewer):
    incident = IncidentFactory(status=Status.DRAFT)
    with pytest.raises(ValidationError):
        services.publish(record=incident, user=reviewer)
    incident.status = Status.IN_REVIEW
    with pytest.raises(ValidationError):
        services.publish(record=incident, user=reviewer)


def test_retraction_needs_a_reason(reviewer):
    incident = IncidentFactory(status=Status.PUBLISHED)
    with pytest.raises(ValidationError):
        services.retract(record=incident, user=reviewer, reason="   ")
    services.retract(record=incident, user=reviewer, reason="Same strike recorded twice")
    incident.refresh_from_db()
    assert incident.status == Status.RETRACTED
    assert incident.retraction_reason == "Same strike recorded twice"


def test_transition_validates_the_record(reviewer):
    incident = IncidentFactory(status=Status.IN_REVIEW)
    incident.latitude = 123
    with pytest.raises(ValidationError):
        services.verify(record=incident, user=reviewer)
    incident.refresh_from_db()
    assert incident.status == Status.IN_REVIEW


def test_victims_follow_the_same_workflow(documenter, reviewer):
    victim = VictimFactory()
    services.submit_for_review(record=victim, user=documenter)
    with pytest.raises(PermissionDenied):
        services.verify(record=victim, user=documenter)
    services.verify(record=victim, user=reviewer)
    services.publish(record=victim, user=reviewer)
    victim.refresh_from_db()
    assert victim.status == Status.PUBLISHED


def test_a_transition_is_all_or_nothing(reviewer, monkeypatch):
    """The status and its history entry are one change: when the history cannot be written,
    the record keeps its old status."""
    incident = IncidentFactory(status=Status.VERIFIED)

    def history_fails(*args, **kwargs):
        raise RuntimeError("history unavailable")

    monkeypatch.setattr(services, "update_change_reason", history_fails)
    with pytest.raises(RuntimeError):
        services.publish(record=incident, user=reviewer)
    incident.refresh_from_db()
    assert incident.status == Status.VERIFIED
    assert incident.published_at is None


def test_a_refusal_names_the_step_in_the_readers_language(documenter):
    """The step is a word of the message's language, not the permission's English verb."""
    incident = IncidentFactory(status=Status.VERIFIED)
    with translation.override("ar"), pytest.raises(PermissionDenied) as refused:
        services.publish(record=incident, user=documenter)
    assert "publish" not in str(refused.value)
    with translation.override("ar"):
        assert str(services.PUBLISH.label) in str(refused.value)
