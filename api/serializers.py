"""What the API says about each public record: public fields only, both sides of bilingual text
(``title`` and ``title_ar``), related records by their public codes, vocabularies by code.

The views hand these serializers rows they have decorated (``views``): the codes of related
records and the governorate are read for a whole page in a few queries and set on each row, and
the serializers read them from there (``source``). Nothing here reads a witness's identity, a
record's internal notes, or a victim's name that is not to be published (``NamedOnly``).
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from facilities.models import Facility, FacilityCategory, Place
from incidents.choices import AttributionBasis, AttributionCertainty, Damage, Proximity, ServiceImpact
from incidents.filters import PUBLIC_CERTAINTIES
from incidents.models import (
    Attack,
    Attribution,
    EvidenceMedia,
    Incident,
    Munition,
    Perpetrator,
    Source,
    WitnessAccount,
)
from victims.models import AgeGroup, ReportClass, Victim

from .fields import CodeField, LocalTimeField, NamedOnly, code_of


class PublicSerializer(serializers.ModelSerializer):
    """Every field documented: a model field without help text is described by its name."""

    def get_fields(self):
        fields = super().get_fields()
        for name, field in fields.items():
            if not field.help_text:
                field.help_text = capfirst(field.label or self.verbose_name(field.source or name))
        return fields

    def verbose_name(self, name: str):
        try:
            return self.Meta.model._meta.get_field(name).verbose_name
        except FieldDoesNotExist:
            return name.replace("_", " ")


def links(detail_help, page_help=None):
    """The ``url`` (this record in the API) and ``html_url`` (its public page) fields."""
    return (
        serializers.URLField(source="api_url", read_only=True, help_text=detail_help),
        serializers.URLField(read_only=True, help_text=page_help or _("The record's public page.")),
    )


class PlaceSerializer(PublicSerializer):
    class Meta:
        model = Place
        fields = ["id", "pcode", "name", "name_ar", "level"]
        extra_kwargs = {"id": {"help_text": _("The place's id: filters take it where there is no P-code.")}}


class LocatedSerializer(PublicSerializer):
    """Records with a place on the map (incidents and facilities). They carry their place and its
    governorate. Coordinates enter the API here alone, and only as the record's public point (rule 6
    of domain.md): a field declared on this class and named in ``LOCATION_FIELDS``, which every
    located serializer lists, read from what the view's ``located()`` annotates. Nothing reads the
    recorded latitude and longitude."""

    LOCATION_FIELDS: list[str] = []

    place = PlaceSerializer(read_only=True, help_text=_("Where it happened or stands."))
    governorate = PlaceSerializer(
        source="governorate_place",
        read_only=True,
        allow_null=True,
        help_text=_("The governorate the place lies in (null when none is recorded above it)."),
    )


class MunitionSerializer(PublicSerializer):
    class Meta:
        model = Munition
        fields = ["weapon", "count", "note"]


class IncidentSerializer(LocatedSerializer):
    url, html_url = links(_("This incident in the API."))
    certainty = CodeField(PUBLIC_CERTAINTIES, allow_null=False, help_text=_("How sure the documenters are."))
    time = LocalTimeField(allow_null=True, help_text=_("The time of day (HH:MM, local), when known."))
    perpetrator = code_of(
        "primary_party_code", _("The code of the party the incident counts under (its primary attribution).")
    )
    attribution_certainty = CodeField(
        AttributionCertainty.choices,
        source="primary_party_certainty",
        help_text=_("How sure the attribution to that party is."),
    )
    area_controlled_by = code_of("area_controlled_by.code", _("The code of the party controlling the area."))
    follow_up_of = code_of(
        "follow_up_code",
        _("The code of the earlier strike on the same site (double tap), when it is public."),
    )
    facilities = serializers.ListField(
        source="facility_codes",
        child=serializers.CharField(),
        read_only=True,
        help_text=_("The codes of the facilities hit."),
    )
    munitions = MunitionSerializer(
        source="munition_rows",
        many=True,
        read_only=True,
        help_text=_('How many strikes or munitions of each weapon ("4 barrel bombs").'),
    )

    class Meta:
        model = Incident
        fields = [
            *("code", "url", "html_url", "title", "title_ar", "summary", "summary_ar"),
            *(
                "date",
                "date_precision",
                "time",
                "time_approximate",
                "place",
                "governorate",
                "location_detail",
            ),
            *LocatedSerializer.LOCATION_FIELDS,
            *("attack_type", "weapon", "weapon_detail", "munitions", "perpetrator", "attribution_certainty"),
            *(
                "area_controlled_by",
                "killed_count",
                "injured_count",
                "facilities",
                "follow_up_of",
                "certainty",
            ),
        ]


class AttributionSerializer(PublicSerializer):
    perpetrator = code_of("perpetrator.code", _("The party's code."))
    basis = CodeField(AttributionBasis.choices, help_text=_("What the attribution rests on."))

    class Meta:
        model = Attribution
        fields = ["perpetrator", "certainty", "basis", "note", "primary"]


class WitnessSerializer(PublicSerializer):
    """A witness account whose statement may be published (rule 2): the alias, never the identity."""

    class Meta:
        model = WitnessAccount
        fields = [
            "alias",
            "witness_role",
            "relation",
            "contact_method",
            "interviewed_on",
            "statement",
            "language",
        ]
        extra_kwargs = {"contact_method": {"allow_null": True}}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["contact_method"] = data["contact_method"] or None
        return data


class EvidenceSerializer(PublicSerializer):
    """Public evidence: what it is, where it was found, and the fingerprint of the file."""

    display_url = serializers.URLField(
        read_only=True, allow_null=True, help_text=_("The public copy of an image, without its metadata.")
    )

    class Meta:
        model = EvidenceMedia
        fields = ["kind", "caption", "url", "archive_url", "sha256", "is_graphic", "display_url"]
        extra_kwargs = {"sha256": {"help_text": _("The SHA-256 fingerprint of the recorded file.")}}


class SourceSerializer(PublicSerializer):
    class Meta:
        model = Source
        fields = ["kind", "title", "publisher", "url", "published_on", "archive_url"]


class IncidentDetailSerializer(IncidentSerializer):
    attributions = AttributionSerializer(
        source="attribution_rows", many=True, read_only=True, help_text=_("Every party held responsible.")
    )
    later_strikes = serializers.ListField(
        source="later_codes",
        child=serializers.CharField(),
        read_only=True,
        help_text=_("The codes of later strikes on the same site."),
    )
    victims = serializers.ListField(
        source="victim_codes",
        child=serializers.CharField(),
        read_only=True,
        help_text=_("The codes of the public victims of the incident."),
    )
    witness_accounts = WitnessSerializer(
        source="witness_rows",
        many=True,
        read_only=True,
        help_text=_("Witness accounts whose statements may be published."),
    )
    evidence = EvidenceSerializer(
        source="evidence_rows", many=True, read_only=True, help_text=_("Public evidence.")
    )
    sources = SourceSerializer(source="source_rows", many=True, read_only=True, help_text=_("Sources."))

    class Meta(IncidentSerializer.Meta):
        fields = [
            *IncidentSerializer.Meta.fields,
            *("attributions", "later_strikes", "victims", "witness_accounts", "evidence", "sources"),
        ]


class AttackSerializer(PublicSerializer):
    """One incident hitting one facility: the counting unit of the report's attack tables."""

    url = serializers.URLField(source="api_url", read_only=True, help_text=_("This attack in the API."))
    incident = code_of("incident.code", _("The incident's code."))
    facility = code_of("facility.code", _("The facility's code."))
    date = serializers.DateField(source="incident.date", read_only=True, help_text=_("The incident's date."))
    facility_kind = serializers.ChoiceField(
        source="facility.kind",
        choices=Facility._meta.get_field("kind").choices,
        read_only=True,
        help_text=_("The facility's kind."),
    )
    facility_category = serializers.ChoiceField(
        source="facility.category",
        choices=FacilityCategory.choices,
        read_only=True,
        help_text=_("The facility's category, from its kind."),
    )
    damage = CodeField(Damage.choices, help_text=_("Damage to the facility."))
    proximity = CodeField(Proximity.choices, help_text=_("How close the strike fell."))
    service_impact = CodeField(ServiceImpact.choices, help_text=_("What became of the facility's service."))
    perpetrator = code_of("primary_party_code", _("The code of the party the attack counts under."))
    place = PlaceSerializer(
        source="incident.place", read_only=True, help_text=_("Where the incident happened.")
    )
    governorate = PlaceSerializer(
        source="governorate_place", read_only=True, allow_null=True, help_text=_("The place's governorate.")
    )

    class Meta:
        model = Attack
        fields = [
            *("url", "incident", "facility", "date", "facility_kind", "facility_category"),
            *("damage", "proximity", "service_impact", "perpetrator", "place", "governorate"),
        ]


