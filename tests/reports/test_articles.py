"""The figures the seed articles quote come out of the records (issue #14, "Done when").

An independent data set (``tests/reports/articles.py``) is built from the articles' figures,
written as interchange files and entered through ``manage.py import``; the report's tidy CSV
must give every quoted figure exactly. The page, the XLSX and the CSV agree, and every number of
the page is what the list it links to gives.

Then one test per counting rule, each on a few records entered the same way: a counted record
and one that differs from it only in what the rule is about. Each fails when its rule is
removed from ``reports``, ``incidents`` or ``victims`` (see each docstring).
"""

import datetime
import io
import itertools

import pytest
from django.db import connection, transaction
from django.utils import translation
from openpyxl import load_workbook

from facilities.models import Place
from incidents.models import Attribution
from reports import tallies
from reports.queries import Period, build_report
from reports.xlsx import SHEET_TITLES
from tests.factories import UserFactory
from tests.public.helpers import csv_dicts
from tests.reports.articles import (
    ATTACKS,
    CASUALTIES,
    EITHER,
    FACILITIES,
    FIGURES,
    HAMA_TOWNS,
    IDLEB_TOWNS,
    INJURED,
    KILLED,
    MUNITIONS,
    OTHERS,
    P001,
    P002_JANUARY,
    PERIODS,
    REGIME,
    RUSSIA,
    DataSet,
    articles,
    figure,
    is_child,
    is_woman,
    period,
)
from tests.reports.helpers import HEADER, assert_every_number_matches_its_list, tidy_full

pytestmark = pytest.mark.django_db

TIDY_TABLE = {
    "killed": "victims_killed",
    "injured": "victims_injured",
    "attacks": "attacks",
    "facilities": "facilities_attacked",
    "munitions": "munitions",
    "casualties": "casualties",
}


#: Who imports the files: a data manager who may also publish (the records are published).
IMPORTER_GROUPS = ["Data manager", "Reviewer"]


@pytest.fixture
def importer(db):
    return UserFactory(username="importer", groups=IMPORTER_GROUPS)


@pytest.fixture
def enter(tmp_path, importer):
    """``enter(data)``: writes a DataSet's files and imports them through ``manage.py import``."""
    folders = itertools.count()

    def enter(data: DataSet) -> None:
        folder = tmp_path / f"files-{next(folders)}"
        folder.mkdir()
        data.load(folder, importer.username)

    return enter


# --- the articles' figures -----------------------------------------------------------------


@pytest.fixture(scope="class")
def the_articles(django_db_setup, django_db_blocker, tmp_path_factory):
    """The articles' data set, imported once for the tests of the class (about ten seconds) in a
    transaction rolled back after them; each test (``django_db``, as the whole module) runs in a
    savepoint within it."""
    with django_db_blocker.unblock(), transaction.atomic():
        importer = UserFactory(username="articles", groups=IMPORTER_GROUPS)
        articles().load(tmp_path_factory.mktemp("articles"), importer.username)
        tallies.refresh()  # once, not in each test (PostgreSQL)
        yield
        transaction.set_rollback(True)


