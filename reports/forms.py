"""The period of a report: a month, or a date range; optionally one governorate."""

import datetime
from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.filters import BoundedDateField, MonthField, month_bounds
from facilities.filters import GovernorateSelect, PlaceField
from facilities.models import PlaceLevel

from .queries import Period

MAX_YEARS = 50


class PeriodForm(forms.Form):
    month = MonthField(label=_("Month"), required=False)
    date_after = BoundedDateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_before = BoundedDateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    governorate = PlaceField(label=_("Governorate"), required=False, widget=GovernorateSelect)

    def clean(self):
        data = super().clean()
        month, first, last = data.get("month"), data.get("date_after"), data.get("date_before")
        if month and (first or last):
            raise ValidationError(_("Give a month or a date range, not both."))
        if bool(first) != bool(last):
            raise ValidationError(_("A date range needs both a start and an end."))
        if first and last:
            if first > last:
                raise ValidationError(_("The start of the range must not be after its end."))
            if (last - first).days > MAX_YEARS * 366:
                raise ValidationError(_("Choose a range of at most %(years)s years.") % {"years": MAX_YEARS})
        governorate = data.get("governorate")
        if governorate and governorate[0].level != PlaceLevel.ADMIN1:
            self.add_error("governorate", _("Choose a governorate."))
        return data

    def period(self, default_month: Callable[[], datetime.date]) -> Period:
        """The chosen period; ``default_month()`` (asked only when none was chosen) otherwise."""
        data = self.cleaned_data
        governorate = data["governorate"][0] if data.get("governorate") else None
        if data.get("month"):
            first, last = data["month"]
        elif data.get("date_after"):
            first, last = data["date_after"], data["date_before"]
        else:
            month = default_month()
            first, last = month_bounds(month.year, month.month)
        return Period(first=first, last=last, governorate=governorate)

    def is_single_month(self, period: Period) -> bool:
        return (
            period.first.day == 1
            and (period.last + datetime.timedelta(days=1)).day == 1
            and (
                period.first.year,
                period.first.month,
            )
            == (period.last.year, period.last.month)
        )
