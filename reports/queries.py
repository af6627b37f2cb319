"""Counting by the rules of domain.md (rule 4), aggregated in SQL.

- An attack counts once, under its incident's primary party (or
  "unattributed") and its facility's category.
- A victim counts once (duplicates excluded), under the report class of the
  role and under the incident's primary party, or the victim's own party when
  there is no incident.
- Undetermined parties keep their own rows; nothing is split or summed across
  shared responsibility. A parent's row adds up its sub-parties.

Every base queryset is a public list's FilterSet applied to the list's own
parameters (``list_params``), so each number is what the list shows for the
same link.
"""

import datetime
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

from django.db import DatabaseError
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear, TruncMonth
from django.http import QueryDict
from django.utils.http import urlencode

from core.filters import EARLIEST_DATE
from facilities.models import Facility, FacilityCategory, Place, category_expression, category_of
from incidents.filters import AttackFilterSet, IncidentFilterSet
from incidents.models import Attack, Incident, Perpetrator, PerpetratorTree
from victims.filters import DEATHS, VictimFilterSet
from victims.models import CHILD_AGE_LIMIT, ReportClass, Sex, Victim, report_class_expression

from . import tallies as tally_cells
from .parties import with_counted_party, with_party
from .tallies import add_months

logger = logging.getLogger(__name__)
UNATTRIBUTED = "unattributed"
MAX_REPEAT_FACILITIES = 50


@dataclass(frozen=True)
class Period:
    first: datetime.date
    last: datetime.date
    governorate: Place | None = None

    def list_params(self, **extra) -> QueryDict:
        """Query parameters of the public lists for this period (and ``extra`` filters)."""
        params = QueryDict(mutable=True)
        for key, value in self.list_pairs(**extra):
            params.appendlist(key, value)
        return params

    def list_query(self, **extra) -> str:
        """``list_params(**extra).urlencode()``, without building a QueryDict (a report links
        every one of its numbers)."""
        more = "&".join([encoded_pair(key, value) for key, value in self.extra_pairs(extra)])
        return f"{self.period_query}&{more}" if more else self.period_query

    @cached_property
    def period_query(self) -> str:
        return urlencode(self.list_pairs())

    def list_pairs(self, **extra) -> list[tuple[str, str]]:
        pairs = [("date_after", self.first.isoformat()), ("date_before", self.last.isoformat())]
        if self.governorate is not None:
            pairs.append(("governorate", self.governorate.pcode or str(self.governorate.pk)))
        return pairs + self.extra_pairs(extra)

    @staticmethod
    def extra_pairs(extra: dict) -> list[tuple[str, str]]:
        pairs = []
        for key, value in extra.items():
            if isinstance(value, (list, tuple)):
                pairs.extend((key, str(v)) for v in value)
            elif value is not None:
                pairs.append((key, str(value)))
        return pairs


@lru_cache(maxsize=4096)
def encoded_pair(key: str, value: str) -> str:
    """``urlencode([(key, value)])``: a report's links repeat a few dozen pairs hundreds of times."""
    return urlencode([(key, value)])


def filtered(filterset_class, queryset, params: QueryDict):
    filterset = filterset_class(params, queryset=queryset)
    if not filterset.is_valid():
        raise ValueError(filterset.errors)
    return filterset.qs


def killed_victims(period: Period):
    """Public, counted victims killed (or tortured to death) in the period."""
    params = period.list_params(harm=list(DEATHS))
    return filtered(VictimFilterSet, Victim.objects.public().counted(), params)


def attacks(period: Period):
    return filtered(AttackFilterSet, Attack.objects.public(), period.list_params())


def incidents(period: Period):
    return filtered(IncidentFilterSet, Incident.objects.public(), period.list_params())


def victims_by_party(victims) -> dict:
    """{party id or None: Counter({(report class, sex): n, (report class, "child"): n})}."""
    rows = (
        with_counted_party(victims.order_by())
        .annotate(report_class=report_class_expression())
        .values("party", "report_class", "sex")
        .annotate(n=Count("pk"), children=Count("pk", filter=Q(age__lt=CHILD_AGE_LIMIT)))
    )
    counts: dict = defaultdict(Counter)
    for row in rows:
        counts[row["party"]][(row["report_class"], row["sex"])] += row["n"]
        counts[row["party"]][(row["report_class"], "child")] += row["children"]
    return counts


