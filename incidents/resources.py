"""Spreadsheet interchange of parties, incidents and attacks (interfaces.md, "Spreadsheet interchange").

No resource here touches witness accounts: a witness's real name and contact
never enter or leave the system through a spreadsheet.
"""

import heapq

from django.db.models import F
from django.utils import timezone

from core.interchange_resources import (
    MEMBER_SEPARATOR,
    BooleanWidget,
    ChoiceWidget,
    CodedResource,
    CodeListWidget,
    CodeWidget,
    Column,
    DateWidget,
    DecimalWidget,
    IntegerWidget,
    InterchangeResource,
    PlaceRefWidget,
    RefWidget,
    TimeWidget,
    VirtualColumn,
    checked_or_raw,
    chunked,
    place_reference,
    self_reference_depth,
    time_text,
)

from .choices import (
    AttackType,
    AttributionBasis,
    AttributionCertainty,
    Certainty,
    Damage,
    DatePrecision,
    GeoPrecision,
    PerpetratorKind,
    Proximity,
    ServiceImpact,
    Status,
    Weapon,
)
from .models import Attack, Attribution, Incident, Perpetrator, primary_attribution_join


class PerpetratorResource(CodedResource):
    """Parties, matched on ``code``; ``members`` lists an undetermined party's alternatives."""

    # Party history also snapshots the members: keep simple_history's own path.
    bulk_history = False

    code = Column("code", CodeWidget())
    name = Column("name")
    name_ar = Column("name_ar")
    kind = Column("kind", ChoiceWidget(PerpetratorKind.choices))
    parent = Column("parent", RefWidget("perpetrator", "party"), attribute="parent_id")
    members = VirtualColumn("members", CodeListWidget("perpetrator", "party"))

    class Meta(CodedResource.Meta):
        model = Perpetrator
        fields = ("code", "name", "name_ar", "kind", "parent", "members")
        import_id_fields = ("code",)

    columns = Meta.fields

    def own_index_name(self):
        return "perpetrator"

    def current_value(self, column, instance):
        if instance.pk is None:
            return []
        return sorted(instance.members.values_list("pk", flat=True))

    def after_fields(self, instance, row, errors):
        super().after_fields(instance, row, errors)
        listed = {code.strip() for code in checked_or_raw(row.get("members")).split(MEMBER_SEPARATOR)}
        if instance.code and instance.code in listed:
            errors["members"] = "a party cannot be one of its own members"

    def remember(self, instance):
        self.index("perpetrator").remember(instance.code, instance.pk)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        wanted = instance._import_members
        if wanted != self.current_value("members", instance):
            instance.members.set(wanted)

    def export_values(self, queryset):
        """Parents and members before the parties that name them, then by code."""
        parties = list(queryset.values_list("pk", "code", "name", "name_ar", "kind", "parent_id"))
        members: dict[int, list[int]] = {}
        through = Perpetrator.members.through
        for from_id, to_id in through.objects.filter(from_perpetrator__in=queryset.values("pk")).values_list(
            "from_perpetrator_id", "to_perpetrator_id"
        ):
            members.setdefault(from_id, []).append(to_id)
        code_of = dict(Perpetrator.objects.values_list("pk", "code"))
        by_pk = {row[0]: row for row in parties}
        needs = {
            pk: {d for d in [row[5], *members.get(pk, [])] if d in by_pk and d != pk}
            for pk, row in by_pk.items()
        }
        needed_by: dict[int, list[int]] = {}
        for pk, deps in needs.items():
            for dep in deps:
                needed_by.setdefault(dep, []).append(pk)
        ready = [(by_pk[pk][1], pk) for pk, deps in needs.items() if not deps]
        heapq.heapify(ready)
        order = []
        while ready:
            _code, pk = heapq.heappop(ready)
            order.append(pk)
            for other in needed_by.get(pk, []):
                needs[other].discard(pk)
                if not needs[other]:
                    heapq.heappush(ready, (by_pk[other][1], other))
        # A cycle cannot be written in dependency order; its parties follow, by code.
        placed = set(order)
        order += sorted((pk for pk in by_pk if pk not in placed), key=lambda pk: by_pk[pk][1])
        for pk in order:
            _pk, code, name, name_ar, kind, parent_id = by_pk[pk]
            listed = MEMBER_SEPARATOR.join(sorted(code_of[m] for m in members.get(pk, [])))
            yield (code, name, name_ar, kind, code_of.get(parent_id) if parent_id else None, listed)


