"""FilterSet of the public facilities list.

Facility filters (name, kind, place) select facilities; attack filters (date,
party, weapon, ...) select the public attacks that are counted, and a
facility is listed when at least one (``repeat``: more than one) matches.
"""

import django_filters
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.filters import (
    DateRangeFilter,
    FlagFilter,
    MonthFilter,
    PartyFilter,
    PlaceFilter,
    SearchFilter,
    choice_filter,
    within,
)
from core.search import code_match, normalise, text_match
from incidents.choices import AttackType, Weapon
from incidents.filters import PUBLIC_CERTAINTIES, AttackFilterSet, kinds_of, matching_places
from incidents.models import Attack

from .models import Facility, FacilityCategory, FacilityKind, Place

ATTACK_FILTERS = ("date", "month", "perpetrator", "attack_type", "weapon", "certainty")


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
            if name not in ATTACK_FILTERS and name != "repeat":
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
        elif any(data.get(name) for name in ATTACK_FILTERS):
            queryset = queryset.filter(pk__in=attacks.values("facility"))
        return queryset

    def counted_attacks(self):
        """The public attacks that the attack filters select (all of them when none is set)."""
        subset = AttackFilterSet(queryset=Attack.objects.public())
        attacks = Attack.objects.public()
        for name in ATTACK_FILTERS:
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
