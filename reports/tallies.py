"""Report numbers pre-counted per day and per month, on PostgreSQL (see ``reports.models``).

A year's report counted from the records aggregates about 100,000 victims and
30,000 attacks through four joins: half a second at SNHR scale. Counted once
per day into ``ReportCell`` (and per month, as sums of the days), the same
report sums a few thousand cells.

Correctness rests on two things, both tested in ``tests/reports/test_tallies.py``:

* The cells are counted by the very querysets the public lists filter with
  (``reports.queries``), restricted to a set of days; the report then adds up
  days and whole months.
* Triggers on every table a count depends on note in ``StaleDay`` the days a
  write touches: a victim's date of harm; an incident's date and its victims'
  days; the days of the incident an attribution or attack belongs to; the days
  of every attack on a facility whose kind changes; every day when a place
  moves (a new path can change governorates) or a table is truncated. They are
  statement-level triggers with transition tables, so they also see
  ``update()``, ``bulk_create()``, raw SQL and ``COPY``. ``refresh()`` recounts
  the stale days before every report, under a lock, in one transaction.

The triggers are SQL in migrations, never here, so a database runs what its
migrations installed: ``reports/migrations/0002_tally_triggers_reinstalled.py``
holds today's definitions (until a later migration replaces a function), and
``tests/core/test_triggers.py`` checks the database runs exactly those.

On SQLite (the small embedded default) reports are counted from the records.
"""

import datetime

from django.db import connection, transaction
from django.db.models import BigIntegerField, CharField, Count, F, Min, Q, Sum, Value
from django.db.models.functions import Cast, TruncMonth

from facilities.models import Place, PlaceLevel, category_expression
from incidents.models import Attack, Incident, Munition, Perpetrator
from victims.filters import DEATHS
from victims.models import Harm, Victim, age_group_expression, report_class_expression

from .models import AttackFact, FacilityScope, FacilityTally, Measure, RepeatedFacility, ReportCell, StaleDay
from .parties import with_counted_party, with_party

EVERYTHING = datetime.date.min
#: Noted by a trigger when a party moves in the tree: the facility tallies are recounted.
PARTY_TREE = EVERYTHING + datetime.timedelta(days=1)
LOCK_KEY = 604_729_118  # pg_advisory_xact_lock: one refresh at a time

CELLS = ReportCell._meta.db_table
FACTS = AttackFact._meta.db_table
STALE = StaleDay._meta.db_table
FACILITY_TALLIES = FacilityTally._meta.db_table
REPEATED = RepeatedFacility._meta.db_table
PARTIES = Perpetrator._meta.db_table
FACILITY_TALLY_COLUMNS = "start, yearly, all_places, governorate_id, scope, party_id, kind, n"
#: What a cell counts, besides its day and place.
GROUPS = "measure, party_id, category, kind, sex, age_group"
CELL_COLUMNS = f"start, monthly, all_places, governorate_id, {GROUPS}, n"
#: The categories of the casualties measure: the incidents' ``killed_count`` and ``injured_count``.
CASUALTY_KILLED, CASUALTY_INJURED = "killed", "injured"


def enabled() -> bool:
    return connection.vendor == "postgresql"


# --- counting ------------------------------------------------------------------------------


def _place_governorate_sql() -> tuple[str, list]:
    """Each place's governorate: the admin1 place whose path starts its own (the deepest one)."""
    places = Place._meta.db_table
    return (
        f"SELECT DISTINCT ON (p.id) p.id AS place_id, g.id AS governorate_id FROM {places} p "
        f"JOIN {places} g ON g.level = %s AND p.path LIKE g.path || '%%' "
        "ORDER BY p.id, length(g.path) DESC",
        [PlaceLevel.ADMIN1.value],
    )


def _by_day(queryset, day: str, days, attributions: str | None = None):
    """``queryset`` restricted to ``days`` (None: every day), with its party (through
    ``attributions``; a victim's own party without incident when None) and its day."""
    if days is not None:
        queryset = queryset.filter(**{f"{day}__in": days})
    queryset = queryset.order_by()
    counted = with_counted_party(queryset) if attributions is None else with_party(queryset, attributions)
    return counted.annotate(tally_day=F(day))


BLANK = Value("", output_field=CharField())
CELL_VALUES = ("tally_day", "tally_place", "party", "tally_category", "tally_kind", "tally_sex", "tally_age")


