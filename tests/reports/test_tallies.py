"""Report tallies (PostgreSQL): the pre-counted cells give exactly what counting the records gives,
whatever wrote to the records (``save()``, ``update()``, ``bulk_create()``, ``delete()``, raw SQL).

Each write below changes the report (checked, so the test cannot pass vacuously) and the
tallied report must then equal the report counted from the records, for several periods
(whole months, partial months, a single day, two years) with and without a governorate.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from facilities.models import Facility, FacilityKind
from incidents.choices import Status, Weapon
from incidents.models import Attack, Attribution, Incident, Munition, Perpetrator
from reports import tallies
from reports.models import ReportCell, StaleDay
from reports.queries import TABLES, Period, build_report
from tests.factories import VictimFactory
from victims.models import Harm, Role, Sex, Victim

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="tallies are kept on PostgreSQL only"),
]

D = datetime.date
PERIODS = [
    (D(2018, 1, 1), D(2018, 1, 31)),  # a whole month
    (D(2018, 1, 3), D(2018, 1, 20)),  # days only
    (D(2017, 12, 15), D(2018, 2, 10)),  # days, a month, days
    (D(2017, 1, 1), D(2018, 12, 31)),  # whole months only
    (D(2018, 1, 1), D(2018, 12, 31)),  # a whole year
    (D(2018, 1, 20), D(2018, 1, 20)),  # one day
]


def snapshot(period: Period, *, tallied: bool) -> dict:
    report = build_report(period, tallies=tallied)

    def rows(party_rows):
        return [(row.code, row.depth, +row.own, +row.total) for row in party_rows]

    return {
        **{table: rows(party_rows) for table, party_rows in report.rows.items()},
        **{f"{table}_total": +total for table, total in report.totals.items()},
        "months": report.months,
        "repeat_total": report.repeat_facilities["total"],
        "repeat": [
            (entry["facility"].code, [attack.pk for attack in entry["attacks"]])
            for entry in report.repeat_facilities["entries"]
        ],
        "tidy": report.tidy,
    }


def periods(world):
    for first, last in PERIODS:
        for governorate in (None, world.places["idleb"], world.places["damascus"]):
            yield Period(first=first, last=last, governorate=governorate)


def everything(world, *, tallied: bool) -> list[dict]:
    return [snapshot(period, tallied=tallied) for period in periods(world)]


def assert_tallies_match(world) -> list[dict]:
    counted = everything(world, tallied=False)
    assert everything(world, tallied=True) == counted
    assert not StaleDay.objects.exists()
    return counted


def test_the_tallied_report_is_the_counted_report(world):
    counted = assert_tallies_match(world)
    january = counted[0]
    for table in TABLES:
        assert sum(january[f"{table}_total"].values()) > 0, table
    assert ReportCell.objects.filter(monthly=True).exists()
    assert ReportCell.objects.filter(monthly=False).exists()


def publish_draft_incident_with_save(world):
    draft = Incident.objects.get(status=Status.DRAFT, attacks__isnull=False)
    draft.status = Status.PUBLISHED
    draft.save()


def withdraw_incident_with_update(world):
    Incident.objects.filter(pk=world.incidents["C"].pk).update(status=Status.DRAFT)


def move_incident_to_another_month(world):
    Incident.objects.filter(pk=world.incidents["A"].pk).update(date=D(2018, 2, 14))


def change_primary_party(world):
    Attribution.objects.filter(incident=world.incidents["A"], primary=True).update(
        perpetrator=world.parties["isis"]
    )


def delete_an_attack(world):
    Attack.objects.filter(incident=world.incidents["J"]).delete()


def change_a_facility_kind(world):
    Facility.objects.filter(pk=world.facilities["hospital"].pk).update(kind=FacilityKind.CIVIL_DEFENSE_CENTER)


def bulk_create_victims(world):
    incident = world.incidents["B"]
    Victim.objects.bulk_create(
        Victim(
            code=f"VIC-9{n:05d}",
            incident=incident,
            date_of_harm=incident.date,
            harm=Harm.KILLED,
            role=Role.CIVIL_DEFENSE if n % 2 else Role.CIVILIAN,
            sex=Sex.FEMALE,
            age=10 + n,
            status=Status.PUBLISHED,
        )
        for n in range(4)
    )


def mark_a_duplicate(world):
    victims = Victim.objects.public().filter(harm=Harm.KILLED, duplicate_of__isnull=True).order_by("pk")
    first, second = victims[:2]
    Victim.objects.filter(pk=second.pk).update(duplicate_of=first)


def add_a_victim_with_save(world):
    VictimFactory(
        incident=world.incidents["D"],
        harm=Harm.KILLED,
        role=Role.NURSE,
        sex=Sex.MALE,
        age=12,
        status=Status.PUBLISHED,
    )


def move_a_place_to_another_governorate(world):
    douma = world.places["douma"]
    douma.parent = world.places["idleb"]
    douma.save()


def add_a_munition_with_save(world):
    Munition.objects.create(incident=world.incidents["A"], weapon=Weapon.CLUSTER_MUNITION, count=3)


def change_munition_counts_with_update(world):
    Munition.objects.update(count=7)


def delete_the_munitions(world):
    Munition.objects.all().delete()


def correct_an_incident_casualty_count(world):
    Incident.objects.filter(pk=world.incidents["A"].pk).update(injured_count=41)


def injure_a_killed_victim(world):
    victim = Victim.objects.public().filter(harm=Harm.KILLED, incident__isnull=False).first()
    victim.harm = Harm.INJURED
    victim.save()


def move_a_party_under_another(world):
    """Its facilities are counted under its new ancestors (with their sub-parties) from now on."""
    Perpetrator.objects.filter(pk=world.parties["russia"].pk).update(parent=world.parties["regime"])


def raw_sql(world):
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Victim._meta.db_table} SET harm = %s WHERE harm = %s",  # noqa: S608
            [Harm.INJURED, Harm.TORTURED_TO_DEATH],
        )


WRITES = [
    publish_draft_incident_with_save,
    withdraw_incident_with_update,
    move_incident_to_another_month,
    change_primary_party,
    delete_an_attack,
    change_a_facility_kind,
    bulk_create_victims,
    mark_a_duplicate,
    add_a_victim_with_save,
    move_a_place_to_another_governorate,
    add_a_munition_with_save,
    change_munition_counts_with_update,
    delete_the_munitions,
    correct_an_incident_casualty_count,
    injure_a_killed_victim,
    move_a_party_under_another,
    raw_sql,
]


@pytest.mark.parametrize("write", WRITES, ids=[write.__name__ for write in WRITES])
def test_every_write_path_reaches_the_tallies(world, write):
    before = assert_tallies_match(world)
    write(world)
    assert StaleDay.objects.exists(), "the write marked no day to recount"
    after = assert_tallies_match(world)
    assert after != before, "this write should have changed the report"


def test_a_write_marks_only_the_days_it_touches(world):
    tallies.refresh()
    incident = world.incidents["A"]
    victim_days = set(Victim.objects.filter(incident=incident).values_list("date_of_harm", flat=True))
    Incident.objects.filter(pk=incident.pk).update(date=D(2018, 2, 14))
    stale = set(StaleDay.objects.values_list("day", flat=True))
    assert stale == {D(2018, 1, 3), D(2018, 2, 14)} | victim_days


def test_truncating_a_table_recounts_everything(world):
    tallies.refresh()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no deferred checks pending
        cursor.execute(f"TRUNCATE {Attack._meta.db_table} CASCADE")
    # (The incidents' list columns are recomputed too, which notes their days as well.)
    assert tallies.EVERYTHING in set(StaleDay.objects.values_list("day", flat=True))
    tallies.refresh()
    assert not ReportCell.objects.filter(measure="attacks").exists()


def test_a_refresh_runs_the_same_queries_however_many_days_are_stale(world):
    tallies.refresh()

    def queries_of_a_refresh() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert tallies.refresh() > 0
        return len(captured.captured_queries)

    Incident.objects.filter(pk=world.incidents["A"].pk).update(status=Status.PUBLISHED)
    one_incident = queries_of_a_refresh()
    Incident.objects.update(status=Status.PUBLISHED)
    assert StaleDay.objects.count() > 3
    assert queries_of_a_refresh() == one_incident


def test_the_command_recounts_every_day_on_request(world):
    from io import StringIO

    from django.core.management import call_command

    tallies.refresh()
    ReportCell.objects.all().delete()  # lost cells: only a full recount brings them back
    out = StringIO()
    call_command("refresh_report_tallies", "--all", stdout=out)
    assert "Recounted 1 stale day" in out.getvalue()
    assert_tallies_match(world)


@pytest.mark.django_db(transaction=True)
def test_writers_noting_the_same_day_do_not_wait_for_each_other(world):
    """Two open transactions touching incidents of the same day: the second must not wait for
    the first (a wait there can become a deadlock between two documenters' saves)."""
    import psycopg

    settings = connection.settings_dict
    params = {
        "dbname": settings["NAME"],
        "user": settings["USER"],
        "host": settings["HOST"],
        "port": settings["PORT"],
        "password": settings["PASSWORD"],
    }
    same_day = [world.incidents["C"].pk, world.incidents["D"].pk]
    assert world.incidents["C"].date == world.incidents["D"].date
    table = Incident._meta.db_table
    with psycopg.connect(**params) as first, psycopg.connect(**params) as second:
        first.execute(f"UPDATE {table} SET title = title || '.' WHERE id = %s", [same_day[0]])  # noqa: S608
        second.execute("SET lock_timeout = '2s'")
        second.execute(f"UPDATE {table} SET title = title || '.' WHERE id = %s", [same_day[1]])  # noqa: S608
        second.commit()
        first.commit()
    assert StaleDay.objects.filter(day=world.incidents["C"].date).exists()


def test_a_failed_recount_falls_back_to_counting_the_records(client, world, monkeypatch, caplog):
    from django.db import DatabaseError

    params = {"date_after": "2018-01-01", "date_before": "2018-01-31"}
    expected = client.get("/reports/", params).context["killed_total"]
    Victim.objects.filter(harm=Harm.TORTURED_TO_DEATH).update(harm=Harm.INJURED)  # a day goes stale

    def fails():
        raise DatabaseError("canceling statement due to lock timeout")

    monkeypatch.setattr(tallies, "refresh", fails)
    response = client.get("/reports/", params)
    assert response.status_code == 200
    assert response.context["killed_total"] == expected - 1  # counted from the records: up to date
    assert "could not be recounted" in caplog.text
