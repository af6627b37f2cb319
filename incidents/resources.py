"""Spreadsheet interchange of parties, incidents, attacks and munitions (interfaces.md,
"Spreadsheet interchange").

No resource here touches witness accounts: a witness's real name and contact
never enter or leave the system through a spreadsheet.
"""

from django.db.models import Exists, F, OuterRef, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.fields import Field

from core.interchange_resources import (
    ChoiceWidget,
    InterchangeResource,
    RefWidget,
    as_text,
    self_reference_depth,
)
from facilities import proposals
from facilities.models import publish_used
from facilities.resources import place_field

from . import services
from .choices import REVIEWED_STATUSES, AttributionBasis, AttributionCertainty, Status
from .models import Attack, Attribution, Incident, Munition, Perpetrator, primary_attribution_join

PARTY = {"label": gettext_lazy("party")}


def may_publish(user, record) -> bool:
    """Who may write a reviewed record (the admin's rule, ``services.may_change_reviewed``); a
    command run without a named user is trusted."""
    return user is None or services.may_change_reviewed(user, record)


class ReviewedRecordsMixin:
    """A file may not do what the admin forbids: only users who may publish create or change a
    verified, published or retracted record."""

    def check_row(self, instance, row, errors):
        super().check_row(instance, row, errors)
        statuses = {(self.before or {}).get("status"), instance.status}  # stored, and as the file gives it
        if statuses & REVIEWED_STATUSES and not may_publish(self.user, instance):
            message = _(
                "only users who may publish can import verified, published or retracted records; "
                "import it as a draft and send it through review"
            )
            self.refuse(errors, "status", message)

    def flush_new(self) -> None:
        """New public records written in one batch: what they use becomes public (``save()``
        does it for records written one by one)."""
        public = [instance for instance in self.waiting if instance.is_public]
        super().flush_new()
        facility_ids, place_ids = set(), set()
        for instance in public:
            facilities, places = instance.direct_uses()
            facility_ids |= facilities
            place_ids |= places
        publish_used(facility_ids=facility_ids, place_ids=place_ids)


class PerpetratorResource(InterchangeResource):
    """Parties, matched on ``code``; ``members`` lists an undetermined party's alternatives."""

    # Parents before their children; undetermined parties after the parties they list.
    export_ordering = (
        Exists(Perpetrator.members.through.objects.filter(from_perpetrator=OuterRef("pk"))),
        self_reference_depth("parent"),
        "code",
    )

    class Meta(InterchangeResource.Meta):
        model = Perpetrator
        fields = ("code", "name", "name_ar", "kind", "parent", "members")
        widgets = {"parent": PARTY, "members": PARTY}

    def check_row(self, instance, row, errors):
        super().check_row(instance, row, errors)
        if instance.code in {code.strip() for code in as_text(row.get("members")).split(";")}:
            self.refuse(errors, "members", _("a party cannot be one of its own members"))
        # Parties are public as soon as they exist: only reviewers add or change them by file;
        # others propose changes in the admin.
        if (
            self.user is not None
            and not proposals.may_change_public(self.user, Perpetrator)
            and (self.before is None or self.changed(instance, row))
        ):
            self.refuse(errors, "code", _("only a reviewer may add or change a party"))

    def export_expressions(self):
        return super().export_expressions() | {"members": Value("")}  # filled in below

    def iter_export(self, queryset=None):
        members = {}
        for pk, code in Perpetrator.members.through.objects.values_list(
            "from_perpetrator", "to_perpetrator__code"
        ):
            members.setdefault(pk, []).append(code)
        codes = dict(Perpetrator.objects.values_list("code", "pk"))
        for row in super().iter_export(queryset):
            row[5] = ";".join(sorted(members.get(codes[row[0]], [])))
            yield row