def victims_by_day(days, harms):
    """Victims with one of ``harms``, grouped as the cells are, on ``days`` (None: every day)."""
    victims = Victim.objects.public().counted().filter(harm__in=harms, date_of_harm__isnull=False)
    return (
        _by_day(victims, "date_of_harm", days)
        .annotate(
            tally_place=F("incident__place_id"),
            tally_category=report_class_expression(),
            tally_kind=BLANK,
            tally_sex=F("sex"),
            tally_age=age_group_expression(),
        )
        .values(*CELL_VALUES)
        .annotate(n=Count("pk"))
    )


def attacks_by_day(days):
    return (
        _by_day(Attack.objects.public(), "incident__date", days, "incident__attributions")
        .annotate(
            tally_place=F("incident__place_id"),
            tally_category=category_expression("facility__kind"),
            tally_kind=F("facility__kind"),
            tally_sex=BLANK,
            tally_age=BLANK,
        )
        .values(*CELL_VALUES)
        .annotate(n=Count("pk"))
    )


def munitions_by_day(days):
    return (
        _by_day(Munition.objects.public(), "incident__date", days, "incident__attributions")
        .annotate(
            tally_place=F("incident__place_id"),
            tally_category=F("weapon"),
            tally_kind=BLANK,
            tally_sex=BLANK,
            tally_age=BLANK,
        )
        .values(*CELL_VALUES)
        .annotate(n=Sum("count"))
    )


def casualties_by_day(days, harm: str):
    """The incidents' own ``killed_count`` or ``injured_count`` (``harm``), summed."""
    return (
        _by_day(Incident.objects.public(), "date", days, "attributions")
        .annotate(
            tally_place=F("place_id"),
            tally_category=Value(harm, output_field=CharField()),
            tally_kind=BLANK,
            tally_sex=BLANK,
            tally_age=BLANK,
        )
        .values(*CELL_VALUES)
        .annotate(n=Sum(f"{harm}_count"))
    )


def attack_facts(days):
    return (
        _by_day(Attack.objects.public(), "incident__date", days, "incident__attributions")
        .annotate(tally_attack=F("pk"), tally_place=F("incident__place_id"), tally_kind=F("facility__kind"))
        .values("tally_attack", "tally_day", "tally_place", "facility_id", "party", "tally_kind")
    )


def cell_sources(days) -> list[tuple[str, object]]:
    """Each measure's counting queryset on ``days``."""
    return [
        (Measure.KILLED, victims_by_day(days, DEATHS)),
        (Measure.INJURED, victims_by_day(days, [Harm.INJURED])),
        (Measure.ATTACKS, attacks_by_day(days)),
        (Measure.MUNITIONS, munitions_by_day(days)),
        (Measure.CASUALTIES, casualties_by_day(days, CASUALTY_KILLED)),
        (Measure.CASUALTIES, casualties_by_day(days, CASUALTY_INJURED)),
    ]


def _insert_cells(cursor, measure: str, queryset) -> None:
    sql, params = queryset.query.sql_with_params()
    places, place_params = _place_governorate_sql()
    cursor.execute(
        f"INSERT INTO {CELLS} ({CELL_COLUMNS}) "
        "SELECT s.tally_day, false, false, g.governorate_id, %s, s.party, s.tally_category, s.tally_kind, "
        "s.tally_sex, s.tally_age, SUM(s.n) "
        f"FROM ({sql}) s LEFT JOIN ({places}) g ON g.place_id = s.tally_place "
        "GROUP BY s.tally_day, g.governorate_id, s.party, s.tally_category, s.tally_kind, s.tally_sex, "
        "s.tally_age HAVING SUM(s.n) > 0",
        [measure, *params, *place_params],
    )


def _insert_facts(cursor, days) -> None:
    sql, params = attack_facts(days).query.sql_with_params()
    places, place_params = _place_governorate_sql()
    cursor.execute(
        f"INSERT INTO {FACTS} (attack_id, day, governorate_id, facility_id, party_id, kind) "
        "SELECT s.tally_attack, s.tally_day, g.governorate_id, s.facility_id, s.party, s.tally_kind "
        f"FROM ({sql}) s LEFT JOIN ({places}) g ON g.place_id = s.tally_place",
        [*params, *place_params],
    )