def attacks_by_party(attack_rows) -> dict:
    """{party id or None: Counter({category: n})}."""
    rows = (
        with_party(attack_rows.order_by(), "incident__attributions")
        .annotate(category=category_expression("facility__kind"))
        .values("party", "category")
        .annotate(n=Count("pk"))
    )
    counts: dict = defaultdict(Counter)
    for row in rows:
        counts[row["party"]][row["category"]] += row["n"]
    return counts


# Party hierarchy


@dataclass
class PartyRow:
    party: Perpetrator | None  # None: unattributed
    depth: int
    own: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)

    @property
    def code(self) -> str:
        return self.party.code if self.party else UNATTRIBUTED

    @property
    def parent_code(self) -> str:
        return self.party.parent.code if self.party and self.party.parent_id else ""


def party_tree(parties: list[Perpetrator], counts: dict, *, keep_empty: bool = False) -> list[PartyRow]:
    """Rows in hierarchy order, each with its own and rolled-up counts; empty branches left out.

    Siblings come largest first; "unattributed" is the last row.
    """
    by_parent = PerpetratorTree(parties).children

    def build(parent_id, depth) -> list[tuple[PartyRow, list]]:
        branches = []
        for party in by_parent.get(parent_id, []):
            row = PartyRow(party=party, depth=depth, own=Counter(counts.get(party.pk, {})))
            children = build(party.pk, depth + 1)
            row.total = row.own + sum((child.total for child, _sub in children), Counter())
            if keep_empty or sum(row.total.values()):
                branches.append((row, children))
        branches.sort(key=lambda branch: (-sum(branch[0].total.values()), branch[0].party.name))
        return branches

    def flatten(branches) -> list[PartyRow]:
        rows = []
        for row, children in branches:
            rows.append(row)
            rows.extend(flatten(children))
        return rows

    rows = flatten(build(None, 0))
    unattributed = Counter(counts.get(None, {}))
    if sum(unattributed.values()):
        rows.append(PartyRow(party=None, depth=0, own=unattributed, total=unattributed))
    return rows


def parties_with_parents() -> list[Perpetrator]:
    # Not the search text, which no page shows.
    parties = Perpetrator.objects.public().select_related("parent")
    parties = parties.defer("search_text", "parent__search_text")
    return list(parties.order_by("name"))


# The period report


@dataclass
class Report:
    period: Period
    victim_rows: list[PartyRow]
    victim_classes: list[str]
    attack_rows: list[PartyRow]
    attack_categories: list[str]
    victims_total: Counter
    attacks_total: Counter
    repeat_facilities: dict
    months: list[dict]
    parties: list[Perpetrator] = field(repr=False)
    victim_counts: dict = field(repr=False)
    attack_counts: dict = field(repr=False)

    @cached_property
    def tidy(self) -> list[dict]:
        """The download's rows (worked out for a download only, not for the page)."""
        return tidy_rows(self.parties, self.victim_counts, self.attack_counts)


def use_tallies(tallies: bool | None) -> bool:
    """Pre-counted cells on PostgreSQL (``reports.tallies``), unless told otherwise.

    Chosen automatically (``None``), a recount that fails in the database (a lock or statement
    timeout, a missing privilege) is logged and the report is counted from the records instead:
    slower, never wrong, never an error page.
    """
    if tallies is False:
        return False
    if tallies is None:
        if not tally_cells.enabled():
            return False
        try:
            tally_cells.refresh()
        except DatabaseError:
            logger.exception("Report tallies could not be recounted; counting from the records")
            return False
        return True
    tally_cells.refresh()
    return True


def build_report(period: Period, *, tallies: bool | None = None) -> Report:
    """The period's numbers; ``tallies=False`` counts from the records even on PostgreSQL."""
    tallies = use_tallies(tallies)
    parties = parties_with_parents()
    if tallies:
        victim_counts, attack_counts = tallied_counts(period)
    else:
        victim_counts = victims_by_party(killed_victims(period))
        attack_counts = attacks_by_party(attacks(period))
    victims_total = sum(victim_counts.values(), Counter())
    attacks_total = sum(attack_counts.values(), Counter())
    classes = [c for c in ReportClass.values if any(victims_total[(c, s)] for s in Sex.values)]
    categories = [c for c in FacilityCategory.values if attacks_total[c]]
    return Report(
        period=period,
        victim_rows=party_tree(parties, victim_counts),
        victim_classes=classes,
        attack_rows=party_tree(parties, attack_counts),
        attack_categories=categories,
        victims_total=victims_total,
        attacks_total=attacks_total,
        repeat_facilities=repeat_facilities(period, tallies=tallies),
        months=monthly_counts(period, tallies=tallies),
        parties=parties,
        victim_counts=victim_counts,
        attack_counts=attack_counts,
    )


