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
from django.db.models import CharField, Count, F, Sum, Value
from django.db.models.functions import ExtractYear, TruncMonth
from django.http import QueryDict
from django.utils.http import urlencode

from core.filters import EARLIEST_DATE
from facilities.models import Facility, Place, category_expression, category_of
from incidents.filters import AttackFilterSet, IncidentFilterSet
from incidents.models import Attack, Incident, Munition, Perpetrator, PerpetratorTree
from victims.filters import DEATHS, VictimFilterSet
from victims.models import Harm, Victim, age_group_expression, report_class_expression

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


def injured_victims(period: Period):
    """Public, counted victims injured (and not killed: a victim has one harm) in the period."""
    params = period.list_params(harm=[Harm.INJURED])
    return filtered(VictimFilterSet, Victim.objects.public().counted(), params)


def attacks(period: Period):
    return filtered(AttackFilterSet, Attack.objects.public(), period.list_params())


def incidents(period: Period):
    return filtered(IncidentFilterSet, Incident.objects.public(), period.list_params())


# The tables of the tidy download (interfaces.md), each counted by (category, kind, sex, age group)
VICTIMS_KILLED, VICTIMS_INJURED = "victims_killed", "victims_injured"
ATTACKS, FACILITIES_ATTACKED = "attacks", "facilities_attacked"
MUNITIONS, CASUALTIES = "munitions", "casualties"
TABLES = (VICTIMS_KILLED, VICTIMS_INJURED, ATTACKS, FACILITIES_ATTACKED, MUNITIONS, CASUALTIES)
TABLE_OF_MEASURE = {
    tally_cells.Measure.KILLED: VICTIMS_KILLED,
    tally_cells.Measure.INJURED: VICTIMS_INJURED,
    tally_cells.Measure.ATTACKS: ATTACKS,
    tally_cells.Measure.MUNITIONS: MUNITIONS,
    tally_cells.Measure.CASUALTIES: CASUALTIES,
}
#: The ``rolled`` key of the facilities attacked by anyone.
ALL_PARTIES = "all"
KEY_FIELDS = ("category", "kind", "sex", "age_group")
BLANK = Value("", output_field=CharField())


class Key(NamedTuple):
    """What a number counts, besides its party (the tidy table's columns)."""

    category: str
    kind: str = ""
    sex: str = ""
    age_group: str = ""


def new_counts() -> dict[str, dict]:
    return {table: defaultdict(Counter) for table in TABLES}


def _grouped(queryset, n, **keys):
    """``queryset`` by party and ``keys`` (the ``Key`` fields; blank when not given), summed as ``n``."""
    annotated = queryset.order_by().annotate(**{f"r_{name}": keys.get(name, BLANK) for name in KEY_FIELDS})
    return annotated.values("party", *[f"r_{name}" for name in KEY_FIELDS]).annotate(n=n)


def record_counts(period: Period, parties: list[Perpetrator]) -> tuple[dict, dict]:
    """Every table counted from the records (the lists' querysets), and the facilities attacked
    under each party with its sub-parties (``rolled``)."""
    victim_keys = dict(category=report_class_expression(), sex=F("sex"), age_group=age_group_expression())
    period_incidents = incidents(period)
    hit = with_party(attacks(period), "incident__attributions").order_by()
    sources = [
        (VICTIMS_KILLED, _grouped(with_counted_party(killed_victims(period)), Count("pk"), **victim_keys)),
        (VICTIMS_INJURED, _grouped(with_counted_party(injured_victims(period)), Count("pk"), **victim_keys)),
        (
            ATTACKS,
            _grouped(
                hit,
                Count("pk"),
                category=category_expression("facility__kind"),
                kind=F("facility__kind"),
            ),
        ),
        (
            MUNITIONS,
            _grouped(
                with_party(
                    Munition.objects.public().filter(incident__in=period_incidents), "incident__attributions"
                ),
                Sum("count"),
                category=F("weapon"),
            ),
        ),
    ]
    for harm in (tally_cells.CASUALTY_KILLED, tally_cells.CASUALTY_INJURED):
        casualties = with_party(period_incidents, "attributions")
        sources.append(
            (
                CASUALTIES,
                _grouped(casualties, Sum(f"{harm}_count"), category=Value(harm, output_field=CharField())),
            )
        )
    counts = new_counts()
    for table, rows in sources:
        for row in rows:
            if row["n"]:
                key = Key(*[row[f"r_{name}"] for name in KEY_FIELDS])
                counts[table][row["party"]][key] += row["n"]
    triples = hit.values_list("party", "facility_id", "facility__kind").distinct()
    rolled = facilities_from_triples(parties, list(triples), counts[FACILITIES_ATTACKED])
    return counts, rolled


def facilities_from_triples(parties, triples, exact: dict) -> dict:
    """Distinct facilities from (party, facility, kind): into ``exact`` under each exact party;
    returned under each party and the parties above it, and under ``ALL_PARTIES``."""
    tree = PerpetratorTree(parties)
    seen: dict = defaultdict(set)
    for party, facility, kind in triples:
        exact[party][Key(category_of(kind), kind)] += 1
        seen[ALL_PARTIES].add((facility, kind))
        if party is not None:
            for above in ancestry(tree, party):
                seen[above].add((facility, kind))
    return {
        party: Counter(Key(category_of(kind), kind) for _facility, kind in found)
        for party, found in seen.items()
    }