class IncidentResource(ReviewedRecordsMixin, InterchangeResource):
    """Incidents, matched on ``code``; ``perpetrator`` and its two columns give the primary attribution."""

    bulk_new = True
    export_ordering = ("date", self_reference_depth("follow_up_of"), "code")  # a repeat after the first
    constraint_columns = {
        "incident_retraction_has_reason": (
            "status",
            gettext_lazy(
                "a retracted incident needs a retraction reason: retract it in the admin, not by import"
            ),
        ),
    }

    place = place_field("place")
    perpetrator = Field("primary_party", "perpetrator", RefWidget(Perpetrator, key_is_id=True, **PARTY))
    attribution_certainty = Field(
        "primary_certainty", "attribution_certainty", ChoiceWidget(AttributionCertainty.choices)
    )
    attribution_basis = Field("primary_basis", "attribution_basis", ChoiceWidget(AttributionBasis.choices))

    class Meta(InterchangeResource.Meta):
        model = Incident
        fields = ("code", "title", "summary", "date", "date_precision", "time", "time_approximate", "place",
                  "location_detail", "latitude", "longitude", "geo_precision", "attack_type", "weapon",
                  "weapon_detail", "perpetrator", "attribution_certainty", "attribution_basis",
                  "area_controlled_by", "killed_count", "injured_count", "follow_up_of", "certainty",
                  "status", "title_ar", "summary_ar")  # fmt: skip
        widgets = {"area_controlled_by": PARTY}

    ATTRIBUTION = ("primary_party", "primary_certainty", "primary_basis")

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .alias(primary_attribution=primary_attribution_join())
            .annotate(
                primary_party=F("primary_attribution__perpetrator"),
                primary_certainty=Coalesce("primary_attribution__certainty", Value("")),
                primary_basis=Coalesce("primary_attribution__basis", Value("")),
            )
        )

    def check_row(self, instance, row, errors):
        super().check_row(instance, row, errors)
        if "perpetrator" not in row or "primary_party" in errors:
            return
        party, certainty, basis = (getattr(instance, name, None) for name in self.ATTRIBUTION)
        if party is None:
            for key, value in (("primary_certainty", certainty), ("primary_basis", basis)):
                if value and key not in errors:
                    self.refuse(errors, key, _("is given but the perpetrator column is empty"))
        elif not certainty and "primary_certainty" not in errors:
            self.refuse(errors, "primary_certainty", _("is required when a perpetrator is given"))

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if instance.pk is None and getattr(self.user, "pk", None):
            instance.created_by = self.user
        if instance.status == Status.PUBLISHED and instance.published_at is None:
            instance.published_at = timezone.now()

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        if "perpetrator" in row:
            self.write_primary_attribution(instance, self.before is None)

    def write_primary_attribution(self, incident, created: bool) -> None:
        """The primary party as the file gives it; an attribution it replaces stays, as secondary."""
        party, certainty, basis = (getattr(incident, name, None) for name in self.ATTRIBUTION)
        if not created and tuple(self.before[name] for name in self.ATTRIBUTION) == (party, certainty, basis):
            return
        stored = {} if created else {a.perpetrator_id: a for a in incident.attributions.all()}
        for attribution in stored.values():
            if attribution.primary and attribution.perpetrator_id != party:
                attribution.primary = False
                self.with_history(attribution).save()
        if party is None:
            return
        attribution = stored.get(party) or Attribution(incident=incident, perpetrator_id=party)
        attribution.primary, attribution.certainty, attribution.basis = True, certainty, basis
        if created:  # written with the other new ones, after the incidents
            self.later.setdefault(Attribution, []).append(attribution)
        else:
            self.with_history(attribution).save()

    def export_expressions(self):
        return super().export_expressions() | {
            "perpetrator": F("primary_attribution__perpetrator__code"),
            "attribution_certainty": F("primary_attribution__certainty"),
            "attribution_basis": F("primary_attribution__basis"),
        }


class IncidentRowsMixin:
    """Rows that hang off an incident (attacks, munitions) freeze with it, as on the incident
    page: only users who may publish change those of a verified, published or retracted one."""

    def check_row(self, instance, row, errors):
        super().check_row(instance, row, errors)
        incident = instance.incident if instance.incident_id else None
        if incident and incident.status in REVIEWED_STATUSES and not may_publish(self.user, incident):
            message = _(
                "the incident is verified, published or retracted: only users who may publish change it"
            )
            self.refuse(errors, "incident", message)


class AttackResource(IncidentRowsMixin, InterchangeResource):
    """Attacks on facilities, matched on the pair (incident, facility)."""

    export_ordering = ("incident__code", "facility__code")

    class Meta(InterchangeResource.Meta):
        model = Attack
        fields = ("incident", "facility", "damage", "proximity", "service_impact")
        import_id_fields = ("incident", "facility")


class MunitionResource(IncidentRowsMixin, InterchangeResource):
    """How many strikes or munitions of each weapon an incident comprised, matched on the pair
    (incident, weapon): "INC-2019-00012,barrel_bomb,4" is four barrel bombs."""

    export_ordering = ("incident__code", "weapon")
    constraint_columns = {
        "munition_count_at_least_one": ("count", gettext_lazy("must be at least 1")),
    }

    class Meta(InterchangeResource.Meta):
        model = Munition
        fields = ("incident", "weapon", "count", "note")
        import_id_fields = ("incident", "weapon")
