"""Pre-counted report numbers ("tallies"), kept on PostgreSQL only.

They are a cache of what ``reports.queries`` counts from the records, never a
source: every number is counted by the same querysets as the public lists, per
day, and rebuilt for a day as soon as anything that could change it is
written. Database triggers (SQL in the reports migrations; see ``reports.tallies``) note the days a
write touches in ``StaleDay`` whatever the write path (a model's ``save()``,
``update()``, ``bulk_create()``, an import, raw SQL, ``COPY``); the next
report recounts those days first. Nothing is entered by hand.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Measure(models.TextChoices):
    KILLED = "killed", _("Victims killed")
    INJURED = "injured", _("Victims injured")
    ATTACKS = "attacks", _("Attacks on facilities")
    MUNITIONS = "munitions", _("Munitions")
    CASUALTIES = "casualties", _("Casualties (incident counts)")


class ReportCell(models.Model):
    """How many victims killed or injured, attacks, munitions or casualties one day (or one month,
    or one year) gave, by party, governorate, category, kind, sex and age group: the numbers of
    ``reports.queries`` before the party roll-up."""

    start = models.DateField(_("day or first day of the month"))
    monthly = models.BooleanField(_("whole month"))
    # A whole year's cell (all places only) is also ``monthly`` (it starts on the first of a
    # month); the tallies write it as a sum of the year's month cells. Raw inserts that leave it
    # out write a day or a month.
    yearly = models.BooleanField(_("whole year"), default=False, db_default=False)
    measure = models.CharField(_("measure"), max_length=10, choices=Measure.choices)
    # True: summed over every place (the reports without a governorate). False: one governorate's
    # (None: records without one).
    all_places = models.BooleanField(_("all places"))
    # Plain ids, not foreign keys: a cell is a count, it holds nothing up and protects nothing.
    governorate_id = models.BigIntegerField(_("governorate"), null=True)
    party_id = models.BigIntegerField(_("primary party"), null=True)
    # Report class of the victims' role, facility category of the attacks, weapon of the
    # munitions, "killed" or "injured" of the casualties.
    category = models.CharField(_("category"), max_length=40)
    kind = models.CharField(_("facility kind"), max_length=40, blank=True)
    sex = models.CharField(_("sex"), max_length=20, blank=True)
    age_group = models.CharField(_("age group"), max_length=10, blank=True)
    n = models.PositiveBigIntegerField(_("count"))

    class Meta:
        verbose_name = _("report cell")
        verbose_name_plural = _("report cells")
        default_permissions = ()
        indexes = [
            models.Index(
                fields=["measure", "all_places", "monthly", "yearly", "start"], name="report_cell_span"
            )
        ]

    def __str__(self):
        return f"{self.start} {self.measure} {self.category}: {self.n}"


class AttackFact(models.Model):
    """One public attack, with what the report's "attacked more than once" and "facilities
    attacked" tables need (distinct facilities do not add up over days or sub-parties)."""

    attack_id = models.BigIntegerField(_("attack"), primary_key=True)
    day = models.DateField(_("day"))
    governorate_id = models.BigIntegerField(_("governorate"), null=True)
    facility_id = models.BigIntegerField(_("facility"))
    party_id = models.BigIntegerField(_("primary party"), null=True)
    kind = models.CharField(_("facility kind"), max_length=40, default="")

    class Meta:
        verbose_name = _("attack fact")
        verbose_name_plural = _("attack facts")
        default_permissions = ()
        indexes = [models.Index(fields=["day", "facility_id"], name="attack_fact_day")]

    def __str__(self):
        return f"attack {self.attack_id} on {self.day}"


class FacilityScope(models.TextChoices):
    EXACT = "exact", _("by the exact primary party")
    ROLLED = "rolled", _("by the party and its sub-parties")
    ALL = "all", _("by anyone")


class CalendarTally(models.Model):
    """A number of one calendar month or year (``yearly``), everywhere (``all_places``) or in one
    governorate (None: records without one), read by ``reports.tallies.unit_tallies``."""

    start = models.DateField(_("first day of the month or year"))
    yearly = models.BooleanField(_("whole year"))
    all_places = models.BooleanField(_("all places"))
    governorate_id = models.BigIntegerField(_("governorate"), null=True)

    class Meta:
        abstract = True


class FacilityTally(CalendarTally):
    """How many distinct facilities of a kind were attacked in one calendar month or year, by a
    party (exactly, or with its sub-parties) or by anyone, in a governorate or everywhere.

    Distinct facilities do not add up over days, months or sub-parties, so they are counted
    from the attack facts for the units reports are made of (a month, a year); any other
    period is counted from the facts when it is read."""

    scope = models.CharField(_("scope"), max_length=6, choices=FacilityScope.choices)
    # None: unattributed (exact scope) or anyone (all scope).
    party_id = models.BigIntegerField(_("party"), null=True)
    kind = models.CharField(_("facility kind"), max_length=40)
    n = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("facilities attacked tally")
        verbose_name_plural = _("facilities attacked tallies")
        default_permissions = ()
        indexes = [
            models.Index(
                fields=["start", "yearly", "all_places", "governorate_id"], name="facility_tally_lookup"
            )
        ]

    def __str__(self):
        return f"{self.start} {self.scope} {self.kind}: {self.n}"


class RepeatedFacility(CalendarTally):
    """A facility attacked more than once in one calendar month or year (in a governorate or
    everywhere), with how often: the report's "attacked more than once" for those periods."""

    facility_id = models.BigIntegerField(_("facility"))
    n = models.PositiveIntegerField(_("attacks"))

    class Meta:
        verbose_name = _("facility attacked more than once")
        verbose_name_plural = _("facilities attacked more than once")
        default_permissions = ()
        indexes = [
            models.Index(
                fields=["start", "yearly", "all_places", "governorate_id", "-n", "facility_id"],
                name="repeated_facility_lookup",
            )
        ]

    def __str__(self):
        return f"{self.start} facility {self.facility_id}: {self.n}"


class StaleDay(models.Model):
    """A day whose tallies must be recounted; ``date.min`` means every day, and the day after it
    (``reports.tallies.PARTY_TREE``) that a party moved in the parties' tree (the facility tallies
    of every month and year are recounted then).

    Not unique on purpose: a trigger that had to wait for another transaction's note of the
    same day (a unique index makes it wait) could deadlock two documenters' saves. A day noted
    twice is recounted once.
    """

    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("stale day")
        verbose_name_plural = _("stale days")
        default_permissions = ()

    def __str__(self):
        return str(self.day)