@pytest.mark.usefixtures("the_articles")
class TestTheArticles:
    def test_the_report_gives_every_figure_the_articles_quote(self, client):
        downloads: dict = {}
        wrong = []
        for article in FIGURES:
            key = tuple(sorted(article.params.items()))
            if key not in downloads:
                downloads[key] = tidy_full(client, article.params)
            n = article.count(downloads[key])
            if not article.holds(n):
                quoted = f"at least {article.expected}" if article.at_least else article.expected
                wrong.append(
                    f"seed {article.seed}, \u201c{article.words}\u201d: {quoted}, the report gives {n}"
                )
        assert not wrong, "\n".join(wrong)
        assert len(FIGURES) > 70

    def test_page_xlsx_and_csv_agree_for_every_period(self, client):
        for name, params in PERIODS.items():
            rows = tidy_full(client, params)
            assert rows, name
            tables = client.get("/reports/", params).context["tables"]
            xlsx = client.get("/reports/", {**params, "format": "xlsx"}).content
            workbook = load_workbook(io.BytesIO(xlsx), read_only=True)
            # The XLSX's data sheet is the CSV.
            data = [list(row) for row in workbook["data"].iter_rows(values_only=True)]
            assert data[0] == HEADER, name
            assert [["" if value is None else value for value in row] for row in data[1:]] == [
                [row[key] for key in HEADER] for row in rows
            ], name
            for table in tables:
                page = page_numbers(table)
                # The XLSX's sheet is the page's table (then the parties' Arabic names).
                sheet = list(workbook[SHEET_TITLES[table.id]].iter_rows(values_only=True))
                assert list(sheet[0][3:]) == [column.code for column in table.columns] + ["name_ar"], (
                    name,
                    table.id,
                )
                assert {row[0]: list(row[3:-1]) for row in sheet[1:]} == {
                    code: numbers for code, numbers in page.items() if code != "all"
                }, (name, table.id)
                # Each number of the page is the sum of the CSV's rows for its party (with its
                # sub-parties) and column. No facility of this data set is attacked by two
                # parties, so its distinct facilities add up too (see
                # test_a_facility_attacked_again_is_one_facility for when one is).
                assert page == csv_numbers(table, rows), (name, table.id)
            # Every table with a number is on the page (empty ones may be left out).
            assert {TIDY_TABLE[table.id] for table in tables} >= {row["table"] for row in rows}, name
            workbook.close()

    def test_every_number_is_what_its_list_gives(self, client):
        assert assert_every_number_matches_its_list(client, P001) > 100
        assert assert_every_number_matches_its_list(client, P002_JANUARY) > 50

    def test_the_arabic_page_gives_the_same_numbers(self, client):
        tables = client.get("/reports/", P001).context["tables"]
        english = {table.id: page_numbers(table) for table in tables}
        with translation.override("ar"):
            response = client.get("/ar/reports/", P001)
        assert response.status_code == 200
        assert {table.id: page_numbers(table) for table in response.context["tables"]} == english

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="tallies are kept on PostgreSQL only")
    def test_the_tallies_give_what_the_records_give(self):
        for name, params in PERIODS.items():
            first, last = (datetime.date.fromisoformat(params[key]) for key in ("date_after", "date_before"))
            governorate = Place.objects.get(pcode=params["governorate"]) if "governorate" in params else None
            report = Period(first=first, last=last, governorate=governorate)
            tallied, counted = build_report(report, tallies=True), build_report(report, tallies=False)
            assert tallied.tidy == counted.tidy, name
            assert tallied.rolled_facilities == counted.rolled_facilities, name


def page_numbers(table) -> dict[str, list[int]]:
    numbers = {line["row"].code: [cell.n for cell in line["cells"]] for line in table.rows}
    return numbers | {"all": [cell.n for cell in table.totals]}


def csv_numbers(table, rows) -> dict[str, list[int]]:
    mine = [row for row in rows if row["table"] == TIDY_TABLE[table.id]]
    numbers = {}
    for code in [line["row"].code for line in table.rows] + ["all"]:
        under = [row for row in mine if code in ("all", row["perpetrator"], row["parent_perpetrator"])]
        numbers[code] = [
            sum(row["count"] for row in under if in_column(column.code, row)) for column in table.columns
        ]
    return numbers


def in_column(code: str, row) -> bool:
    if code == "total":
        return True
    if code == "women":
        return is_woman(row)
    if code == "children":
        return is_child(row)
    return row["category"] == code


# --- one test per counting rule ----------------------------------------------------------------
#
# Each enters a few records through the import: some that count, and beside them records that
# differ only in what the rule is about. All on 4 May 2019 in Idleb unless said.

DAY = datetime.date(2019, 5, 4)
ON_THE_DAY = period(DAY, DAY)
TOWN = IDLEB_TOWNS[2]


def total(rows, table: str, **where) -> int:
    """The sum of the tidy rows of ``table`` that a figure with ``where`` would take."""
    return figure("", "", {}, table, 0, **where).count(rows)


def summary(rows) -> dict:
    return {
        "killed": total(rows, KILLED),
        "injured": total(rows, INJURED),
        "attacks": total(rows, ATTACKS),
        "facilities": total(rows, FACILITIES),
        "munitions": total(rows, MUNITIONS),
        "casualties killed": total(rows, CASUALTIES, category="killed"),
        "casualties injured": total(rows, CASUALTIES, category="injured"),
    }


def strike(
    data: DataSet, party: str = REGIME, day: datetime.date = DAY, kind: str = "school", **kwargs
) -> str:
    """An incident on the day, in the town (unless told), hitting a new facility of ``kind``."""
    return data.strike(day, party, kwargs.pop("place", TOWN), kind, **kwargs)


