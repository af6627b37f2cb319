"""Filter building blocks shared by the public lists (django-filter).

A malformed value makes the form invalid and the list answers 400 with the
form's message; an unknown parameter is ignored. Domain-free: the place filters
live in ``facilities.filters``, the party filters in ``incidents.filters``.
"""

import calendar
import datetime
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_filters.fields import DateRangeField, RangeField
from django_filters.widgets import DateRangeWidget

MAX_QUERY_LENGTH = 200
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

# Dates and months a public parameter may name: nothing the records could hold lies outside, and
# anything inside is far from the ends of Python's dates (year 1 and 9999), so a report can step a
# month or a year either side without overflowing.
EARLIEST_DATE = datetime.date(1900, 1, 1)


def latest_date() -> datetime.date:
    """The last day a public parameter may name: the end of next year."""
    return datetime.date(timezone.localdate().year + 1, 12, 31)


def check_in_range(value: datetime.date) -> None:
    if not EARLIEST_DATE <= value <= latest_date():
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s."),
            code="out_of_range",
            params={"first": date_format(EARLIEST_DATE), "last": date_format(latest_date())},
        )


class BoundedDateField(forms.DateField):
    """An ISO date between ``EARLIEST_DATE`` and ``latest_date()``."""

    def validate(self, value):
        super().validate(value)
        if value is not None:
            check_in_range(value)


class BoundedDateRangeField(DateRangeField):
    """django-filter's ``_after`` / ``_before`` pair, each end a ``BoundedDateField``."""

    def __init__(self, *args, **kwargs):
        # DateRangeField's own __init__ only passes two plain DateFields to RangeField.
        RangeField.__init__(self, (BoundedDateField(), BoundedDateField()), *args, **kwargs)


class MonthField(forms.CharField):
    """``YYYY-MM`` to the first and last day of that month, from January 1900 to next December."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        match = _MONTH.match(value)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValidationError(_("Enter a month as YYYY-MM, for example 2018-01."), code="invalid")
        year = int(match.group(1))
        if not EARLIEST_DATE.year <= year <= latest_date().year:
            raise ValidationError(
                _("Enter a month between %(first)s and %(last)s."),
                code="out_of_range",
                params={"first": f"{EARLIEST_DATE.year}-01", "last": f"{latest_date().year}-12"},
            )
        return month_bounds(year, int(match.group(2)))


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
    """``date_after`` / ``date_before`` as ISO dates, both ends included, each within the sane range."""

    field_class = BoundedDateRangeField

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


class MarkedSelect(forms.Select):
    """A select whose options named by a record's text (``core.bilingual.Text``) in the other
    language than the page's carry ``lang`` and ``dir``."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if getattr(label, "fallback", False):
            option["attrs"] = {**option["attrs"], "lang": label.lang, "dir": label.dir}
        return option


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
