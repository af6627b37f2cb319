"""FilterSet of the public victims list; ``perpetrator`` follows who a victim counts under (rule 4)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import DateRangeFilter, FlagFilter, MonthFilter, SearchFilter, choice_filter
from core.search import code_match, normalise, text_match
from facilities.filters import PlaceFilter
from facilities.models import Facility
from incidents.filters import PartyFilter, under_party

from .models import (
    CHILD_AGE_LIMIT,
    AgeGroup,
    Harm,
    ReportClass,
    Role,
    Sex,
    Victim,
    in_age_groups,
    roles_in_class,
)

CHILD_CHOICES = [("yes", _("Children (under 18)")), ("no", _("Adults")), ("unknown", _("Age unknown"))]
DEATHS = (Harm.KILLED, Harm.TORTURED_TO_DEATH)


def counted_under(choice) -> Q:
    """A victim counts under their incident's primary party, or their own when there is no
    incident."""
    by_incident = under_party(choice, "incident")
    if choice.unattributed:
        return Q(incident__isnull=False) & by_incident
    return Q(incident__isnull=True, perpetrator_id__in=choice.ids) | by_incident


class VictimFilterSet(django_filters.FilterSet):
    q = SearchFilter(method="search")
    date = DateRangeFilter(field_name="date_of_harm", label=_("Date of harm"))
    month = MonthFilter(field_name="date_of_harm", label=_("Month"))
    governorate = PlaceFilter(field_name="incident__place", label=_("Governorate"))
    place = PlaceFilter(field_name="incident__place", by_name=True, label=_("Place"))
    perpetrator = PartyFilter(method="filter_perpetrator", label=_("Perpetrator"))
    harm = choice_filter(Harm.choices, _("Harm"))
    role = choice_filter(Role.choices, _("Role"))
    report_class = choice_filter(ReportClass.choices, _("Report class"), method="filter_report_class")
    sex = choice_filter(Sex.choices, _("Sex"))
    child = django_filters.ChoiceFilter(
        choices=CHILD_CHOICES,
        method="filter_child",
        label=_("Age"),
        empty_label=_("Any age"),
        widget=forms.RadioSelect,
    )
    age_group = choice_filter(AgeGroup.choices, _("Age group"), method="filter_age_group")
    on_duty = FlagFilter(method="filter_on_duty", label=_("On duty"))
    affiliation = django_filters.CharFilter(
        field_name="affiliation__code", label=_("Facility code"), max_length=40
    )
    incident = django_filters.CharFilter(field_name="incident__code", label=_("Incident code"), max_length=40)

    class Meta:
        model = Victim
        fields: list[str] = []

    def search(self, queryset, name, value):
        if not normalise(value):
            return queryset
        # All three on the victim's own row: one OR that PostgreSQL answers with a BitmapOr of
        # its indexes (the facilities, few, are looked up first). A UNION of id sets joined back
        # to a million victims took a second for a common name.
        facilities = list(Facility.objects.public().filter(text_match(value)).values_list("pk", flat=True))
        return queryset.filter(text_match(value) | code_match(value) | Q(affiliation__in=facilities))

    def filter_perpetrator(self, queryset, name, value):
        return queryset.filter(counted_under(value))

    def filter_report_class(self, queryset, name, value):
        return queryset.filter(role__in=[role for cls in value for role in roles_in_class(cls)])

    def filter_child(self, queryset, name, value):
        if value == "yes":
            return queryset.filter(age__lt=CHILD_AGE_LIMIT)
        if value == "no":
            return queryset.filter(age__gte=CHILD_AGE_LIMIT)
        return queryset.filter(age__isnull=True)

    def filter_age_group(self, queryset, name, value):
        return queryset.filter(in_age_groups(value))

    def filter_on_duty(self, queryset, name, value):
        return queryset.filter(on_duty=True)