def harm_all_ways(data: DataSet, incident: str, **kwargs) -> None:
    """One person killed and one injured in ``incident``."""
    data.victim(incident, **kwargs)
    data.victim(incident, harm="injured", **kwargs)


COUNTED = {
    "killed": 1,
    "injured": 1,
    "attacks": 1,
    "facilities": 1,
    "munitions": 4,
    "casualties killed": 1,
    "casualties injured": 3,
}


def page(client, params) -> dict:
    """{table id: {party code or "all": {column code: n}}} of the report page."""
    tables = client.get("/reports/", params).context["tables"]
    return {
        table.id: {
            code: dict(zip([column.code for column in table.columns], numbers, strict=True))
            for code, numbers in page_numbers(table).items()
        }
        for table in tables
    }


@pytest.mark.parametrize("status", ["draft", "in_review", "verified"])
def test_a_record_not_yet_published_never_counts(client, enter, status):
    """Rule 1. Fails when ``IncidentQuerySet.public()`` or ``VictimQuerySet.public()`` stops
    requiring ``status = published``."""
    data = DataSet().base()
    counted = strike(data, munitions={"barrel_bomb": 4}, injured=3)
    data.victim(counted)
    data.victim(counted, harm="injured")
    # Its twin not yet published, and people of the published incident not yet published.
    harm_all_ways(data, strike(data, status=status, munitions={"barrel_bomb": 5}, injured=7))
    harm_all_ways(data, counted, status=status)
    enter(data)
    assert summary(tidy_full(client, ON_THE_DAY)) == COUNTED | {"casualties killed": 2}


def test_a_rumour_never_counts(client, enter):
    """Rule 1: a published incident whose certainty is ``rumour`` is not public, nor are its
    attacks, munitions and victims; ``possible`` counts. Fails when ``public()`` (incidents or
    victims) stops excluding rumours."""
    data = DataSet().base()
    counted = strike(data, certainty="possible", munitions={"barrel_bomb": 4}, injured=3)
    harm_all_ways(data, counted)
    harm_all_ways(data, strike(data, certainty="rumour", munitions={"barrel_bomb": 5}, injured=7))
    enter(data)
    assert summary(tidy_full(client, ON_THE_DAY)) == COUNTED


def test_a_duplicate_never_counts(client, enter):
    """Rule 4: a published record of the same person (``duplicate_of``) is not counted again.
    Fails when ``VictimQuerySet.counted()`` lets duplicates through."""
    data = DataSet().base()
    incident = strike(data, munitions={"barrel_bomb": 4}, injured=3)
    killed = data.victim(incident, sex="female", age=9)
    injured = data.victim(incident, harm="injured")
    data.victim(incident, sex="female", age=9, duplicate_of=killed)
    data.victim(incident, harm="injured", duplicate_of=injured)
    data.victim(party=RUSSIA, day=DAY, duplicate_of=killed)  # recorded again, without the incident
    enter(data)
    rows = tidy_full(client, ON_THE_DAY)
    assert summary(rows) == COUNTED
    assert total(rows, KILLED, person=is_child) == 1
    assert RUSSIA not in {row["perpetrator"] for row in rows}


def test_records_outside_the_period_never_count(client, enter):
    """People count on their date of harm, attacks, munitions and casualties on their incident's
    date, both ends of the period included. Fails when the report reads a day more on either
    side (``Period.list_pairs`` without its dates on the records; ``tallies.span`` on the
    tallies)."""
    data = DataSet().base()
    counted = strike(data, munitions={"barrel_bomb": 4}, injured=3)
    harm_all_ways(data, counted)
    for day in (DAY - datetime.timedelta(days=1), DAY + datetime.timedelta(days=1)):
        harm_all_ways(data, strike(data, day=day, munitions={"barrel_bomb": 5}, injured=7))
        data.victim(party=RUSSIA, day=day)
        data.victim(party=RUSSIA, day=day, harm="injured")
    # Wounded on the day, died the next day: counted on the day they died, not in this period.
    data.victim(counted, day=DAY + datetime.timedelta(days=1))
    enter(data)
    assert summary(tidy_full(client, ON_THE_DAY)) == COUNTED | {"casualties killed": 2}
    two_days = period(DAY, DAY + datetime.timedelta(days=1))
    assert summary(tidy_full(client, two_days))["killed"] == 1 + 2 + 1


