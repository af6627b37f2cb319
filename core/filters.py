"""Filter building blocks shared by the public lists (django-filter).

A malformed value makes the form invalid and the list answers 400 with the
form's message; an unknown parameter is ignored. Model lookups happen inside
``clean()``, so this module imports no app.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import reduce
from operator import or_

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import DateRangeWidget

from .search import normalise

MAX_QUERY_LENGTH = 200
MAX_PLACES_BY_NAME = 20
UNATTRIBUTED = "unattributed"
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"", "0", "false", "no", "off"}


# Switches


class FlagField(forms.Field):
    """``1``/``true``/``yes``/``on`` switch a filter on; empty or ``0``/``false`` leave it off."""

    def to_python(self, value):
        if value is True:
            return True
        if value in (None, False):
            return None
        text = str(value).strip().lower()
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return None
        raise ValidationError(_("Use 1 to switch this filter on."), code="invalid")

    def validate(self, value):
        pass


def is_on(value) -> bool:
    """Whether a flag's raw value (``"1"`` from the query string) or cleaned value is on: the box
    is drawn ticked, so applying the form again keeps the filter."""
    return value is True or str(value).strip().lower() in TRUE_WORDS


class CheckboxFlag(forms.CheckboxInput):
    """A checkbox that passes the raw value on, so ``FlagField`` can reject garbage."""

    def __init__(self, attrs=None):
        super().__init__(attrs, check_test=is_on)

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def format_value(self, value):
        return "1"


class FlagFilter(django_filters.Filter):
    field_class = FlagField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", CheckboxFlag)
        super().__init__(*args, **kwargs)


# Dates


class MonthField(forms.CharField):
    """``YYYY-MM`` to the first and last day of that month."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        match = _MONTH.match(value)
        if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1:
            raise ValidationError(_("Enter a month as YYYY-MM, for example 2018-01."), code="invalid")
        return month_bounds(int(match.group(1)), int(match.group(2)))


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])


class MonthFilter(django_filters.Filter):
    """``?month=2018-01``: the rows dated in that month."""

    field_class = MonthField

    def filter(self, qs, value):
        if not value:
            return qs
        first, last = value
        return qs.filter(**{f"{self.field_name}__gte": first, f"{self.field_name}__lte": last})


class DateRangeFilter(django_filters.DateFromToRangeFilter):
    """``date_after`` / ``date_before`` as ISO dates, both ends included."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", DateRangeWidget(attrs={"type": "date"}))
        super().__init__(*args, **kwargs)


# Text


class SearchFilter(django_filters.CharFilter):
    """``q``: text search; the model-specific matching is the FilterSet's ``method``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        kwargs.setdefault("label", _("Search"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        super().__init__(*args, **kwargs)


def choice_filter(choices, label, field_name=None, **kwargs):
    """Several values allowed (``?weapon=drone&weapon=missile``); a value outside ``choices`` is 400."""
    return django_filters.MultipleChoiceFilter(
        field_name=field_name,
        choices=choices,
        label=label,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
        **kwargs,
    )


# Places


class PlaceField(forms.CharField):
    """A place by P-code or id (or by name, when ``by_name``): the places it names.

    The filter then covers each place and everything below it.
    """

    def __init__(self, *args, by_name: bool = False, **kwargs):
        self.by_name = by_name
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        if "\x00" in value:
            raise ValidationError(_("Null characters are not allowed."), code="null_characters_not_allowed")
        places = self.lookup(value)
        if not places:
            raise ValidationError(
                _("No place has the P-code, id or name “%(value)s”."), code="unknown", params={"value": value}
            )
        return places

    def lookup(self, value: str) -> list:
        from facilities.models import Place

        places = list(Place.objects.filter(pcode__iexact=value)[:1])
        if not places and value.isdigit() and len(value) < 16:
            places = list(Place.objects.filter(pk=int(value)))
        name = normalise(value)
        if not places and self.by_name and name:
            # search_text begins with the normalised name: "maaret al numan معره النعمان sy070300".
            same_name = Q(search_text=name) | Q(search_text__startswith=f"{name} ") | Q(name_ar=value)
            places = list(Place.objects.filter(same_name).order_by("path")[:MAX_PLACES_BY_NAME])
        return places


def governorate_choices():
    from facilities.models import Place

    governorates = Place.objects.public().governorates().order_by("name").only("pk", "pcode", "name")
    return [("", _("All governorates")), *((p.pcode or str(p.pk), p.name) for p in governorates)]


class GovernorateSelect(forms.Select):
    """The governorates (there are few), read when the form is drawn."""

    def get_context(self, name, value, attrs):
        self.choices = governorate_choices()
        return super().get_context(name, value, attrs)


class PlaceFilter(django_filters.Filter):
    """Rows whose place (``field_name``) lies within the named place(s).

    ``by_name``: a free-text box (with a datalist of larger places) that also
    takes a place name; otherwise a select of governorates.
    """

    field_class = PlaceField

    def __init__(self, *args, by_name: bool = False, **kwargs):
        if by_name:
            kwargs.setdefault(
                "widget", forms.TextInput(attrs={"list": "place-options", "autocomplete": "off"})
            )
        else:
            kwargs.setdefault("widget", GovernorateSelect)
        super().__init__(*args, by_name=by_name, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(within(value, self.field_name))


def within(places, field: str = "") -> Q:
    """Q for a place field (``""``: the place itself) lying within any of ``places``."""
    path = f"{field}__path__startswith" if field else "path__startswith"
    return reduce(or_, (Q(**{path: place.path}) for place in places))


# Parties


@dataclass(frozen=True)
class PartyChoice:
    """A chosen party with its sub-parties, or "unattributed" (``party is None``)."""

    party: object
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
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        if value == UNATTRIBUTED:
            return PartyChoice(None, ())
        from incidents.models import Perpetrator

        parties = list(Perpetrator.objects.public().only("pk", "parent_id", "code", "name", "kind"))
        party = next((p for p in parties if p.code == value), None)
        if party is None:
            raise ValidationError(
                _("No party has the code “%(value)s”."), code="unknown", params={"value": value}
            )
        children: dict = {}
        for p in parties:
            children.setdefault(p.parent_id, []).append(p.pk)
        ids, stack = [], [party.pk]
        while stack:
            pk = stack.pop()
            ids.append(pk)
            stack.extend(children.get(pk, []))
        return PartyChoice(party, tuple(ids))

    def validate(self, value):
        pass


def party_choices():
    """Every party, indented under its parent, after "any" and "unattributed"."""
    from incidents.models import Perpetrator

    parties = list(Perpetrator.objects.public().values_list("pk", "parent_id", "code", "name"))
    children: dict = {}
    for party in parties:
        children.setdefault(party[1], []).append(party)
    choices = [("", _("Any party")), (UNATTRIBUTED, _("Unattributed"))]

    def walk(parent_id, depth):
        for pk, _parent, code, name in sorted(children.get(parent_id, []), key=lambda p: p[3]):
            choices.append((code, "\u2003" * depth + name))
            walk(pk, depth + 1)

    walk(None, 0)
    return choices


class PartyFilter(django_filters.Filter):
    """``perpetrator``: the FilterSet's ``method`` receives a ``PartyChoice``."""

    field_class = PartyField