class FacilitySerializer(LocatedSerializer):
    url, html_url = links(_("This facility in the API."))
    category = serializers.ChoiceField(
        choices=FacilityCategory.choices, read_only=True, help_text=_("The category, from the kind.")
    )
    parent = code_of("parent_code", _("The code of the facility it belongs to (an ambulance's hospital)."))
    attack_count = serializers.IntegerField(
        read_only=True,
        help_text=_("Public attacks on the facility; in a list, those the attack filters select."),
    )

    class Meta:
        model = Facility
        fields = [
            *("code", "url", "html_url", "name", "name_ar", "other_names", "kind", "category", "identifier"),
            *(
                "operator",
                "parent",
                "place",
                "governorate",
                *LocatedSerializer.LOCATION_FIELDS,
                "attack_count",
            ),
        ]


class VictimSerializer(PublicSerializer):
    url, html_url = links(_("This victim in the API."))
    name = NamedOnly("name", help_text=_("The name, null unless it may be published."))
    name_ar = NamedOnly("name_ar", help_text=_("The Arabic name, null unless the name may be published."))
    other_names = NamedOnly("other_names", help_text=_("Other names, null unless the name may be published."))
    name_published = serializers.BooleanField(
        source="publish_name", read_only=True, help_text=_("Whether the name may be published.")
    )
    age_group = serializers.ChoiceField(
        choices=AgeGroup.choices, read_only=True, help_text=_("How the reports count the victim's age.")
    )
    report_class = serializers.ChoiceField(
        choices=ReportClass.choices, read_only=True, help_text=_("The report class of the role.")
    )
    affiliation = code_of("affiliation.code", _("The code of the facility where they worked."))
    hometown = PlaceSerializer(read_only=True, allow_null=True, help_text=_("Where they came from."))
    incident = code_of("incident.code", _("The incident's code."))
    perpetrator = code_of(
        "counted_party_code",
        _(
            "The code of the party the victim counts under: the incident's primary party, "
            "or their own without one."
        ),
    )

    class Meta:
        model = Victim
        fields = [
            *("code", "url", "html_url", "name", "name_ar", "other_names", "name_published", "sex", "age"),
            *("age_group", "role", "report_class", "affiliation", "organization", "hometown", "harm"),
            *("date_of_harm", "incident", "perpetrator", "on_duty", "circumstances", "circumstances_ar"),
        ]