class IncidentResource(CodedResource):
    """Incidents, matched on ``code``; ``perpetrator`` and its two columns give the primary attribution."""

    # Incident.save() fills search_text (and the code) before writing, nothing after: new
    # incidents and their primary attributions are written in batches.
    bulk_insert = True

    constraint_columns = {
        "incident_retraction_has_reason": (
            "status",
            "a retracted incident needs a retraction reason: retract it in the admin, not by import",
        ),
    }

    code = Column("code", CodeWidget())
    title = Column("title")
    summary = Column("summary")
    date = Column("date", DateWidget())
    date_precision = Column("date_precision", ChoiceWidget(DatePrecision.choices), keep_when_blank=True)
    time = Column("time", TimeWidget())
    time_approximate = Column("time_approximate", BooleanWidget(), keep_when_blank=True)
    place = Column("place", PlaceRefWidget(), attribute="place_id")
    location_detail = Column("location_detail")
    latitude = Column("latitude", DecimalWidget())
    longitude = Column("longitude", DecimalWidget())
    geo_precision = Column("geo_precision", ChoiceWidget(GeoPrecision.choices), keep_when_blank=True)
    attack_type = Column("attack_type", ChoiceWidget(AttackType.choices))
    weapon = Column("weapon", ChoiceWidget(Weapon.choices), keep_when_blank=True)
    weapon_detail = Column("weapon_detail")
    perpetrator = VirtualColumn("perpetrator", RefWidget("perpetrator", "party"))
    attribution_certainty = VirtualColumn("attribution_certainty", ChoiceWidget(AttributionCertainty.choices))
    attribution_basis = VirtualColumn("attribution_basis", ChoiceWidget(AttributionBasis.choices))
    area_controlled_by = Column(
        "area_controlled_by", RefWidget("perpetrator", "party"), attribute="area_controlled_by_id"
    )
    killed_count = Column("killed_count", IntegerWidget(), keep_when_blank=True)
    injured_count = Column("injured_count", IntegerWidget(), keep_when_blank=True)
    follow_up_of = Column("follow_up_of", RefWidget("incident", "incident"), attribute="follow_up_of_id")
    certainty = Column("certainty", ChoiceWidget(Certainty.choices))
    status = Column("status", ChoiceWidget(Status.choices), keep_when_blank=True)

    class Meta(CodedResource.Meta):
        model = Incident
        fields = (
            "code",
            "title",
            "summary",
            "date",
            "date_precision",
            "time",
            "time_approximate",
            "place",
            "location_detail",
            "latitude",
            "longitude",
            "geo_precision",
            "attack_type",
            "weapon",
            "weapon_detail",
            "perpetrator",
            "attribution_certainty",
            "attribution_basis",
            "area_controlled_by",
            "killed_count",
            "injured_count",
            "follow_up_of",
            "certainty",
            "status",
        )
        import_id_fields = ("code",)

    columns = Meta.fields

    def own_index_name(self):
        return "incident"

    def prepare_more(self, dataset):
        index = self.index("incident")
        for record in self._existing.values():
            index.remember(record.code, record.pk, record.date)
        index.load(checked_or_raw(v) for v in dataset["follow_up_of"])
        self._primary = {}
        pks = [record.pk for record in self._existing.values()]
        for batch in chunked(pks):
            for attribution in Attribution.objects.filter(incident_id__in=batch, primary=True):
                self._primary[attribution.incident_id] = attribution

    def current_value(self, column, instance):
        attribution = self._primary.get(instance.pk) if instance.pk else None
        if attribution is None:
            return "" if column != "perpetrator" else None
        return {
            "perpetrator": attribution.perpetrator_id,
            "attribution_certainty": attribution.certainty,
            "attribution_basis": attribution.basis,
        }[column]

    def after_fields(self, instance, row, errors):
        super().after_fields(instance, row, errors)
        if "perpetrator" in errors:
            return
        perpetrator = getattr(instance, "_import_perpetrator", None)
        certainty = getattr(instance, "_import_attribution_certainty", "")
        basis = getattr(instance, "_import_attribution_basis", "")
        if perpetrator is None:
            for column, value in (("attribution_certainty", certainty), ("attribution_basis", basis)):
                if value and column not in errors:
                    errors[column] = "is given but the perpetrator column is empty"
        elif not certainty and "attribution_certainty" not in errors:
            errors["attribution_certainty"] = "is required when a perpetrator is given"

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if instance.pk is None and self.user is not None and getattr(self.user, "pk", None):
            instance.created_by = self.user
        if instance.status == Status.PUBLISHED and instance.published_at is None:
            instance.published_at = timezone.now()

    def remember(self, instance):
        self.index("incident").remember(instance.code, instance.pk, instance.date)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        self.write_primary_attribution(instance)

    def write_primary_attribution(self, incident):
        perpetrator_id = incident._import_perpetrator
        certainty = incident._import_attribution_certainty
        basis = incident._import_attribution_basis
        current = self._primary.get(incident.pk)
        if current is not None and current.perpetrator_id == perpetrator_id:
            if (current.certainty, current.basis) != (certainty, basis):
                current.certainty, current.basis = certainty, basis
                self.save_attribution(current)
            return
        if current is not None:
            current.primary = False
            self.save_attribution(current)
            del self._primary[incident.pk]
        if perpetrator_id is None:
            return
        attribution = None
        if incident.pk in self._existing_pks:
            attribution = Attribution.objects.filter(incident=incident, perpetrator_id=perpetrator_id).first()
        if attribution is None:
            attribution = Attribution(incident=incident, perpetrator_id=perpetrator_id)
        attribution.certainty, attribution.basis, attribution.primary = certainty, basis, True
        self.save_attribution(attribution)
        self._primary[incident.pk] = attribution

    def save_attribution(self, attribution):
        attribution.clean_fields(exclude=["incident", "perpetrator"])
        self.save_dependent(attribution)

    def export_queryset(self, queryset):
        return queryset.alias(primary_attribution=primary_attribution_join())

    def export_expressions(self):
        return {
            "place": place_reference("place"),
            "perpetrator": F("primary_attribution__perpetrator__code"),
            "attribution_certainty": F("primary_attribution__certainty"),
            "attribution_basis": F("primary_attribution__basis"),
            "area_controlled_by": F("area_controlled_by__code"),
            "follow_up_of": F("follow_up_of__code"),
        }

    def export_ordering(self):
        """By date, a repeat strike after the strike it repeats, then by code."""
        return ["date", self_reference_depth("follow_up_of"), "code"]

    def iter_export(self, queryset=None):
        for row in super().iter_export(queryset):
            row[5] = time_text(row[5]) or None
            yield row