def tallied_counts(period: Period) -> tuple[dict, dict]:
    """What ``victims_by_party`` and ``attacks_by_party`` give, summed from the cells."""
    victim_counts: dict = defaultdict(Counter)
    for row in tally_cells.killed_by_party(period):
        victim_counts[row["party_id"]][(row["category"], row["sex"])] += row["total"]
        victim_counts[row["party_id"]][(row["category"], "child")] += row["of_children"]
    attack_counts: dict = defaultdict(Counter)
    for row in tally_cells.attacks_by_party(period):
        attack_counts[row["party_id"]][row["category"]] += row["total"]
    return victim_counts, attack_counts


def tidy_rows(parties, victim_counts, attack_counts) -> list[dict]:
    """The download of interfaces.md: exact primary party, no roll-up."""
    by_id = {p.pk: p for p in parties}

    def party_codes(party_id):
        party = by_id.get(party_id)
        if party is None:
            return UNATTRIBUTED, ""
        return party.code, party.parent.code if party.parent_id else ""

    rows = []
    for party_id, counter in sorted(victim_counts.items(), key=lambda item: party_codes(item[0])):
        code, parent = party_codes(party_id)
        for (report_class, sex), n in sorted(counter.items()):
            if sex != "child" and n:
                rows.append(
                    dict(
                        table="victims_killed",
                        perpetrator=code,
                        parent_perpetrator=parent,
                        category=report_class,
                        sex=sex,
                        count=n,
                    )
                )
    for party_id, counter in sorted(attack_counts.items(), key=lambda item: party_codes(item[0])):
        code, parent = party_codes(party_id)
        for category, n in sorted(counter.items()):
            if n:
                rows.append(
                    dict(
                        table="attacks",
                        perpetrator=code,
                        parent_perpetrator=parent,
                        category=category,
                        sex="",
                        count=n,
                    )
                )
    return rows


def repeat_facilities(
    period: Period, limit: int = MAX_REPEAT_FACILITIES, *, tallies: bool | None = None
) -> dict:
    """Facilities attacked more than once in the period: how many, and the most attacked ones.
    ``tallies``: None chooses (and recounts) as ``use_tallies``; a bool is the caller's choice,
    made after its own recount."""
    if use_tallies(tallies) if tallies is None else tallies:
        top, total = tally_cells.repeated_facilities(period, limit)
        # The tallied attack ids as a subquery: the attacks are read in the same statement.
        facts = tally_cells.facts(period).filter(facility_id__in=[row["facility"] for row in top])
        shown = Attack.objects.filter(pk__in=facts.values("attack_id"))
    else:
        period_attacks = attacks(period)
        repeated = period_attacks.order_by().values("facility").annotate(n=Count("pk")).filter(n__gt=1)
        top, total = list(repeated.order_by("-n", "facility")[:limit]), None
        shown = period_attacks.filter(facility__in=[row["facility"] for row in top])
    ids = [row["facility"] for row in top]
    facilities = {
        row[0]: RepeatFacility(*row)
        for row in Facility.objects.public().filter(pk__in=ids).values_list("pk", "code", "name", "kind")
    }
    entries = {pk: {"facility": facilities[pk], "attacks": []} for pk in ids}
    # Only what the report shows of each attack: its incident's code and date (values: up to
    # a few hundred attacks, no model instances).
    shown = shown.order_by("incident__date", "pk").values_list(
        "facility_id", "pk", "incident__code", "incident__date", "incident__date_precision"
    )
    for facility_id, *attack in shown:
        entries[facility_id]["attacks"].append(ShownAttack(*attack))
    return {"total": repeated.count() if total is None else total, "entries": list(entries.values())}


class RepeatFacility(NamedTuple):
    """What the report shows of a repeatedly attacked facility."""

    pk: int
    code: str
    name: str
    kind: str

    @property
    def category(self) -> str:
        """As ``Facility.category``."""
        return category_of(self.kind)


class ShownAttack(NamedTuple):
    """What the report shows of one attack on a repeatedly attacked facility."""

    pk: int
    incident_code: str
    date: datetime.date
    date_precision: str


def repeat_facility_counts(period: Period):
    """Every facility attacked more than once in the period, with its count (for the XLSX)."""
    return (
        attacks(period)
        .order_by()
        .values("facility__code", "facility__name", "facility__kind")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by("-n", "facility__name")
    )


