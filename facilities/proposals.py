"""Changes to public shared records go through a reviewer.

A place or a facility is public once a public record uses it or a reviewer publishes it
(``published``; ``facilities.models.publish_used``); a party (``incidents.Perpetrator``) is
public as soon as it exists. From then on a user without the publish
right (``<app>.publish_<model>``) does not change it: the change is kept as a
``ChangeProposal`` (the proposed values and the values they replace), and the record, with
everything the public sees of it (pages, search, CSV, the incident list columns and the report
tallies, which the database derives from the record), stays as it was until a reviewer
approves. Approving applies the values in one transaction, with the record's history naming the
reviewer and the proposer; a proposal made from a stale copy is refused (rule 7). Records that
nobody public uses are edited freely.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.permissions import permission_name

from .models import ChangeProposal, ProposalStatus


def may_change_public(user, model) -> bool:
    """Who changes a public shared record directly: users who may publish it (reviewers)."""
    return user.has_perm(permission_name("publish", model))


def is_public_now(record) -> bool:
    """Whether the stored record is public (its model's ``.public()``, read from the database,
    not from the edited copy)."""
    if record is None or record.pk is None:
        return False
    return type(record)._default_manager.public().filter(pk=record.pk).exists()


def needs_proposal(user, record) -> bool:
    """True when ``user``'s change to ``record`` must wait for a reviewer."""
    return is_public_now(record) and not may_change_public(user, record)


def stored_value(record, name: str):
    """A field's value as JSON keeps it (a foreign key as its id, a decimal as text)."""
    field = record._meta.get_field(name)
    return json.loads(json.dumps(field.value_from_object(record), cls=DjangoJSONEncoder))


def proposable_fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.editable and not f.primary_key]


def propose(*, record, fields, user, reason: str = "") -> ChangeProposal | None:
    """Keep ``record``'s edited values of ``fields`` as a proposal; the stored record is untouched.

    Returns ``None`` when no value differs from the stored one."""
    allowed = set(proposable_fields(type(record)))
    stored = type(record)._default_manager.get(pk=record.pk)
    changes, previous = {}, {}
    for name in fields:
        if name not in allowed:
            continue
        new, old = stored_value(record, name), stored_value(stored, name)
        if new != old:
            changes[name], previous[name] = new, old
    if not changes:
        return None
    return ChangeProposal.objects.create(
        content_type=ContentType.objects.get_for_model(type(record)),
        object_id=record.pk,
        record_label=str(stored)[:300],
        changes=changes,
        previous=previous,
        reason=reason.strip(),
        proposed_by=user,
    )


def _pending(proposal, user) -> tuple[ChangeProposal, object]:
    """The proposal and its record, locked, after checking the reviewer's right."""
    proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    model = proposal.content_type.model_class()
    if not may_change_public(user, model):
        raise PermissionDenied(_("Only a reviewer may decide on a proposed change."))
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError(
            _("This proposal was already %(status)s.") % {"status": proposal.get_status_display().lower()}
        )
    record = model._default_manager.select_for_update().filter(pk=proposal.object_id).first()
    if record is None:
        raise ValidationError(_("The record of this proposal no longer exists."))
    return proposal, record


@transaction.atomic
def approve(*, proposal, user, note: str = "") -> object:
    """Apply the proposed values to the record, with its history; the record is returned."""
    proposal, record = _pending(proposal, user)
    for name, old in proposal.previous.items():
        if stored_value(record, name) != old:
            raise ValidationError(
                _(
                    "The record has changed since this proposal was made (%(field)s); "
                    "reject it and propose the change again."
                )
                % {"field": record._meta.get_field(name).verbose_name}
            )
    for name, value in proposal.changes.items():
        field = record._meta.get_field(name)
        setattr(record, field.attname, field.to_python(value))
    record.full_clean()
    record._history_user = user
    record._change_reason = _("Approved the change proposed by %(user)s: %(reason)s") % {
        "user": proposal.proposed_by.get_username(),
        "reason": proposal.reason or "-",
    }
    record.save()
    _decide(proposal, ProposalStatus.APPROVED, user, note)
    return record


@transaction.atomic
def reject(*, proposal, user, note: str = "") -> None:
    proposal, _record = _pending(proposal, user)
    _decide(proposal, ProposalStatus.REJECTED, user, note)


def _decide(proposal, status, user, note: str) -> None:
    proposal.status, proposal.decided_by, proposal.decided_at = status, user, timezone.now()
    proposal.decision_note = note.strip()
    proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])


@transaction.atomic
def publish(*, record, user) -> bool:
    """A reviewer makes a shared record public (with the records it uses); False if it already was."""
    if not may_change_public(user, record):
        raise PermissionDenied(_("Only a reviewer may publish this record."))
    record = type(record)._default_manager.select_for_update().get(pk=record.pk)
    if record.published:
        return False
    record.published = True
    record._history_user = user
    record._change_reason = "publish"
    record.save()
    return True
