"""FilterSets of the public incident and attack lists (parameters of interfaces.md)."""

from dataclasses import dataclass

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.bilingual import record_text
from core.filters import DateRangeFilter, FlagFilter, MarkedSelect, MonthFilter, SearchFilter, choice_filter
from core.search import code_match, normalise, text_match
from facilities.filters import PlaceFilter, matching_places, within
from facilities.models import Facility, FacilityCategory, FacilityKind, Place, kinds_in_category

from . import listing
from .choices import AttackType, Certainty, Damage, ServiceImpact, Weapon
from .models import Attack, Attribution, Incident, Munition, Perpetrator
from .search import attacks_matching, incidents_matching

PUBLIC_CERTAINTIES = [(c.value, c.label) for c in Certainty if c != Certainty.RUMOUR]
UNATTRIBUTED = "unattributed"


# Parties


@dataclass(frozen=True)
class PartyChoice:
    """A chosen party with its sub-parties, or "unattributed" (``party is None``)."""

    party: Perpetrator | None
    ids: tuple[int, ...]

    @property
    def unattributed(self) -> bool:
        return self.party is None


class PartyField(forms.ChoiceField):
    """A party by code (its sub-parties included), or ``unattributed``.

    An undetermined party ("Syrian or Russian forces") is a value of its own:
    its members are not expanded.
    """

    def __init__(self, *args, **kwargs):
        kwargs["choices"] = party_choices
        kwargs.setdefault("widget", MarkedSelect)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        if value == UNATTRIBUTED:
            return PartyChoice(None, ())
        tree = Perpetrator.objects.public().only("pk", "parent_id", "code", "name", "kind").tree()
        party = tree.get(value)
        if party is None:
            raise ValidationError(
                _("No party has the code “%(value)s”."), code="unknown", params={"value": value}
            )
        return PartyChoice(party, tuple(tree.descendant_ids(party)))

    def validate(self, value):
        pass


def party_choices():
    """Every party, indented under its parent, after "any" and "unattributed", named in the page's
    language (else the other's, which ``MarkedSelect`` marks)."""
    tree = Perpetrator.objects.public().only("pk", "parent_id", "code", "name", "name_ar").tree()
    return [
        ("", _("Any party")),
        (UNATTRIBUTED, _("Unattributed")),
        *((party.code, record_text(party, "name").after("\u2003" * depth)) for party, depth in tree.walk()),
    ]


class PartyFilter(django_filters.Filter):
    """``perpetrator``: the FilterSet's ``method`` receives a ``PartyChoice``."""

    field_class = PartyField


def primary_attribution(incident_ref: str = "pk"):
    """The primary Attribution of the incident at ``incident_ref`` (for Exists/Subquery)."""
    return Attribution.objects.primary().filter(incident=OuterRef(incident_ref))


def attributed(choice, incident_ref: str = "pk") -> Q:
    """Q for rows whose incident counts under the chosen party (sub-parties included)."""
    if choice.unattributed:
        return ~Q(Exists(primary_attribution(incident_ref)))
    return Q(Exists(primary_attribution(incident_ref).filter(perpetrator_id__in=choice.ids)))


def under_party(choice, incident: str = "") -> Q:
    """Q for rows whose incident (``incident``: the path to it; "" for incidents themselves)
    counts under the chosen party. On PostgreSQL from the incident's list columns
    (incidents.listing), elsewhere through the primary attribution."""
    if not listing.enabled():
        return attributed(choice, incident or "pk")
    party = f"{incident}__primary_party_id" if incident else "primary_party_id"
    if choice.unattributed:
        return Q(**{f"{party}__isnull": True})
    return Q(**{f"{party}__in": choice.ids})


def in_places(places) -> Q:
    """Q for incidents within any of ``places``, on PostgreSQL from their list columns. (Attacks
    and victims keep the join to the place's path: reaching the incident's row first is slower.)"""
    if not listing.enabled():
        return within(places, "place")
    return Q(place_ids__overlap=[place.pk for place in places])


def used_weapons(weapons, incident: str = "") -> Q:
    """Q for rows whose incident (``incident``: the path to it; "" for incidents themselves) was
    recorded with one of ``weapons``: as its own weapon, or in a munition row ("4 barrel bombs").

    One query: the munitions are a subquery (their index on weapon), which PostgreSQL hashes once
    and tests beside the incident's own column, whatever other filters pick the rows.
    """
    prefix = f"{incident}__" if incident else ""
    munitions = Munition.objects.filter(weapon__in=list(weapons)).values("incident_id")
    return Q(**{f"{prefix}weapon__in": list(weapons)}) | Q(**{f"{prefix}pk__in": munitions})