def test_the_injured_are_not_counted_among_the_killed_nor_the_killed_among_the_injured(client, enter):
    """A person has one harm: killed (or tortured to death) counts in ``victims_killed``,
    injured in ``victims_injured``, detained in neither. Fails when the killed are read with the
    injured (``queries.killed_victims`` / ``tallies.cell_sources``), when ``DEATHS`` loses
    ``tortured_to_death``, or when the injured are read with the killed."""
    data = DataSet().base()
    incident = strike(data)
    for harm in ("killed", "killed", "injured", "injured", "injured", "detained"):
        data.victim(incident, harm=harm)
    data.victim(party=REGIME, day=DAY, harm="tortured_to_death", role="civil_defense")
    enter(data)
    rows = tidy_full(client, ON_THE_DAY)
    assert (total(rows, KILLED), total(rows, INJURED)) == (3, 3)
    assert total(rows, KILLED, category="civil_defense") == 1


def test_women_are_female_and_18_or_over_or_of_unknown_age(client, enter):
    """Fails when the 18-year-old or the woman of unknown age is left out
    (``WOMAN_AGE_GROUPS``, ``age_group_q``) or a girl, a man or a person of unknown sex is
    let in (``tables.WOMEN_COLUMN``)."""
    data = DataSet().base()
    incident = strike(data)
    for sex, age in [("female", 18), ("female", None), ("female", 17), ("male", 30), ("unknown", 30),
                     ("unknown", None)]:  # fmt: skip
        data.victim(incident, sex=sex, age=age)
    enter(data)
    assert total(tidy_full(client, ON_THE_DAY), KILLED, person=is_woman) == 2
    numbers = page(client, ON_THE_DAY)["killed"]
    assert (numbers["all"]["women"], numbers[REGIME]["women"]) == (2, 2)
    assert_every_number_matches_its_list(client, ON_THE_DAY)


def test_children_are_under_18(client, enter):
    """Fails when the limit moves (``CHILD_AGE_LIMIT``, ``age_group_q``) or a person of unknown
    age is taken for a child."""
    data = DataSet().base()
    incident = strike(data)
    for age in (0, 17, 18, None):
        data.victim(incident, age=age, sex="male")
    enter(data)
    assert total(tidy_full(client, ON_THE_DAY), KILLED, person=is_child) == 2
    assert page(client, ON_THE_DAY)["killed"]["all"]["children"] == 2
    assert_every_number_matches_its_list(client, ON_THE_DAY)


def test_a_girl_is_a_child_and_not_a_woman(client, enter):
    """ "Women and children" never counts a girl twice. Fails when the women column takes any
    female (``tables.WOMEN_COLUMN``)."""
    data = DataSet().base()
    incident = strike(data)
    data.victim(incident, sex="female", age=10)
    data.victim(incident, sex="female", age=30)
    enter(data)
    rows = tidy_full(client, ON_THE_DAY)
    assert (total(rows, KILLED, person=is_woman), total(rows, KILLED, person=is_child)) == (1, 1)
    numbers = page(client, ON_THE_DAY)["killed"]["all"]
    assert (numbers["total"], numbers["women"], numbers["children"]) == (2, 1, 1)
    assert_every_number_matches_its_list(client, ON_THE_DAY)


def test_a_facility_attacked_again_is_one_facility(client, enter):
    """Each attack counts; a facility counts once however often it was hit, under each party
    that hit it, and once in the total. Fails when facilities are counted per attack
    (``queries.record_counts``' distinct triples; ``tallies.facilities_attacked``)."""
    data = DataSet().base()
    school = data.facility("school", TOWN)
    for party, day in ((REGIME, DAY), (REGIME, DAY + datetime.timedelta(days=1)), (RUSSIA, DAY)):
        data.incident(day, party, TOWN, hits=[school])
    strike(data, RUSSIA, kind="mosque")
    enter(data)
    two_days = period(DAY, DAY + datetime.timedelta(days=1))
    rows = tidy_full(client, two_days)
    assert (total(rows, ATTACKS, party=REGIME), total(rows, ATTACKS, party=RUSSIA)) == (2, 2)
    assert (total(rows, FACILITIES, party=REGIME), total(rows, FACILITIES, party=RUSSIA)) == (1, 2)
    facilities = page(client, two_days)["facilities"]
    assert (facilities[REGIME]["total"], facilities[RUSSIA]["total"], facilities["all"]["total"]) == (1, 2, 2)
    assert page(client, two_days)["attacks"]["all"]["total"] == 4
    assert_every_number_matches_its_list(client, two_days)


