"""Review workflow: submit, verify, publish, retract.

Each step checks the user's permission and the current status, validates the
record, and saves it inside a transaction. Incidents and victims share the
same status vocabulary and the same steps.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import update_change_reason

from .choices import Status


@dataclass(frozen=True)
class Step:
    action: str
    allowed_from: frozenset[str]
    to: str


SUBMIT = Step("submit", frozenset({Status.DRAFT}), Status.IN_REVIEW)
VERIFY = Step("verify", frozenset({Status.IN_REVIEW}), Status.VERIFIED)
PUBLISH = Step("publish", frozenset({Status.VERIFIED}), Status.PUBLISHED)
RETRACT = Step("retract", frozenset({Status.IN_REVIEW, Status.VERIFIED, Status.PUBLISHED}), Status.RETRACTED)
STEPS = {step.action: step for step in (SUBMIT, VERIFY, PUBLISH, RETRACT)}


def permission_for(step: Step, record) -> str:
    meta = record._meta
    return f"{meta.app_label}.{step.action}_{meta.model_name}"


def can(user, step: Step, record) -> bool:
    return user.has_perm(permission_for(step, record))


@transaction.atomic
def transition(*, record, step: Step, user, reason: str = "") -> None:
    """Move ``record`` through ``step`` on behalf of ``user``."""
    if not can(user, step, record):
        raise PermissionDenied(_("You may not %(action)s this record.") % {"action": step.action})
    if record.status not in step.allowed_from:
        raise ValidationError(
            _("Cannot %(action)s a record that is %(status)s.")
            % {"action": step.action, "status": record.get_status_display().lower()}
        )
    if step is RETRACT:
        if not reason.strip():
            raise ValidationError(_("A retraction needs a reason."))
        record.retraction_reason = reason.strip()
    record.status = step.to
    if step is PUBLISH and hasattr(record, "published_at"):
        record.published_at = timezone.now()
    record.full_clean()
    record._history_user = user
    record.save()
    update_change_reason(record, reason or step.action)


def submit_for_review(*, record, user) -> None:
    transition(record=record, step=SUBMIT, user=user)


def verify(*, record, user) -> None:
    transition(record=record, step=VERIFY, user=user)


def publish(*, record, user) -> None:
    transition(record=record, step=PUBLISH, user=user)


def retract(*, record, user, reason: str) -> None:
    transition(record=record, step=RETRACT, user=user, reason=reason)