def kinds_of(categories) -> list[str]:
    return [kind for category in categories for kind in kinds_in_category(category)]


def repeated_facilities(attacks):
    """Facilities hit more than once among ``attacks``."""
    return (
        attacks.order_by()
        .values("facility")
        .annotate(times=Count("id", distinct=True))
        .filter(times__gt=1)
        .values("facility")
    )


class RepeatLastFilterSet(django_filters.FilterSet):
    """ "More than once" counts within the other filters' result, so ``repeat`` is applied last."""

    def filter_queryset(self, queryset):
        data = dict(self.form.cleaned_data)
        repeat = data.pop("repeat", None)
        for name, value in data.items():
            queryset = self.filters[name].filter(queryset, value)
        return self.only_repeat(queryset) if repeat else queryset

    def only_repeat(self, queryset):
        raise NotImplementedError


class IncidentFilterSet(RepeatLastFilterSet):
    q = SearchFilter(method="search")
    date = DateRangeFilter(field_name="date", label=_("Date"))
    month = MonthFilter(field_name="date", label=_("Month"))
    governorate = PlaceFilter(field_name="place", method="filter_place", label=_("Governorate"))
    place = PlaceFilter(field_name="place", by_name=True, method="filter_place", label=_("Place"))
    perpetrator = PartyFilter(method="filter_perpetrator", label=_("Perpetrator"))
    attack_type = choice_filter(AttackType.choices, _("Attack type"))
    weapon = choice_filter(Weapon.choices, _("Weapon"), method="filter_weapon")
    certainty = choice_filter(PUBLIC_CERTAINTIES, _("Certainty"))
    category = choice_filter(FacilityCategory.choices, _("Facility category"), method="filter_category")
    kind = choice_filter(FacilityKind.choices, _("Facility kind"), method="filter_kind")
    facility = django_filters.CharFilter(method="filter_facility", label=_("Facility code"), max_length=40)
    double_tap = FlagFilter(method="filter_double_tap", label=_("Double tap (repeat strike on the site)"))
    repeat = FlagFilter(method="filter_repeat", label=_("Hit a facility attacked more than once"))

    class Meta:
        model = Incident
        fields: list[str] = []

    def only_repeat(self, queryset):
        attacks = Attack.objects.public().filter(incident__in=queryset.values("pk"))
        return queryset.filter(
            Exists(Attack.objects.filter(incident=OuterRef("pk"), facility__in=repeated_facilities(attacks)))
        )

    # On PostgreSQL, search, party and place read the columns incidents.listing keeps, all in
    # one GIN index; elsewhere they join. tests/public/test_listing.py holds them equal (and the
    # attack and victim lists' party filters, which read the same column).

    def search(self, queryset, name, value):
        return queryset.filter(incidents_matching(value)) if normalise(value) else queryset

    def filter_perpetrator(self, queryset, name, value):
        return queryset.filter(under_party(value))

    def filter_place(self, queryset, name, value):
        return queryset.filter(in_places(value))

    def filter_weapon(self, queryset, name, value):
        return queryset.filter(used_weapons(value))

    def filter_category(self, queryset, name, value):
        return self.filter_kind(queryset, name, kinds_of(value))

    def filter_kind(self, queryset, name, value):
        return queryset.filter(
            Exists(Attack.objects.filter(incident=OuterRef("pk"), facility__kind__in=list(value)))
        )

    def filter_facility(self, queryset, name, value):
        return queryset.filter(Exists(Attack.objects.filter(incident=OuterRef("pk"), facility__code=value)))

    def filter_double_tap(self, queryset, name, value):
        later = Incident.objects.public().filter(follow_up_of=OuterRef("pk"))
        return queryset.filter(Q(follow_up_of__in=Incident.objects.public()) | Q(Exists(later)))

    def filter_repeat(self, queryset, name, value):
        return queryset  # applied in filter_queryset