def test_an_incident_counts_under_its_primary_perpetrator_only(client, enter):
    """Rule 4: a party once named and then replaced (a secondary attribution) counts nothing.
    Fails when the primary attribution's join (``primary_attribution_join``) takes every
    attribution."""
    data = DataSet().base()
    incident = strike(data, RUSSIA, munitions={"barrel_bomb": 4}, injured=3)
    harm_all_ways(data, incident)
    data.correct(incident, REGIME)  # a later file: the regime's, after all
    enter(data)
    attributions = Attribution.objects.filter(incident__code=incident)
    assert sorted(attributions.values_list("perpetrator__code", "primary")) == [
        (RUSSIA, False),
        (REGIME, True),
    ]
    rows = tidy_full(client, ON_THE_DAY)
    assert {row["perpetrator"] for row in rows} == {REGIME}
    assert summary(rows) == COUNTED


def test_munitions_are_summed_by_weapon(client, enter):
    """Munitions count strikes, not incidents: the counts of each weapon added up, under the
    incident's primary perpetrator. Fails when munitions are counted as rows (``Count`` for
    ``Sum`` in ``queries.record_counts`` / ``tallies.munitions_by_day``). The list a number links
    to gives its incidents, an incident's own weapon or not (``IncidentFilterSet.weapon``)."""
    data = DataSet().base()
    helicopters = data.incident(
        DAY, REGIME, TOWN, weapon="helicopter", munitions={"barrel_bomb": 4, "fixed_wing_aircraft": 3}
    )
    data.incident(DAY, REGIME, HAMA_TOWNS[0], weapon="barrel_bomb", munitions={"barrel_bomb": 2})
    data.incident(DAY, RUSSIA, TOWN, munitions={"fixed_wing_aircraft": 5, "cluster_munition": 1})
    enter(data)
    rows = tidy_full(client, ON_THE_DAY)
    assert by_party_and_category(rows, MUNITIONS) == {
        (REGIME, "barrel_bomb"): 6,
        (REGIME, "fixed_wing_aircraft"): 3,
        (RUSSIA, "fixed_wing_aircraft"): 5,
        (RUSSIA, "cluster_munition"): 1,
    }
    assert (
        total(tidy_full(client, {**ON_THE_DAY, "governorate": "SY07"}), MUNITIONS, category="barrel_bomb")
        == 4
    )
    listed = tidy_codes(
        client, "/incidents/", {**ON_THE_DAY, "weapon": "fixed_wing_aircraft", "perpetrator": REGIME}
    )
    assert listed == [helicopters]
    assert_every_number_matches_its_list(client, ON_THE_DAY)


def by_party_and_category(rows, table: str) -> dict:
    return {(row["perpetrator"], row["category"]): row["count"] for row in rows if row["table"] == table}


def tidy_codes(client, path: str, params) -> list[str]:
    return sorted(row["code"] for row in csv_dicts(client.get(path, {**params, "format": "csv"})))


def test_casualties_are_the_incidents_own_counts(client, enter):
    """The incidents' ``killed_count`` and ``injured_count`` (all people, named or not), summed
    under their primary perpetrator, beside the people recorded by name. Fails when casualties
    count incidents or named victims instead (``queries.record_counts``,
    ``tallies.casualties_by_day``)."""
    data = DataSet().base()
    incident = data.incident(DAY, REGIME, TOWN, killed=5, injured=12)
    data.victim(incident)
    data.victim(incident)
    data.victim(incident, harm="injured")
    data.incident(DAY, RUSSIA, TOWN, killed=3, injured=0)
    enter(data)
    rows = tidy_full(client, ON_THE_DAY)
    assert total(rows, CASUALTIES, party=REGIME, category="killed") == 7
    assert total(rows, CASUALTIES, party=REGIME, category="injured") == 12
    assert total(rows, CASUALTIES, party=RUSSIA, category="killed") == 3
    assert (total(rows, KILLED), total(rows, INJURED)) == (2, 1)
    assert_every_number_matches_its_list(client, ON_THE_DAY)


