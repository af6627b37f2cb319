"""Template tags in the incidents' vocabulary: dates with their precision, attributions."""

from django import template
from django.template.defaultfilters import date as format_date
from django.urls import reverse
from django.utils.translation import gettext as _

from core.bilingual import record_text
from incidents.choices import DatePrecision
from incidents.wording import short_date_text

register = template.Library()


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


@register.inclusion_tag("incidents/_attribution.html")
def attribution_phrase(attribution) -> dict:
    """ "by X" (confirmed), "believed to be X" (probable), "suspected to be X" (possible), X linked
    and named in the page's language (else the other, marked)."""
    party = attribution.perpetrator
    url = reverse("reports:perpetrator_detail", args=[party.code])
    return {"party": {"url": url, "name": record_text(party, "name"), "certainty": attribution.certainty}}