def _insert_sums(cursor, days, months, years) -> None:
    """Day cells of all places, then month cells of both kinds, as sums of the day cells, then
    year cells as sums of the month cells."""
    cursor.execute(
        f"INSERT INTO {CELLS} ({CELL_COLUMNS}) "
        f"SELECT start, false, true, NULL, {GROUPS}, SUM(n) "
        f"FROM {CELLS} WHERE NOT monthly AND NOT all_places "
        + ("AND start = ANY(%s) " if days else "")
        + f"GROUP BY start, {GROUPS}",
        [days] if days else [],
    )
    where, params = _in_units("month", months, "start", measured=True)
    cursor.execute(
        f"INSERT INTO {CELLS} ({CELL_COLUMNS}) "
        f"SELECT date_trunc('month', start)::date, true, all_places, governorate_id, {GROUPS}, SUM(n) "
        f"FROM {CELLS} WHERE NOT monthly {where}"
        f"GROUP BY date_trunc('month', start)::date, all_places, governorate_id, {GROUPS}",
        params,
    )
    # Years of all places only: a year's cells of every governorate would be read again on each
    # recount (a third of a second at SNHR scale), and a governorate's twelve months are few rows.
    where, params = _in_units("year", years, "start", measured=True)
    cursor.execute(
        f"INSERT INTO {CELLS} ({CELL_COLUMNS}, yearly) "
        f"SELECT date_trunc('year', start)::date, true, true, NULL, {GROUPS}, SUM(n), true "
        f"FROM {CELLS} WHERE monthly AND NOT yearly AND all_places {where}"
        f"GROUP BY date_trunc('year', start)::date, {GROUPS}",
        params,
    )


def _in_units(unit: str, starts, column: str, *, measured: bool = False) -> tuple[str, list]:
    """``AND`` conditions for the rows of the calendar ``unit``s ("month", "year") beginning on
    ``starts`` (none for every row, when ``starts`` is empty or None): a range the index can use,
    then the units themselves; ``measured`` adds every measure, so that the cell index applies."""
    if not starts:
        return "", []
    step = 12 if unit == "year" else 1
    sql = f"AND {column} >= %s AND {column} < %s AND date_trunc('{unit}', {column})::date = ANY(%s) "
    params = [min(starts), add_months(max(starts), step), list(starts)]
    return ("AND measure = ANY(%s) " + sql, [Measure.values, *params]) if measured else (sql, params)


def _insert_facility_tallies(cursor, unit: str, starts) -> None:
    """Distinct facilities attacked per calendar ``unit`` ("month" or "year") beginning on one of
    ``starts`` (None: every one), from the attack facts: under each exact primary party, under
    each party with its sub-parties (a party is its own ancestor), and by anyone; everywhere and
    per governorate. A facility has one kind (its facts are recounted when it changes). Also the
    facilities attacked more than once, with how often."""
    where, params = _in_units(unit, starts, "day")

    def counted(scope: str, party: str, source: str, groups: str) -> str:
        return (
            f"SELECT u, {unit == 'year'}, GROUPING(governorate_id) = 1, governorate_id, '{scope}', {party}, "
            f"kind, COUNT(DISTINCT facility_id) FROM {source} "
            f"GROUP BY GROUPING SETS ((u, {groups}), (u, governorate_id, {groups}))"
        )

    cursor.execute(
        f"INSERT INTO {REPEATED} (start, yearly, all_places, governorate_id, facility_id, n) "
        f"SELECT date_trunc('{unit}', day)::date AS u, {unit == 'year'}, GROUPING(governorate_id) = 1, "
        f"governorate_id, facility_id, COUNT(*) FROM {FACTS} WHERE TRUE {where} "
        "GROUP BY GROUPING SETS ((u, facility_id), (u, governorate_id, facility_id)) HAVING COUNT(*) > 1",
        params,
    )
    cursor.execute(
        "WITH RECURSIVE ancestry(party, ancestor) AS ("
        f"SELECT id, id FROM {PARTIES} UNION "
        f"SELECT a.party, p.parent_id FROM ancestry a JOIN {PARTIES} p ON p.id = a.ancestor "
        "WHERE p.parent_id IS NOT NULL), "
        f"f AS MATERIALIZED (SELECT date_trunc('{unit}', day)::date AS u, governorate_id, party_id, "
        f"facility_id, kind FROM {FACTS} WHERE TRUE {where}) "
        f"INSERT INTO {FACILITY_TALLIES} ({FACILITY_TALLY_COLUMNS}) "
        + counted(FacilityScope.EXACT, "party_id", "f", "party_id, kind")
        + " UNION ALL "
        + counted(
            FacilityScope.ROLLED,
            "a.ancestor",
            "f JOIN ancestry a ON a.party = f.party_id",
            "a.ancestor, kind",
        )
        + " UNION ALL "
        + counted(FacilityScope.ALL, "NULL::bigint", "f", "kind"),
        params,
    )


