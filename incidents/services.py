"""Workflows: review (submit, verify, publish, retract), evidence custody and identity corrections.

Each step checks the user's permission and the current status, validates the
record, and saves it inside a transaction. Incidents and victims share the
same status vocabulary and the same steps.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import update_change_reason

from core import crypto
from core.fields import StoredToken, encrypted_fields, stored_tokens
from core.permissions import permission_name

from . import media
from .choices import REVIEWED_STATUSES, CustodyAction, Status
from .models import CustodyEvent, IdentityCorrection, IdentityReveal, WitnessAccount

IDENTITY_PERMISSION = "incidents.view_witness_identity"


@dataclass(frozen=True)
class Step:
    action: str  # the permission's verb (submit_incident), never shown
    allowed_from: frozenset[str]
    to: str
    label: str = ""  # the verb as a message says it, in the reader's language


SUBMIT = Step("submit", frozenset({Status.DRAFT}), Status.IN_REVIEW, gettext_lazy("submit for review"))
VERIFY = Step("verify", frozenset({Status.IN_REVIEW}), Status.VERIFIED, gettext_lazy("verify"))
PUBLISH = Step("publish", frozenset({Status.VERIFIED}), Status.PUBLISHED, gettext_lazy("publish"))
RETRACT = Step(
    "retract",
    frozenset({Status.IN_REVIEW, Status.VERIFIED, Status.PUBLISHED}),
    Status.RETRACTED,
    gettext_lazy("retract"),
)
STEPS = {step.action: step for step in (SUBMIT, VERIFY, PUBLISH, RETRACT)}


def permission_for(step: Step, record) -> str:
    return permission_name(step.action, record)


def can(user, step: Step, record) -> bool:
    return user.has_perm(permission_for(step, record))


def may_change_reviewed(user, record) -> bool:
    """Once a reviewer has verified a record, only users who may publish it change it (in the
    admin and by file alike)."""
    return user.has_perm(permission_for(PUBLISH, record))


def is_locked_for(user, record) -> bool:
    """True when ``record`` has been reviewed and ``user`` may not change it."""
    return record is not None and record.status in REVIEWED_STATUSES and not may_change_reviewed(user, record)


@transaction.atomic
def transition(*, record, step: Step, user, reason: str = "") -> None:
    """Move ``record`` through ``step`` on behalf of ``user``."""
    if not can(user, step, record):
        raise PermissionDenied(_("You may not %(action)s this record.") % {"action": step.label})
    if record.status not in step.allowed_from:
        raise ValidationError(
            _("Cannot %(action)s a record that is %(status)s.")
            % {"action": step.label, "status": record.get_status_display().lower()}
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


@transaction.atomic
def retract_evidence(*, evidence, user, reason: str) -> None:
    """Evidence is withdrawn from use and logged, never deleted."""
    if not reason.strip():
        raise ValidationError(_("A retraction needs a reason."))
    if evidence.retracted_at is not None:
        raise ValidationError(_("This evidence is already retracted."))
    evidence.retracted_at = timezone.now()
    evidence.retraction_reason = reason.strip()
    evidence._history_user = user
    evidence.save(update_fields=["retracted_at", "retraction_reason"])
    CustodyEvent.objects.create(
        evidence=evidence, actor=user, action=CustodyAction.RETRACTED, note=reason.strip()
    )


def verify_evidence_hash(*, evidence, actor=None) -> bool:
    """Re-hash the stored file and log ``hash_verified`` or ``hash_mismatch``."""
    try:
        digest, size = media.sha256_of(evidence.file)
    except (FileNotFoundError, OSError) as exc:
        ok, note = False, _("Stored file cannot be read: %(error)s") % {"error": exc.__class__.__name__}
    else:
        ok = digest == evidence.sha256
        note = _("SHA-256 %(sha)s, %(size)s bytes") % {"sha": digest, "size": size}
    CustodyEvent.objects.create(
        evidence=evidence,
        actor=actor,
        action=CustodyAction.HASH_VERIFIED if ok else CustodyAction.HASH_MISMATCH,
        note=note,
    )
    return ok


def record_export(*, evidence, user, note: str = "") -> None:
    """An original left the system (download or hand-over): log it."""
    CustodyEvent.objects.create(evidence=evidence, actor=user, action=CustodyAction.EXPORTED, note=note)


def identity_field_names() -> list[str]:
    """The witness account's encrypted fields (found by their class)."""
    return [field.name for field in encrypted_fields(WitnessAccount)]


def _identity_step(user, reason: str) -> str:
    if not user.has_perm(IDENTITY_PERMISSION):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason."))
    return reason


def _locked_with_tokens(account_pk, names) -> tuple[WitnessAccount, dict[str, str]]:
    rows = WitnessAccount.objects.filter(pk=account_pk)
    account = rows.select_for_update().get()
    [(_pk, *tokens)] = stored_tokens(rows, names)
    return account, dict(zip(names, tokens, strict=True))


def correct_identity(*, account, user, values: dict[str, str], reason: str) -> list[str]:
    """Change the identity fields in ``values``, and only those: a field left out keeps its value.

    Each changed field's previous token goes into the append-only correction log, so the change
    can be undone (``restore_identity``); the correction is also an entry of the access log. An
    empty value over a token the configured keys cannot decrypt keeps that token (the form could
    not show it). Returns the names of the fields changed.
    """
    reason = _identity_step(user, reason)
    names = identity_field_names()
    if set(values) - set(names):
        raise ValidationError(_("Only identity fields can be corrected here."))
    with transaction.atomic():
        locked, stored = _locked_with_tokens(account.pk, names)
        changed = []
        for name, value in values.items():
            current = getattr(locked, name)
            if value == current or (value == "" and isinstance(current, StoredToken)):
                continue
            setattr(locked, name, value)
            changed.append(name)
        if not changed:
            raise ValidationError(_("Nothing to save: the identity is already as given."))
        for name in changed:
            IdentityCorrection.objects.create(
                witness=locked, user=user, field=name, previous=stored[name] or "", reason=reason
            )
        IdentityReveal.objects.create(witness=locked, user=user, reason=reason)
        locked._history_user = user
        locked.save(update_fields=changed)
    return changed


def restore_identity(*, entry: IdentityCorrection, user, reason: str) -> None:
    """Undo a correction: write back the token the field held before it, as it was stored.

    The undo is logged like a correction (the value it replaces stays restorable), with its own
    reason, pointing at the entry it undoes.
    """
    reason = _identity_step(user, reason)
    if entry.field not in identity_field_names():
        raise ValidationError(_("This entry cannot be restored."))
    if entry.previous and not crypto.readable(entry.previous):
        raise ValidationError(
            _("The earlier value cannot be read with the current keys; nothing was restored.")
        )
    with transaction.atomic():
        locked, stored = _locked_with_tokens(entry.witness_id, [entry.field])
        setattr(locked, entry.field, StoredToken(entry.previous) if entry.previous else "")
        IdentityCorrection.objects.create(
            witness=locked,
            user=user,
            field=entry.field,
            previous=stored[entry.field] or "",
            reason=reason,
            undoes=entry,
        )
        IdentityReveal.objects.create(witness=locked, user=user, reason=reason)
        locked._history_user = user
        locked.save(update_fields=[entry.field])