def ancestry(tree: PerpetratorTree, party_id: int) -> list[int]:
    """``party_id`` and the ids of the parties above it."""
    party = tree.by_id[party_id]
    return [party_id, *[above.pk for above in tree.ancestors(party)]]


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


def party_tree(
    parties: list[Perpetrator], counts: dict, *, keep_empty: bool = False, rolled: dict | None = None
) -> list[PartyRow]:
    """Rows in hierarchy order, each with its own and rolled-up counts; empty branches left out.

    A row's total adds up its sub-parties' unless ``rolled`` gives it (distinct facilities do not
    add up). Siblings come largest first; "unattributed" is the last row.
    """
    by_parent = PerpetratorTree(parties).children

    def build(parent_id, depth) -> list[tuple[PartyRow, list]]:
        branches = []
        for party in by_parent.get(parent_id, []):
            row = PartyRow(party=party, depth=depth, own=Counter(counts.get(party.pk, {})))
            children = build(party.pk, depth + 1)
            if rolled is None:
                row.total = Counter(row.own)
                for child, _sub in children:
                    row.total.update(child.total)
            else:
                row.total = Counter(rolled.get(party.pk, {}))
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
    #: {table: {party id or None: Counter({Key: n})}}, by exact primary party (the download's).
    counts: dict
    #: {party id or ALL_PARTIES: Counter({Key: n})}: distinct facilities attacked by the party and
    #: its sub-parties, or by anyone.
    rolled_facilities: dict
    parties: list[Perpetrator] = field(repr=False)
    repeat_facilities: dict = field(default_factory=dict)
    months: list[dict] = field(default_factory=list)

    @cached_property
    def rows(self) -> dict[str, list[PartyRow]]:
        """Each table's party rows, sub-parties rolled up."""
        rows = {table: party_tree(self.parties, self.counts[table]) for table in TABLES}
        rows[FACILITIES_ATTACKED] = party_tree(
            self.parties, self.counts[FACILITIES_ATTACKED], rolled=self.rolled_facilities
        )
        return rows

    @cached_property
    def totals(self) -> dict[str, Counter]:
        """Each table's numbers over every party."""
        totals = {table: Counter() for table in self.counts}
        for table, by_party in self.counts.items():
            for counter in by_party.values():
                totals[table].update(counter)
        totals = {table: +total for table, total in totals.items()}  # as a sum of Counters: no zeros
        totals[FACILITIES_ATTACKED] = Counter(self.rolled_facilities.get(ALL_PARTIES, {}))
        return totals

    @cached_property
    def tidy(self) -> list[dict]:
        """The download's rows (worked out for a download only, not for the page)."""
        return tidy_rows(self.parties, self.counts)


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


def build_report(period: Period, *, tallies: bool | None = None, details: bool = True) -> Report:
    """The period's numbers; ``tallies=False`` counts from the records even on PostgreSQL.
    Without ``details``, only the tables (no repeatedly attacked facilities, no monthly chart)."""
    tallies = use_tallies(tallies)
    parties = parties_with_parents()
    if tallies:
        counts, rolled = tallied_counts(period, parties)
    else:
        counts, rolled = record_counts(period, parties)
    report = Report(period=period, counts=counts, rolled_facilities=rolled, parties=parties)
    if details:
        report.repeat_facilities = repeat_facilities(period, tallies=tallies)
        report.months = monthly_counts(period, tallies=tallies)
    return report


def tallied_counts(period: Period, parties: list[Perpetrator]) -> tuple[dict, dict]:
    """What ``record_counts`` gives, summed from the cells and the attack facts."""
    counts = new_counts()
    by_measure = {measure: counts[table] for measure, table in TABLE_OF_MEASURE.items()}
    key = Key._make
    # One row per measure, party and key (the cells are summed by them): thousands for a year.
    for row in tally_cells.counts(period):
        by_measure[row[0]][row[1]][key(row[2:6])] = row[6]
    tree = PerpetratorTree(parties)
    parents = [party.pk for party in parties if party.pk in tree.children]
    pairs = [(pk, parent) for parent in parents for pk in tree.descendant_ids(tree.by_id[parent])]
    exact, rolled = counts[FACILITIES_ATTACKED], defaultdict(Counter)
    for scope, party, kind, n in tally_cells.facilities_attacked(period, pairs):
        key = Key(category_of(kind), kind)
        if scope == "exact":
            exact[party][key] += n
        else:
            rolled[ALL_PARTIES if scope == ALL_PARTIES else party][key] += n
    # A party without sub-parties: its own facilities.
    for party in parties:
        if party.pk not in tree.children and party.pk in exact:
            rolled[party.pk] = exact[party.pk]
    return counts, rolled


def tidy_rows(parties, counts: dict) -> list[dict]:
    """The download of interfaces.md: exact primary party, no roll-up."""
    by_id = {p.pk: p for p in parties}

    def party_codes(party_id):
        party = by_id.get(party_id)
        if party is None:
            return UNATTRIBUTED, ""
        return party.code, party.parent.code if party.parent_id else ""

    rows = []
    for table in TABLES:
        for party_id, counter in sorted(counts[table].items(), key=lambda item: party_codes(item[0])):
            code, parent = party_codes(party_id)
            for key, n in sorted(counter.items()):
                if n:
                    rows.append(
                        dict(
                            table=table, perpetrator=code, parent_perpetrator=parent, count=n, **key._asdict()
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
        .values("facility__code", "facility__name", "facility__kind", "facility__name_ar")
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