class AttackFilterSet(RepeatLastFilterSet):
    """Attacks on facilities: the counting unit of the report's attack tables."""

    q = SearchFilter(method="search")
    date = DateRangeFilter(field_name="incident__date", label=_("Date"))
    month = MonthFilter(field_name="incident__date", label=_("Month"))
    governorate = PlaceFilter(field_name="incident__place", label=_("Governorate"))
    place = PlaceFilter(field_name="incident__place", by_name=True, label=_("Place"))
    perpetrator = PartyFilter(method="filter_perpetrator", label=_("Perpetrator"))
    attack_type = choice_filter(AttackType.choices, _("Attack type"), field_name="incident__attack_type")
    weapon = choice_filter(Weapon.choices, _("Weapon"), method="filter_weapon")
    certainty = choice_filter(PUBLIC_CERTAINTIES, _("Certainty"), field_name="incident__certainty")
    category = choice_filter(FacilityCategory.choices, _("Facility category"), method="filter_category")
    kind = choice_filter(FacilityKind.choices, _("Facility kind"), field_name="facility__kind")
    facility = django_filters.CharFilter(field_name="facility__code", label=_("Facility code"), max_length=40)
    damage = choice_filter(Damage.choices, _("Damage"))
    service_impact = choice_filter(ServiceImpact.choices, _("Service impact"))
    repeat = FlagFilter(method="filter_repeat", label=_("Facility attacked more than once"))

    class Meta:
        model = Attack
        fields: list[str] = []

    def only_repeat(self, queryset):
        return queryset.filter(facility__in=repeated_facilities(queryset))

    def search(self, queryset, name, value):
        return queryset.filter(attacks_matching(value)) if normalise(value) else queryset

    def filter_perpetrator(self, queryset, name, value):
        return queryset.filter(under_party(value, "incident"))

    def filter_weapon(self, queryset, name, value):
        return queryset.filter(used_weapons(value, "incident"))

    def filter_category(self, queryset, name, value):
        return queryset.filter(facility__kind__in=kinds_of(value))

    def filter_repeat(self, queryset, name, value):
        return queryset  # applied in filter_queryset


# Facilities with their attacks: the facility list counts the attacks the filters select.

FACILITY_ATTACK_FILTERS = ("date", "month", "perpetrator", "attack_type", "weapon", "certainty")


class FacilityFilterSet(django_filters.FilterSet):
    q = SearchFilter(method="search")
    category = choice_filter(FacilityCategory.choices, _("Category"), method="filter_category")
    kind = choice_filter(FacilityKind.choices, _("Kind"))
    governorate = PlaceFilter(field_name="place", label=_("Governorate"))
    place = PlaceFilter(field_name="place", by_name=True, label=_("Place"))
    date = DateRangeFilter(method="attack_level", label=_("Attacked between"))
    month = MonthFilter(method="attack_level", label=_("Attacked in month"))
    perpetrator = PartyFilter(method="attack_level", label=_("Attacked by"))
    attack_type = choice_filter(AttackType.choices, _("Attack type"), method="attack_level")
    weapon = choice_filter(Weapon.choices, _("Weapon"), method="attack_level")
    certainty = choice_filter(PUBLIC_CERTAINTIES, _("Certainty"), method="attack_level")
    repeat = FlagFilter(method="attack_level", label=_("Attacked more than once"))

    class Meta:
        model = Facility
        fields: list[str] = []

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        for name, value in data.items():
            if name not in FACILITY_ATTACK_FILTERS and name != "repeat":
                queryset = self.filters[name].filter(queryset, value)
        attacks = self.counted_attacks()
        queryset = queryset.annotate(
            attack_count=Coalesce(
                Subquery(
                    attacks.filter(facility=OuterRef("pk"))
                    .order_by()
                    .values("facility")
                    .annotate(n=Count("id"))
                    .values("n")[:1],
                    output_field=IntegerField(),
                ),
                Value(0),
            )
        )
        if data.get("repeat"):
            repeated = attacks.order_by().values("facility").annotate(n=Count("id")).filter(n__gt=1)
            queryset = queryset.filter(pk__in=repeated.values("facility"))
        elif any(data.get(name) for name in FACILITY_ATTACK_FILTERS):
            queryset = queryset.filter(pk__in=attacks.values("facility"))
        return queryset

    def counted_attacks(self):
        """The public attacks that the attack filters select (all of them when none is set)."""
        subset = AttackFilterSet(queryset=Attack.objects.public())
        attacks = Attack.objects.public()
        for name in FACILITY_ATTACK_FILTERS:
            value = self.form.cleaned_data.get(name)
            if value:
                attacks = subset.filters[name].filter(attacks, value)
        return attacks

    def search(self, queryset, name, value):
        if not normalise(value):
            return queryset
        # All on the facility's own row, one OR that PostgreSQL answers with a BitmapOr of its
        # indexes (the places within places named like the query looked up first).
        found = text_match(value) | code_match(value)
        places = matching_places(value)
        if places:
            inside = Place.objects.filter(within(places)).values_list("pk", flat=True)
            found |= Q(place__in=list(inside))
        return queryset.filter(found)

    def filter_category(self, queryset, name, value):
        return queryset.filter(kind__in=kinds_of(value))

    def attack_level(self, queryset, name, value):
        return queryset  # applied to the counted attacks in filter_queryset