def refresh() -> int:
    """Recount the stale days (all of them when ``EVERYTHING`` is noted). Returns their number."""
    if not enabled():
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {STALE})")
        if not cursor.fetchone()[0]:
            return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        cursor.execute(f"DELETE FROM {STALE} RETURNING day")
        stale = sorted({row[0] for row in cursor.fetchall()})
        if not stale:
            return 0  # another request recounted them while this one waited
        # The same statements either way: a report's queries do not depend on what was stale.
        if EVERYTHING in stale:
            days = months = years = None
            where_day, where_month, params_day, params_month = "", "", [], []
        else:
            days = [day for day in stale if day != PARTY_TREE]
            months = sorted({day.replace(day=1) for day in days})
            years = sorted({day.replace(month=1, day=1) for day in days})
            where_day, where_month = "AND start = ANY(%s)", "AND start = ANY(%s)"
            params_day, params_month = [days], [months]
        where_year, params_year = ("", []) if years is None else ("AND start = ANY(%s)", [years])
        if days != []:  # [] when only the parties' tree changed
            cursor.execute(f"DELETE FROM {CELLS} WHERE NOT monthly {where_day}", params_day)
            cursor.execute(f"DELETE FROM {CELLS} WHERE monthly AND NOT yearly {where_month}", params_month)
            cursor.execute(f"DELETE FROM {CELLS} WHERE yearly {where_year}", params_year)
            cursor.execute(f"DELETE FROM {FACTS} WHERE TRUE {where_day.replace('start', 'day')}", params_day)
            for measure, queryset in cell_sources(days):
                _insert_cells(cursor, measure, queryset)
            _insert_facts(cursor, days)
            _insert_sums(cursor, days, months, years)
        if PARTY_TREE in stale:
            months = years = None
        for unit, yearly, starts in (("month", False, months), ("year", True, years)):
            where = "" if starts is None else "AND start = ANY(%s)"
            for table in (FACILITY_TALLIES, REPEATED):
                cursor.execute(
                    f"DELETE FROM {table} WHERE yearly = %s {where}",
                    [yearly, *([] if starts is None else [starts])],
                )
            _insert_facility_tallies(cursor, unit, starts)
        if days is None:
            # Fresh statistics after a full recount, or the planner guesses the cells' sizes.
            cursor.execute(f"ANALYZE {CELLS}, {FACTS}, {FACILITY_TALLIES}, {REPEATED}")
    return len(stale)


def mark_everything_stale() -> None:
    StaleDay.objects.create(day=EVERYTHING)


# --- reading -------------------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def span(first: datetime.date, last: datetime.date, *, years: bool = False) -> Q:
    """Cells covering ``first``..``last`` exactly: whole months by month (whole years by year,
    with ``years``), the rest by day."""
    if years:
        years_from = first.year if (first.month, first.day) == (1, 1) else first.year + 1
        years_until = last.year if (last.month, last.day) == (12, 31) else last.year - 1
        if years_from <= years_until:
            before = datetime.date(years_from, 1, 1)
            after = datetime.date(years_until + 1, 1, 1)
            found = Q(monthly=True, yearly=True, start__gte=before, start__lt=after)
            if first < before:
                found |= span(first, before - datetime.timedelta(days=1))
            if last >= after:
                found |= span(after, last)
            return found
    months_from = first if first.day == 1 else add_months(first, 1)
    months_until = (
        last
        if (last + datetime.timedelta(days=1)).day == 1
        else last.replace(day=1) - datetime.timedelta(days=1)
    )
    if months_from > months_until:
        return Q(monthly=False, yearly=False, start__gte=first, start__lte=last)
    return (
        Q(monthly=True, yearly=False, start__gte=months_from, start__lte=months_until)
        | Q(monthly=False, yearly=False, start__gte=first, start__lt=months_from)
        | Q(monthly=False, yearly=False, start__gt=months_until, start__lte=last)
    )


def cells(period, measures, *, years: bool = False):
    """The cells adding up to ``period`` (and its governorate, if any); whole years by year with
    ``years`` (over all places: a governorate's years are read by month)."""
    if period.governorate is not None:
        years = False  # kept for all places only
    found = ReportCell.objects.filter(span(period.first, period.last, years=years), measure__in=measures)
    if period.governorate is None:
        return found.filter(all_places=True).order_by()
    return found.filter(all_places=False, governorate_id=period.governorate.pk).order_by()