def test_an_undetermined_party_keeps_its_own_row(client, enter):
    """Rule 4: "Syrian or Russian forces" is reported as itself, never split between its members
    nor added to either. (No code splits it: this guards against a change that would.)"""
    data = DataSet().base()
    incident = strike(data, EITHER, munitions={"fixed_wing_aircraft": 4}, injured=3)
    harm_all_ways(data, incident)
    strike(data, REGIME)
    enter(data)
    rows = tidy_full(client, ON_THE_DAY)
    assert {row["table"]: row["perpetrator"] for row in rows if row["perpetrator"] != REGIME} == {
        table: EITHER for table in (KILLED, INJURED, ATTACKS, FACILITIES, MUNITIONS, CASUALTIES)
    }
    assert total(rows, ATTACKS, party=REGIME) == 1
    attacks = page(client, ON_THE_DAY)["attacks"]
    assert (attacks[EITHER]["total"], attacks[REGIME]["total"], attacks["all"]["total"]) == (1, 1, 2)
    assert RUSSIA not in attacks


def test_a_partys_row_adds_up_its_sub_parties_and_the_download_names_each(client, enter):
    """ "Other parties 28": the page's row of a party includes its sub-parties; the download
    gives each exact party with its parent. Fails when a row's total is its own count only
    (``queries.party_tree``)."""
    data = DataSet().base()
    data.victim(party=OTHERS, day=DAY, role="civil_defense")
    data.victim(party="unidentified-groups", day=DAY, role="civil_defense")
    data.victim(party="turkish-forces", day=DAY, role="civil_defense")
    enter(data)
    rows = tidy_full(client, ON_THE_DAY)
    assert sorted((row["perpetrator"], row["parent_perpetrator"]) for row in rows) == [
        (OTHERS, ""),
        ("turkish-forces", OTHERS),
        ("unidentified-groups", OTHERS),
    ]
    killed = page(client, ON_THE_DAY)["killed"]
    assert (killed[OTHERS]["total"], killed["turkish-forces"]["total"], killed["all"]["total"]) == (3, 1, 3)
    assert_every_number_matches_its_list(client, ON_THE_DAY)


def test_a_victim_counts_under_the_incidents_party_or_without_one_under_their_own(client, enter):
    """Fails when a victim with an incident is counted under the party the record names
    (``parties.with_counted_party``)."""
    data = DataSet().base()
    data.victim(strike(data, REGIME), party=RUSSIA)
    data.victim(party=RUSSIA, day=DAY, role="civil_defense", harm="tortured_to_death")
    enter(data)
    rows = tidy_full(client, ON_THE_DAY)
    assert by_party_and_category(rows, KILLED) == {
        (REGIME, "civilian"): 1,
        (RUSSIA, "civil_defense"): 1,
    }


def test_a_governorate_takes_the_records_placed_in_it(client, enter):
    """ "188 barrel bombs on Idlib": a record placed in a town counts in its governorate, and only
    there. Fails when the report ignores the governorate (``Period.list_pairs`` on the records,
    ``tallies.cells`` on the tallies)."""
    data = DataSet().base()
    for town, n in ((IDLEB_TOWNS[0], 4), (HAMA_TOWNS[0], 5)):
        harm_all_ways(
            data, strike(data, place=town, weapon="barrel_bomb", munitions={"barrel_bomb": n}, injured=n)
        )
    enter(data)
    idleb = summary(tidy_full(client, {**ON_THE_DAY, "governorate": "SY07"}))
    hama = summary(tidy_full(client, {**ON_THE_DAY, "governorate": "SY05"}))
    everywhere = summary(tidy_full(client, ON_THE_DAY))
    assert idleb == COUNTED | {"casualties injured": 4}
    assert hama == COUNTED | {"munitions": 5, "casualties injured": 5}
    assert everywhere == {key: idleb[key] + hama[key] for key in everywhere}


def test_the_charts_last_month_links_to_the_days_it_counts(client, enter):
    """A period ending within a month counts that month up to its end, and the chart links there
    (``views.chart_rows``)."""
    data = DataSet().base()
    harm_all_ways(data, strike(data))
    harm_all_ways(data, strike(data, day=DAY + datetime.timedelta(days=10)))
    enter(data)
    params = period(DAY - datetime.timedelta(days=3), DAY)
    months = client.get("/reports/", params).context["chart_rows"]
    assert (months[-1]["month"], months[-1]["attacks"], months[-1]["killed"]) == (DAY.replace(day=1), 1, 1)
    assert_every_number_matches_its_list(client, params)