class AttackResource(InterchangeResource):
    """Attacks on facilities, matched on the pair (incident, facility)."""

    identity_columns = ("incident", "facility")

    incident = Column("incident", RefWidget("incident", "incident"), attribute="incident_id")
    facility = Column("facility", RefWidget("facility", "facility"), attribute="facility_id")
    damage = Column("damage", ChoiceWidget(Damage.choices))
    proximity = Column("proximity", ChoiceWidget(Proximity.choices))
    service_impact = Column("service_impact", ChoiceWidget(ServiceImpact.choices))

    class Meta(InterchangeResource.Meta):
        model = Attack
        fields = ("incident", "facility", "damage", "proximity", "service_impact")
        import_id_fields = ("incident", "facility")

    columns = Meta.fields

    def prepare(self, dataset):
        incidents = self.index("incident").load(checked_or_raw(v) for v in dataset["incident"])
        pks = sorted(
            {found[0] for code in dataset["incident"] if (found := incidents.get(checked_or_raw(code)))}
        )
        self._existing = {}
        for batch in chunked(pks):
            for attack in Attack.objects.filter(incident_id__in=batch):
                self._existing[(attack.incident_id, attack.facility_id)] = attack

    def find_existing(self, row):
        incident = self.index("incident").get(checked_or_raw(row.get("incident")))
        facility = self.index("facility").get(checked_or_raw(row.get("facility")))
        if not incident or not facility:
            return None
        return self._existing.pop((incident[0], facility[0]), None)

    def export_expressions(self):
        return {"incident": F("incident__code"), "facility": F("facility__code")}

    def export_ordering(self):
        return ["incident__code", "facility__code"]