def chart_months(period: Period) -> tuple[datetime.date, datetime.date]:
    """At least the twelve months up to the period's end, for context (none before the earliest
    date a list accepts)."""
    start = period.first.replace(day=1)
    earliest = add_months(period.last.replace(day=1), -11)
    return max(min(start, earliest), EARLIEST_DATE), period.last


def monthly_counts(period: Period, *, tallies: bool | None = None) -> list[dict]:
    first, last = chart_months(period)
    span = Period(first=first, last=last, governorate=period.governorate)
    if use_tallies(tallies) if tallies is None else tallies:
        counted = tally_cells.by_month(span)
        attacks_by_month = {_month_key(m): n for m, n in counted[tally_cells.Measure.ATTACKS].items()}
        victims_by_month = {_month_key(m): n for m, n in counted[tally_cells.Measure.KILLED].items()}
    else:
        attack_rows = (
            attacks(span)
            .order_by()
            .annotate(month=TruncMonth("incident__date"))
            .values("month")
            .annotate(n=Count("pk"))
        )
        victim_rows = (
            killed_victims(span)
            .order_by()
            .annotate(month=TruncMonth("date_of_harm"))
            .values("month")
            .annotate(n=Count("pk"))
        )
        attacks_by_month = {_month_key(r["month"]): r["n"] for r in attack_rows}
        victims_by_month = {_month_key(r["month"]): r["n"] for r in victim_rows}
    months, month = [], first.replace(day=1)
    while month <= last:
        key = (month.year, month.month)
        months.append(
            {"month": month, "attacks": attacks_by_month.get(key, 0), "killed": victims_by_month.get(key, 0)}
        )
        month = add_months(month, 1)
    return months


def _month_key(value) -> tuple[int, int]:
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    return value.year, value.month


# Party pages


def party_totals(parties: list[Perpetrator]) -> dict:
    """All-time {party id or None: Counter(incidents=, attacks=, killed=)}, by primary party."""
    counts: dict = defaultdict(Counter)
    tallies = {
        "incidents": with_party(Incident.objects.public().order_by(), "attributions"),
        "attacks": with_party(Attack.objects.public().order_by(), "incident__attributions"),
        "killed": with_counted_party(Victim.objects.public().counted().filter(harm__in=DEATHS).order_by()),
    }
    for key, queryset in tallies.items():
        for row in queryset.values("party").annotate(n=Count("pk")):
            counts[row["party"]][key] += row["n"]
    return counts


def party_by_year(party: Perpetrator, ids: list[int]) -> list[dict]:
    """Per year: incidents, attacks by facility category, victims killed by report class (sub-parties in)."""
    years: dict = defaultdict(lambda: {"incidents": 0, "attacks": Counter(), "killed": Counter()})
    incident_rows = (
        Incident.objects.public()
        .filter(attributions__primary=True, attributions__perpetrator_id__in=ids)
        .order_by()
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(n=Count("pk"))
    )
    for row in incident_rows:
        years[row["year"]]["incidents"] = row["n"]
    attack_rows = (
        Attack.objects.public()
        .filter(incident__attributions__primary=True, incident__attributions__perpetrator_id__in=ids)
        .order_by()
        .annotate(year=ExtractYear("incident__date"), category=category_expression("facility__kind"))
        .values("year", "category")
        .annotate(n=Count("pk"))
    )
    for row in attack_rows:
        years[row["year"]]["attacks"][row["category"]] += row["n"]
    victim_rows = (
        with_counted_party(
            Victim.objects.public().counted().filter(harm__in=DEATHS, date_of_harm__isnull=False)
        )
        .filter(party__in=ids)
        .order_by()
        .annotate(year=ExtractYear("date_of_harm"), report_class=report_class_expression())
        .values("year", "report_class")
        .annotate(n=Count("pk"))
    )
    for row in victim_rows:
        years[row["year"]]["killed"][row["report_class"]] += row["n"]
    return [
        {
            "year": year,
            "incidents": years[year]["incidents"],
            "attacks": sorted(years[year]["attacks"].items()),
            "killed": sorted(years[year]["killed"].items()),
        }
        for year in sorted(years, reverse=True)
    ]


def latest_public_month() -> datetime.date:
    """First day of the month of the latest public incident (this month when there is none)."""
    latest = Incident.objects.public().order_by("-date").values_list("date", flat=True).first()
    return (latest or datetime.date.today()).replace(day=1)