class VictimDetailSerializer(VictimSerializer):
    biography = NamedOnly("biography", help_text=_("The biography, null unless the name may be published."))
    biography_ar = NamedOnly(
        "biography_ar", help_text=_("The Arabic biography, null unless the name may be published.")
    )
    duplicate_of = code_of(
        "duplicate_code", _("The code of the record this one duplicates (never counted twice), when public.")
    )

    class Meta(VictimSerializer.Meta):
        fields = [*VictimSerializer.Meta.fields, "biography", "biography_ar", "duplicate_of"]


class PerpetratorSerializer(PublicSerializer):
    url, html_url = links(_("This party in the API."))
    parent = code_of("parent.code", _("The code of the party above it."))
    members = serializers.ListField(
        source="member_codes",
        child=serializers.CharField(),
        read_only=True,
        help_text=_("For an undetermined party: the codes of the parties it may be."),
    )

    class Meta:
        model = Perpetrator
        fields = ["code", "url", "html_url", "name", "name_ar", "kind", "parent", "members"]


class TidyRowSerializer(serializers.Serializer):
    """One row of the period report's tidy table (interfaces.md, "Report download")."""

    table = serializers.CharField(help_text=_("Which table the row counts in."))
    perpetrator = serializers.CharField(help_text=_("The exact primary party's code, or “unattributed”."))
    parent_perpetrator = serializers.CharField(help_text=_("The code of the party above it, or empty."))
    category = serializers.CharField(help_text=_("A role's report class, facility category or weapon code."))
    sex = serializers.CharField(help_text=_("The victims' sex code (victim tables), else empty."))
    count = serializers.IntegerField(min_value=1, help_text=_("How many."))
    kind = serializers.CharField(help_text=_("The facility kind (attack tables), else empty."))
    age_group = serializers.CharField(help_text=_("child, adult or unknown (victim tables), else empty."))
