"""Wording and links shared by the public pages."""

import html

from django import template
from django.contrib.humanize.templatetags.humanize import ordinal
from django.template.defaultfilters import date as format_date
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.csv_values import detail_url
from incidents.choices import AttributionCertainty, DatePrecision

register = template.Library()

ORDINALS = [
    gettext_lazy("first"),
    gettext_lazy("second"),
    gettext_lazy("third"),
    gettext_lazy("fourth"),
    gettext_lazy("fifth"),
    gettext_lazy("sixth"),
    gettext_lazy("seventh"),
    gettext_lazy("eighth"),
    gettext_lazy("ninth"),
    gettext_lazy("tenth"),
]


@register.filter
def ordinal_word(number) -> str:
    """ "third" for 3; "11th" from 11 on."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return ""
    if 1 <= number <= len(ORDINALS):
        return str(ORDINALS[number - 1])
    return ordinal(number)


@register.simple_tag
def incident_when(incident) -> str:
    """The date in words with its precision, and the time ("around 14:00") when known."""
    if incident.date_precision == DatePrecision.MONTH:
        when = _("in %(month)s") % {"month": format_date(incident.date, "F Y")}
    elif incident.date_precision == DatePrecision.WEEK:
        when = _("in the week of %(date)s") % {"date": format_date(incident.date, "j F Y")}
    else:
        when = format_date(incident.date, "l, j F Y")
    if incident.time:
        time = format_date(incident.time, "H:i")
        if incident.time_approximate:
            when = _("%(date)s, around %(time)s") % {"date": when, "time": time}
        else:
            when = _("%(date)s, at %(time)s") % {"date": when, "time": time}
    return when


@register.simple_tag
def short_date(incident) -> str:
    """Compact date for lists, honest about precision."""
    return short_date_text(incident.date, incident.date_precision)


def short_date_text(date, precision) -> str:
    # PageWording.short_date writes "j M Y" itself.
    if precision == DatePrecision.MONTH:
        return format_date(date, "F Y")
    if precision == DatePrecision.WEEK:
        return _("week of %(date)s") % {"date": format_date(date, "j M Y")}
    return format_date(date, "j M Y")


@register.simple_tag
def attribution_phrase(attribution, link: bool = True) -> str:
    """ "by X" (confirmed), "believed to be X" (probable), "suspected to be X" (possible)."""
    party = attribution.perpetrator
    url = reverse("incidents:perpetrator_detail", args=[party.code]) if link else None
    return attribution_html(party.name, attribution.certainty, url)


def attribution_html(name: str, certainty: str, url: str | None) -> str:
    name = format_html('<a href="{}">{}</a>', url, name) if url is not None else format_html("{}", name)
    if certainty == AttributionCertainty.CONFIRMED:
        pattern = _("by %(party)s")
    elif certainty == AttributionCertainty.PROBABLE:
        pattern = _("believed to be %(party)s")
    else:
        pattern = _("suspected to be %(party)s")
    return mark_safe(escape(pattern) % {"party": name})  # noqa: S308 (both parts escaped)


class PageWording:
    """The display strings of one page's rows, each distinct one worked out once.

    Fifty rows repeat a few dates, parties and choice labels: each is
    translated and formatted once, in the language of the request the instance
    serves (make one per page; never share one between requests). Each URL
    pattern is reversed once; codes are then put in by concatenation.
    """

    def __init__(self):
        self._done: dict = {}

    def _once(self, key, make):
        try:
            return self._done[key]
        except KeyError:
            text = self._done[key] = make()
            return text

    def url(self, viewname: str, code: str) -> str:
        """``reverse(viewname, args=[code])``."""
        return self._once(("url", viewname), lambda: detail_url(None, viewname))(code)

    def label(self, choices, value) -> str:
        """The label of ``value`` in ``choices`` (a Choices class), as ``get_FOO_display()`` gives it."""
        return self._once((choices, value), lambda: choice_label(choices, value))

    def short_date(self, date, precision: str) -> str:
        """``{% short_date %}``.

        A day's date is its day before the month and year ("3 Jan 2018"), so
        the month and year are formatted once for all the days of the month.
        """
        if precision in (DatePrecision.MONTH, DatePrecision.WEEK):
            return self._once((date, precision), lambda: short_date_text(date, precision))
        month = self._once(("M Y", date.year, date.month), lambda: format_date(date, "M Y"))
        return f"{date.day} {month}"

    def casualties(self, killed: int, injured: int) -> str:
        """ "2 killed, 7 injured", or "" when nobody was."""
        if not (killed or injured):
            return ""
        return self._once(("casualties", killed, injured), lambda: casualties_text(killed, injured))

    def attribution(self, code: str, name: str, certainty: str) -> str:
        """``{% attribution_phrase %}`` for the party ``code`` called ``name``."""
        return self._once(
            ("party", code, certainty),
            lambda: attribution_html(name, certainty, self.url("incidents:perpetrator_detail", code)),
        )


def choice_label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def casualties_text(killed: int, injured: int) -> str:
    """As {% blocktranslate %} writes it: the translation as it is, the numbers localized."""
    text = _("%(killed)s killed, %(injured)s injured") % {
        "killed": localize(killed),
        "injured": localize(injured),
    }
    return mark_safe(text)  # noqa: S308 (a translation and two numbers)


@register.simple_tag(takes_context=True)
def query(context, **changes) -> str:
    """The current query string with ``changes`` applied (``None`` removes a key), cursors dropped."""
    params = context["request"].GET.copy()
    for key in ("after", "before"):
        if key not in changes:
            params.pop(key, None)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def field_value(form, name):
    return form[name].value()


@register.filter
def widget_kind(bound_field) -> str:
    """How the filter form draws a field: "range", "checkboxes", "radios", "flag" or "input"."""
    from django import forms
    from django_filters.widgets import DateRangeWidget

    from core.filters import CheckboxFlag

    widget = bound_field.field.widget
    if isinstance(widget, DateRangeWidget):
        return "range"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, CheckboxFlag):
        return "flag"
    return "input"


@register.filter
def has_value(bound_field) -> bool:
    value = bound_field.value()
    if isinstance(value, list | tuple):
        return any(value)
    return bool(value)


@register.filter
def public_name(victim) -> str:
    return victim.public_name


@register.filter
def category_label(code) -> str:
    from facilities.models import FacilityCategory

    return FacilityCategory(code).label if code in FacilityCategory.values else code


@register.filter
def class_label(code) -> str:
    from victims.models import ReportClass

    return ReportClass(code).label if code in ReportClass.values else code


@register.filter
def last_month(months) -> str:
    return format_date(months[-1]["month"], "F Y") if months else ""


@register.simple_tag
def range_inputs(bound_field):
    """The two date boxes of a ``date_after`` / ``date_before`` range, each with its own label."""
    data = bound_field.form.data
    parts = []
    for suffix, label in (("after", _("From")), ("before", _("To"))):
        name = f"{bound_field.html_name}_{suffix}"
        parts.append(
            format_html(
                '<label for="id_{name}">{label}</label>'
                '<input type="date" name="{name}" id="id_{name}" value="{value}"{invalid}>',
                name=name,
                label=label,
                value=data.get(name, ""),
                invalid=mark_safe(' aria-invalid="true"') if bound_field.errors else "",
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 (parts built with format_html)


@register.simple_tag
def choice_inputs(bound_field):
    """Each checkbox or radio button of ``bound_field`` inside its label.

    One tag for the whole group rather than a loop of template nodes per
    option; the inputs come from the form's renderer, as ``{{ choice.tag }}``.
    """
    return mark_safe(  # noqa: S308 (the inputs are safe HTML; id and label escaped)
        "".join(
            f'<label class="choice" for="{conditional_escape(choice.id_for_label)}">'
            f"{choice.tag()} {conditional_escape(choice.choice_label)}</label>"
            for choice in bound_field
        )
    )


@register.simple_tag
def datalist_options(pairs):
    """The <option>s of a datalist from (value, text) pairs of plain strings (hundreds of places)."""
    return mark_safe(  # noqa: S308 (both parts escaped)
        "".join(f'<option value="{html.escape(value)}">{html.escape(text)}</option>' for value, text in pairs)
    )