def counts(period) -> list[tuple]:
    """Every measure's numbers over ``period``: ``(measure, party, category, kind, sex, age group,
    n)`` by exact party."""
    summed = (
        cells(period, Measure.values, years=True)
        .values_list("measure", "party_id", "category", "kind", "sex", "age_group")
        .annotate(total=Cast(Sum("n"), BigIntegerField()))
    )
    # Thousands of rows of plain values: read without the ORM's per-row conversion.
    sql, params = summed.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def facilities_attacked(period, ancestry: list[tuple[int, int]]) -> list[tuple]:
    """Distinct facilities attacked in ``period`` by kind: ``("exact", party, kind, n)`` under the
    exact primary party (None: unattributed), ``("rolled", party, kind, n)`` under each party with
    its sub-parties (``ancestry``: pairs of a party and itself or a party above it, for the parties
    that have sub-parties; every party when read from the tallies) and ``("all", None, kind, n)``
    whoever attacked. Distinct facilities do not add up over days or parties: a calendar month or
    year is read from its tallies, any other period counted from the facts. A facility has one kind
    (the facts are recounted when it changes), so the pairs of party and facility are grouped on
    integers."""
    tallied = unit_tallies(FacilityTally, period)
    if tallied is not None:
        return list(tallied.values_list("scope", "party_id", "kind", "n"))
    sql, params = (
        facts(period).values("party_id", "facility_id").annotate(k=Min("kind")).query.sql_with_params()
    )
    parties, ancestors = [pair[0] for pair in ancestry], [pair[1] for pair in ancestry]
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH h AS MATERIALIZED ({sql}) "
            "SELECT 'exact', party_id, k, COUNT(*) FROM h GROUP BY party_id, k "
            "UNION ALL SELECT 'rolled', ancestor, k, COUNT(*) FROM ("
            "SELECT DISTINCT m.ancestor, h.facility_id, h.k FROM h "
            "JOIN unnest(%s::bigint[], %s::bigint[]) AS m(party, ancestor) ON m.party = h.party_id"
            ") r GROUP BY ancestor, k "
            "UNION ALL SELECT 'all', NULL, k, COUNT(*) FROM (SELECT facility_id, MIN(k) AS k FROM h "
            "GROUP BY facility_id) a GROUP BY k",
            [*params, parties, ancestors],
        )
        return cursor.fetchall()


def unit_tallies(model, period):
    """``model``'s rows for ``period`` when it is one calendar month or year (None otherwise)."""
    unit = calendar_unit(period)
    if unit is None:
        return None
    start, yearly = unit
    found = model.objects.filter(start=start, yearly=yearly).order_by()
    if period.governorate is None:
        return found.filter(all_places=True)
    return found.filter(all_places=False, governorate_id=period.governorate.pk)


def calendar_unit(period) -> tuple[datetime.date, bool] | None:
    """``(first day, whole year)`` when ``period`` is exactly one calendar year or month."""
    first, last = period.first, period.last
    if first.day != 1:
        return None
    if first.month == 1 and last == datetime.date(first.year, 12, 31):
        return first, True
    if last == add_months(first, 1) - datetime.timedelta(days=1):
        return first, False
    return None


def by_month(period) -> dict[str, dict]:
    """{measure: {month (date): count}} over the period."""
    rows = (
        cells(period, [Measure.KILLED, Measure.ATTACKS])
        .annotate(month=TruncMonth("start"))
        .values("measure", "month")
        .annotate(total=Sum("n"))
    )
    counts: dict[str, dict] = {Measure.KILLED: {}, Measure.ATTACKS: {}}
    for row in rows:
        counts[row["measure"]][row["month"]] = row["total"]
    return counts


def facts(period):
    found = AttackFact.objects.filter(day__gte=period.first, day__lte=period.last)
    if period.governorate is not None:
        found = found.filter(governorate_id=period.governorate.pk)
    return found.order_by()


def repeated_facilities(period, limit: int) -> tuple[list[dict], int]:
    """The ``limit`` facilities attacked most often (more than once) and how many there are,
    from one aggregation (the count is a window over its groups), or from the tallies of a
    calendar month or year."""
    tallied = unit_tallies(RepeatedFacility, period)
    if tallied is None:
        repeated = facts(period).values("facility_id").annotate(n=Count("attack_id")).filter(n__gt=1)
    else:
        repeated = tallied.values("facility_id", "n")
    sql, params = repeated.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT s.facility_id, s.n, COUNT(*) OVER () FROM ({sql}) s "
            "ORDER BY s.n DESC, s.facility_id LIMIT %s",
            [*params, limit],
        )
        rows = cursor.fetchall()
    return [{"facility": facility, "n": n} for facility, n, _total in rows], rows[0][2] if rows else 0
