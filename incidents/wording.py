"""Incident dates in words, honest about their precision, and the wording of one page's rows."""

from django.template.defaultfilters import date as format_date
from django.utils.formats import localize
from django.utils.translation import gettext as _

from core.bilingual import Text
from core.wording import PageWording

from .choices import DatePrecision


def short_date_text(date, precision) -> str:
    """Compact date for lists: "Jan 2018", "week of 8 Jan 2018" or "9 Jan 2018"."""
    if precision == DatePrecision.MONTH:
        return format_date(date, "F Y")
    if precision == DatePrecision.WEEK:
        return _("week of %(date)s") % {"date": format_date(date, "j M Y")}
    return format_date(date, "j M Y")


class IncidentWording(PageWording):
    """``PageWording`` with the incidents' dates."""

    def short_date(self, date, precision: str) -> str:
        """``{% short_date %}``, each distinct answer worked out once."""
        if precision in (DatePrecision.MONTH, DatePrecision.WEEK):
            return self.once((date, precision), lambda: short_date_text(date, precision))
        return self.day_month_year(date)

    def party(self, code: str, name: Text, certainty: str) -> dict:
        """What ``incidents/_attribution.html`` draws for the party ``code`` called ``name`` (with
        its language)."""
        return {"url": self.url("reports:perpetrator_detail", code), "name": name, "certainty": certainty}

    def casualties(self, killed: int, injured: int) -> str:
        """ "2 killed, 7 injured" (plain text, escaped by the template), or "" when nobody was."""
        if not (killed or injured):
            return ""
        return self.once(("casualties", killed, injured), lambda: casualties_text(killed, injured))


def casualties_text(killed: int, injured: int) -> str:
    """As ``{% blocktranslate %}`` writes it: the translation with the numbers localized."""
    return _("%(killed)s killed, %(injured)s injured") % {
        "killed": localize(killed),
        "injured": localize(injured),
    }
