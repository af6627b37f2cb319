"""The period report's tables as the page and the XLSX show them: party rows (sub-parties rolled
up) by column, each number with the link to the list that gives it.

A column is a predicate over the ``queries.Key`` of what a number counts, and the list parameters
that select the same records; each row's numbers are summed in one pass over its counts.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy

from core.bilingual import Text, page_language, record_text
from core.fragments import fragment
from facilities.models import FacilityCategory, FacilityKind, kinds_in_category
from incidents.choices import Weapon
from victims.filters import DEATHS
from victims.models import WOMAN_AGE_GROUPS, AgeGroup, Harm, ReportClass, Sex

from . import queries
from .queries import Key


@dataclass(frozen=True)
class Column:
    code: str  # the XLSX header
    label: str
    counts: Callable[[Key], bool]
    params: dict = field(default_factory=dict)


class Cell(NamedTuple):
    """One number of a table and the list that gives it (``url``: blank for a zero in a party row)."""

    n: int
    url: str


@dataclass
class Table:
    """One party table: ``id`` names its section (``<id>-title``) and its XLSX sheet."""

    id: str
    title: str
    caption: str
    columns: list[Column]
    rows: list[dict]
    totals: list[dict]
    empty: str = ""

    @property
    def headers(self) -> list[str]:
        return [column.label for column in self.columns]


def list_path(name: str) -> str:
    """The path of the list ``name``, reversed once per script prefix and language (a report links
    each of its hundreds of numbers: a table reads the path once and adds each number's query)."""
    key = (name, get_script_prefix(), get_language())
    if key not in _LIST_PATHS:
        _LIST_PATHS[key] = reverse(name)
    return _LIST_PATHS[key]


_LIST_PATHS: dict[tuple[str, str, str], str] = {}


def party_table(data: queries.Report, table: str, list_name: str, columns: list[Column], base: dict) -> list:
    """(rows, totals) of ``table``: each party row's and the all-parties row's cells."""
    period, path = data.period, list_path(list_name)
    wanted: dict[Key, list[int]] = {}  # the columns each key counts in, worked out once per key
    # Each link is the row's query (period, base, party) and the column's parameters.
    suffixes = [period.list_query(**column.params)[len(period.period_query) :] for column in columns]
    blank = [0] * len(columns)

    def cells(code: str | None, total: Counter, link_zero: bool) -> list[Cell]:
        values = blank.copy()
        for key, n in total.items():
            indexes = wanted.get(key)
            if indexes is None:
                indexes = wanted[key] = [i for i, column in enumerate(columns) if column.counts(key)]
            for i in indexes:
                values[i] += n
        prefix = f"{path}?{period.list_query(**base, perpetrator=code)}"
        return [
            Cell(n, prefix + suffix if n or link_zero else "")
            for n, suffix in zip(values, suffixes, strict=True)
        ]

    rows = [
        {"row": row, "cells": cells(row.code, row.total, False), "name": party_name(row)}
        for row in data.rows[table]
    ]
    return rows, cells(None, data.totals[table], True)


def party_name(row: queries.PartyRow) -> Text:
    """The party's name in the page's language, else the other's (marked by the template)."""
    return record_text(row.party, "name") if row.party else Text(str(UNATTRIBUTED), page_language())


UNATTRIBUTED = gettext_lazy("Unattributed")
TOTAL = pgettext_lazy("report column", "Total")


def present(choices, total: Counter, part: Callable[[Key], str]) -> list[str]:
    """The codes of ``choices`` (in their order) that some number of ``total`` counts."""
    found = {part(key) for key, n in total.items() if n}
    return [code for code in codes(choices) if code in found]


@cache
def codes(choices) -> tuple[str, ...]:
    """``choices.values``, read once: Django builds the list from every member's label each time."""
    return tuple(choices.values)


ALL_COLUMN = Column("total", TOTAL, lambda key: True)
WOMEN_COLUMN = Column(
    "women",
    pgettext_lazy("report column", "Women"),
    lambda key: key.sex == Sex.FEMALE and key.age_group in WOMAN_AGE_GROUPS,
    {"sex": Sex.FEMALE, "age_group": list(WOMAN_AGE_GROUPS)},
)
CHILDREN_COLUMN = Column(
    "children",
    pgettext_lazy("report column", "Children"),
    lambda key: key.age_group == AgeGroup.CHILD,
    {"age_group": AgeGroup.CHILD},
)


def victim_columns(total: Counter) -> list[Column]:
    classes = present(ReportClass, total, lambda key: key.category)
    return [
        *[
            Column(
                cls, ReportClass(cls).label, lambda key, cls=cls: key.category == cls, {"report_class": cls}
            )
            for cls in classes
        ],
        ALL_COLUMN,
        WOMEN_COLUMN,
        CHILDREN_COLUMN,
    ]


def category_columns(total: Counter) -> list[Column]:
    categories = present(FacilityCategory, total, lambda key: key.category)
    return [
        *[
            Column(c, FacilityCategory(c).label, lambda key, c=c: key.category == c, {"category": c})
            for c in categories
        ],
        ALL_COLUMN,
    ]


def weapon_columns(total: Counter) -> list[Column]:
    return [
        Column(w, Weapon(w).label, lambda key, w=w: key.category == w, {"weapon": w})
        for w in present(Weapon, total, lambda key: key.category)
    ]


def casualty_columns(total: Counter) -> list[Column]:
    return [
        Column(harm, label, lambda key, harm=harm: key.category == harm)
        for harm, label in (
            (queries.tally_cells.CASUALTY_KILLED, pgettext_lazy("report column", "Killed")),
            (queries.tally_cells.CASUALTY_INJURED, pgettext_lazy("report column", "Injured")),
        )
    ]


#: (id, table, list, columns, base parameters, title, caption, message when empty or "" to leave
#: the table out), in the page's order: people, then attacks and facilities, health care and
#: civil defence first in each (the vocabularies' order), then munitions and casualties.
TABLES = [
    (
        "killed",
        queries.VICTIMS_KILLED,
        "victims:victim_list",
        victim_columns,
        {"harm": list(DEATHS)},
        gettext_lazy("People killed, by perpetrator and report class"),
        gettext_lazy(
            "Killed or tortured to death; each person counted once, under the primary perpetrator of "
            "the incident (or their own perpetrator when there was no incident). Women: female victims "
            "aged 18 or over or of unknown age; children: under 18."
        ),
        gettext_lazy("No one recorded killed in this period."),
    ),
    (
        "injured",
        queries.VICTIMS_INJURED,
        "victims:victim_list",
        victim_columns,
        {"harm": [Harm.INJURED]},
        gettext_lazy("People injured, by perpetrator and report class"),
        gettext_lazy(
            "Recorded by name as injured; counted as the people killed are. A person who died of their "
            "injuries is recorded as killed and counts there only."
        ),
        "",
    ),
    (
        "attacks",
        queries.ATTACKS,
        "incidents:attack_list",
        category_columns,
        {},
        gettext_lazy("Attacks on facilities, by perpetrator and facility category"),
        gettext_lazy(
            "Each facility hit by an incident is one attack, counted under the incident's primary "
            "perpetrator. A party's row includes its sub-parties."
        ),
        gettext_lazy("No attack on facilities recorded in this period."),
    ),
    (
        "facilities",
        queries.FACILITIES_ATTACKED,
        "incidents:facility_list",
        category_columns,
        {},
        gettext_lazy("Facilities attacked, by perpetrator and facility category"),
        gettext_lazy(
            "Each facility counted once however often it was hit in the period; a facility hit by two "
            "parties counts once under each, and once in the total."
        ),
        "",
    ),
    (
        "munitions",
        queries.MUNITIONS,
        "incidents:incident_list",
        weapon_columns,
        {},
        gettext_lazy("Strikes and munitions, by perpetrator and weapon"),
        gettext_lazy(
            "How many strikes or munitions the incidents comprised (for example four barrel bombs), "
            "counted under each incident's primary perpetrator. Each number links to its incidents."
        ),
        "",
    ),
    (
        "casualties",
        queries.CASUALTIES,
        "incidents:incident_list",
        casualty_columns,
        {},
        gettext_lazy("Casualties reported in the incidents, by perpetrator"),
        gettext_lazy(
            "The incidents' own counts of the people killed and injured, named or not (the most "
            "conservative figure). Each number links to its incidents."
        ),
        "",
    ),
]


def report_tables(data: queries.Report) -> list[Table]:
    """The report's party tables in the page's order; empty ones left out unless they say so."""
    tables = []
    for table_id, table, list_name, columns_of, base, title, caption, empty in TABLES:
        total = data.totals[table]
        if not sum(total.values()) and not empty:
            continue
        columns = columns_of(total)
        rows, totals = party_table(data, table, list_name, columns, base)
        tables.append(Table(table_id, str(title), str(caption), columns, rows, totals, str(empty)))
    return tables


def kind_rows(data: queries.Report) -> list[dict]:
    """Attacks and facilities attacked by kind of facility (all parties), grouped by category: the
    civil defence centres and vehicles of a month."""
    attacks, facilities = data.totals[queries.ATTACKS], data.totals[queries.FACILITIES_ATTACKED]
    by_kind: dict[str, list[int]] = {}
    for counter, index in ((attacks, 0), (facilities, 1)):
        for key, n in counter.items():
            by_kind.setdefault(key.kind, [0, 0])[index] += n
    period = data.period
    rows = []
    for category in codes(FacilityCategory):
        for kind in kinds_in_category(category):
            if kind not in by_kind:
                continue
            n_attacks, n_facilities = by_kind[kind]
            query = period.list_query(kind=kind)
            rows.append(
                {
                    "category": FacilityCategory(category).label,
                    "kind": FacilityKind(kind).label,
                    "code": kind,
                    "attacks": Cell(n_attacks, f"{list_path('incidents:attack_list')}?{query}"),
                    "facilities": Cell(n_facilities, f"{list_path('incidents:facility_list')}?{query}"),
                }
            )
    return rows


#: The home page's figures: (label, table, list, column, base parameters).
HEADLINE = [
    (
        gettext_lazy("People killed"),
        queries.VICTIMS_KILLED,
        "victims:victim_list",
        ALL_COLUMN,
        {"harm": list(DEATHS)},
    ),
    (
        gettext_lazy("of them children"),
        queries.VICTIMS_KILLED,
        "victims:victim_list",
        CHILDREN_COLUMN,
        {"harm": list(DEATHS)},
    ),
    (
        gettext_lazy("of them women"),
        queries.VICTIMS_KILLED,
        "victims:victim_list",
        WOMEN_COLUMN,
        {"harm": list(DEATHS)},
    ),
    (
        gettext_lazy("People injured"),
        queries.VICTIMS_INJURED,
        "victims:victim_list",
        ALL_COLUMN,
        {"harm": [Harm.INJURED]},
    ),
    (gettext_lazy("Attacks on facilities"), queries.ATTACKS, "incidents:attack_list", ALL_COLUMN, {}),
    (
        gettext_lazy("Facilities attacked"),
        queries.FACILITIES_ATTACKED,
        "incidents:facility_list",
        ALL_COLUMN,
        {},
    ),
]


def headline(data: queries.Report) -> list[dict]:
    """The home page's figures for ``data``'s period, each linked to the list that gives it."""
    figures = []
    for label, table, list_name, column, base in HEADLINE:
        n = sum(count for key, count in data.totals[table].items() if column.counts(key))
        query = data.period.list_query(**base, **column.params)
        figures.append({"label": label, "n": n, "url": f"{list_path(list_name)}?{query}"})
    return figures


LABELS = {
    "perpetrator": gettext_lazy("Perpetrator"),
    "all_parties": gettext_lazy("All parties"),
    "kinds_title": gettext_lazy("Attacks and facilities attacked, by kind of facility"),
    "kinds_caption": gettext_lazy(
        "All parties; the civil defence centres and vehicles, the hospitals and ambulances of the period, "
        "each kind under its category."
    ),
    "category": gettext_lazy("Category"),
    "kind": gettext_lazy("Kind of facility"),
    "attacks": gettext_lazy("Attacks"),
    "facilities": gettext_lazy("Facilities attacked"),
}


def tables_html(tables: list[Table], kinds: list[dict]) -> str:
    """The tables' markup (``jinja2/reports/tables.html``)."""
    return fragment("reports/tables.html", {"tables": tables, "kind_rows": kinds, "labels": LABELS})
