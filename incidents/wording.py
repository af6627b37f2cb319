"""Incident dates in words, honest about their precision, and the wording of one page's rows."""

from django.template.defaultfilters import date as format_date
from django.utils.formats import localize
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from core.bilingual import Text
from core.wording import PageWording

from .choices import DatePrecision, Weapon

# "4 barrel bombs": how a count of one weapon reads (Munition), each with its plural forms (six
# in Arabic). The number is ``%(count)s``.
MUNITION_PHRASES = {
    Weapon.FIXED_WING_AIRCRAFT: ngettext_lazy(
        "%(count)s air strike by fixed-wing aircraft", "%(count)s air strikes by fixed-wing aircraft", "count"
    ),
    Weapon.HELICOPTER: ngettext_lazy("%(count)s helicopter strike", "%(count)s helicopter strikes", "count"),
    Weapon.BARREL_BOMB: ngettext_lazy("%(count)s barrel bomb", "%(count)s barrel bombs", "count"),
    Weapon.DRONE: ngettext_lazy("%(count)s drone strike", "%(count)s drone strikes", "count"),
    Weapon.MISSILE: ngettext_lazy("%(count)s missile", "%(count)s missiles", "count"),
    Weapon.ROCKET: ngettext_lazy("%(count)s rocket", "%(count)s rockets", "count"),
    Weapon.ARTILLERY: ngettext_lazy("%(count)s artillery shell", "%(count)s artillery shells", "count"),
    Weapon.MORTAR: ngettext_lazy("%(count)s mortar shell", "%(count)s mortar shells", "count"),
    Weapon.ANTI_AIRCRAFT_GUN: ngettext_lazy(
        "%(count)s attack with anti-aircraft guns", "%(count)s attacks with anti-aircraft guns", "count"
    ),
    Weapon.CLUSTER_MUNITION: ngettext_lazy(
        "%(count)s cluster munition attack", "%(count)s cluster munition attacks", "count"
    ),
    Weapon.INCENDIARY: ngettext_lazy(
        "%(count)s incendiary weapon attack", "%(count)s incendiary weapon attacks", "count"
    ),
    Weapon.IED: ngettext_lazy(
        "%(count)s improvised explosive device", "%(count)s improvised explosive devices", "count"
    ),
    Weapon.VEHICLE_BOMB: ngettext_lazy("%(count)s vehicle bomb", "%(count)s vehicle bombs", "count"),
    Weapon.FIREARMS: ngettext_lazy(
        "%(count)s attack with firearms", "%(count)s attacks with firearms", "count"
    ),
    Weapon.CHEMICAL: ngettext_lazy(
        "%(count)s chemical weapon attack", "%(count)s chemical weapon attacks", "count"
    ),
    Weapon.OTHER: ngettext_lazy(
        "%(count)s strike by another weapon", "%(count)s strikes by other weapons", "count"
    ),
    Weapon.UNKNOWN: ngettext_lazy(
        "%(count)s strike by an unknown weapon", "%(count)s strikes by unknown weapons", "count"
    ),
}
WEAPON_ORDER = {code: position for position, code in enumerate(Weapon.values)}


def munition_phrase(weapon: str, count: int) -> str:
    """ "4 barrel bombs", "1 cluster munition attack": plain text in the active language, with the
    plural form the language gives ``count``."""
    return str(MUNITION_PHRASES[weapon] % {"count": count})


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
