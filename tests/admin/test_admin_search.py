"""The victim and incident change-list searches: Django's results, from indexes.

``core.admin_search.IndexedSearchMixin`` matches the related rows (incident
codes, place names) first and keeps the OR on the searched table, so that
PostgreSQL can use the trigram indexes of victims migration 0005. The rows
found must be exactly those of Django's own admin search.
"""

import datetime

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from facilities.models import PlaceLevel
from incidents.admin import IncidentAdmin
from incidents.choices import Status
from incidents.models import Incident
from tests.factories import (
    GovernorateFactory,
    IncidentFactory,
    PerpetratorFactory,
    PlaceFactory,
    VictimFactory,
)
from victims.admin import VictimAdmin
from victims.models import Victim

pytestmark = pytest.mark.django_db

VICTIM_QUERIES = [
    "Hiba",
    "hiba",
    "HIBA al",
    "al hiba",
    '"Hiba al"',
    "'Hiba al'",
    '"al Hiba"',
    "Hidden",  # an unpublished name: documenters find it
    "هبة",
    "هبة الأحمد",
    '"هبة الأحمد"',
    "INC-2018",
    "inc-2018-00002",
    "INC-2018-00002 Hiba",
    "VIC-0000",
    "vic-000003",
    "Ahmad INC-2019",
    "100%",
    "50_50",
    "_",
    "%",
    '"',
    "'",
    '""',
    "Zzz",
    "a",
    "  Hiba   Ahmad  ",
]


@pytest.fixture
def victims(db):
    first = IncidentFactory(code="INC-2018-00001", date=datetime.date(2018, 1, 2))
    second = IncidentFactory(code="INC-2018-00002", date=datetime.date(2018, 1, 3))
    later = IncidentFactory(code="INC-2019-00777", date=datetime.date(2019, 5, 1), title="Hiba market")
    rows = [
        dict(code="VIC-000001", name="Hiba al Ahmad", name_ar="هبة الأحمد", incident=first),
        dict(code="VIC-000002", name="Ahmad al Hiba", incident=second, status=Status.PUBLISHED),
        dict(code="VIC-000003", name="Hidden Person", publish_name=False, incident=second),
        dict(code="VIC-000004", name="", name_ar="هبة", incident=later),
        dict(code="VIC-000005", name="Mohammad HIBA", incident=None, perpetrator=None),
        dict(code="VIC-000006", name="Rate 100% sure", incident=first),
        dict(code="VIC-000007", name="Split 50_50", incident=later),
        dict(code="HIBA-1", name="Coded oddly", incident=later),
        dict(code="VIC-000009", name="Zaid", name_ar="زيد", incident=later),
    ]
    party = PerpetratorFactory()
    for row in rows:
        if row["incident"] is None:
            row["perpetrator"] = party
        VictimFactory(**row)
    return Victim.objects.all()


def django_default(model_admin, queryset, term):
    """What Django's own ModelAdmin search finds."""
    request = RequestFactory().get("/")
    found, duplicates = admin.ModelAdmin.get_search_results(model_admin, request, queryset, term)
    return found, duplicates


def ours(model_admin, queryset, term):
    return model_admin.get_search_results(RequestFactory().get("/"), queryset, term)


def pks(queryset) -> list:
    return sorted(queryset.values_list("pk", flat=True))


# (related_ids_limit, found_ids_limit): every way the search can be written.
LIMITS = pytest.mark.parametrize(
    "limits", [(2000, 1000), (2000, 0), (0, 0)], ids=["found-ids", "related-ids", "join"]
)


def searching(model_admin, limits):
    model_admin.related_ids_limit, model_admin.found_ids_limit = limits
    return model_admin


@pytest.mark.parametrize("term", VICTIM_QUERIES)
@LIMITS
def test_victim_search_finds_what_django_finds(victims, term, limits):
    model_admin = searching(VictimAdmin(Victim, admin.site), limits)
    expected, expected_duplicates = django_default(model_admin, victims, term)
    found, duplicates = ours(model_admin, victims, term)
    assert pks(found) == pks(expected)
    assert duplicates == expected_duplicates


def test_victim_search_finds_unpublished_and_arabic_names_and_incident_codes(victims):
    model_admin = VictimAdmin(Victim, admin.site)

    def codes(term):
        return sorted(ours(model_admin, victims, term)[0].values_list("code", flat=True))

    assert codes("Hidden") == ["VIC-000003"]
    assert codes("هبة") == ["VIC-000001", "VIC-000004"]
    assert codes("INC-2018-00002") == ["VIC-000002", "VIC-000003"]
    assert codes("hiba") == ["HIBA-1", "VIC-000001", "VIC-000002", "VIC-000005"]
    assert codes('"al Hiba"') == ["VIC-000002"]


def test_victim_search_keeps_the_or_on_the_victims_table(victims):
    """The incident codes are matched in a query of their own: no join, so the indexes can serve."""
    model_admin = searching(VictimAdmin(Victim, admin.site), (2000, 0))
    found, _duplicates = ours(model_admin, Victim.objects.all(), "INC-2018 Hiba")
    sql = str(found.query)
    assert "incidents_incident" not in sql
    assert "incident_id" in sql


def test_victim_change_list_search(client, superuser, victims):
    client.force_login(superuser)
    response = client.get(reverse("admin:victims_victim_changelist"), {"q": "hiba INC-2018"})
    assert response.status_code == 200
    assert sorted(v.code for v in response.context["cl"].result_list) == ["VIC-000001", "VIC-000002"]


INCIDENT_QUERIES = [
    "Saraqeb",
    "saraqeb hospital",
    "سراقب",
    "INC-2018",
    "Idleb",
    '"al Saraqeb"',
    "Nothing",
    "S",
]


@pytest.fixture
def incidents(db):
    idleb = GovernorateFactory(name="Idleb", name_ar="إدلب", pcode="SY07")
    saraqeb = PlaceFactory(name="Saraqeb", name_ar="سراقب", parent=idleb)
    east = PlaceFactory(name="East al Saraqeb", level=PlaceLevel.NEIGHBOURHOOD, parent=saraqeb)
    elsewhere = PlaceFactory(name="Binnish", parent=idleb)
    IncidentFactory(code="INC-2018-00001", title="Strike on the Saraqeb hospital", place=elsewhere)
    IncidentFactory(code="INC-2018-00002", title="Shelling", place=saraqeb)
    IncidentFactory(code="INC-2019-00001", title="Barrel bombs", place=east)
    IncidentFactory(code="INC-2019-00002", title="Hospital raid", place=idleb)
    return Incident.objects.all()


@pytest.mark.parametrize("term", INCIDENT_QUERIES)
@LIMITS
def test_incident_search_finds_what_django_finds(incidents, term, limits):
    model_admin = searching(IncidentAdmin(Incident, admin.site), limits)
    expected, expected_duplicates = django_default(model_admin, incidents, term)
    found, duplicates = ours(model_admin, incidents, term)
    assert pks(found) == pks(expected)
    assert duplicates == expected_duplicates


def test_incident_search_matches_places_first(incidents):
    model_admin = searching(IncidentAdmin(Incident, admin.site), (2000, 0))
    found, _duplicates = ours(model_admin, incidents, "Saraqeb")
    assert "facilities_place" not in str(found.query)
    assert "place_id" in str(found.query)


def plan_of(queryset) -> str:
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_search_finding_few_rows_goes_on_as_their_ids(victims):
    """So that PostgreSQL's estimate of the later queries (count, page, date range) is exact."""
    model_admin = VictimAdmin(Victim, admin.site)
    found, duplicates = ours(model_admin, Victim.objects.all(), "VIC-000003")
    sql = str(found.query)
    assert "LIKE" not in sql.upper()
    assert list(found.values_list("code", flat=True)) == ["VIC-000003"]
    assert duplicates is False
    model_admin.found_ids_limit = 2
    found, _duplicates = ours(model_admin, Victim.objects.all(), "Hiba")
    assert "LIKE" in str(found.query).upper()
    assert found.count() == 4


def test_a_search_finding_nothing(victims):
    model_admin = VictimAdmin(Victim, admin.site)
    found, _duplicates = ours(model_admin, Victim.objects.all(), "no such name")
    assert not found.exists()


def test_victim_search_uses_the_trigram_indexes_on_postgresql(victims):
    if connection.vendor != "postgresql":
        pytest.skip("GIN indexes are PostgreSQL only")
    model_admin = searching(VictimAdmin(Victim, admin.site), (2000, 0))
    found, _duplicates = ours(model_admin, Victim.objects.all(), "Hiba")
    plan = plan_of(found)
    for column in ("code", "name", "name_ar"):
        assert f"victims_victim_{column}_upper_trgm" in plan, plan
    assert "BitmapOr" in plan, plan


def test_incident_search_uses_the_trigram_indexes_on_postgresql(incidents):
    if connection.vendor != "postgresql":
        pytest.skip("GIN indexes are PostgreSQL only")
    model_admin = searching(IncidentAdmin(Incident, admin.site), (2000, 0))
    found, _duplicates = ours(model_admin, Incident.objects.all(), "Saraqeb")
    plan = plan_of(found)
    for column in ("code", "title"):
        assert f"incidents_incident_{column}_upper_trgm" in plan, plan


def test_many_matching_places_travel_as_one_parameter(incidents):
    """Hundreds of place ids repeat in every query of the change list: one array, not one each."""
    for number in range(300):
        PlaceFactory(name=f"Saraqeb {number}")
    model_admin = searching(IncidentAdmin(Incident, admin.site), (2000, 0))
    found, _duplicates = ours(model_admin, Incident.objects.all(), "Saraqeb")
    codes = sorted(found.values_list("code", flat=True))
    assert codes == ["INC-2018-00001", "INC-2018-00002", "INC-2019-00001"]
    if connection.vendor == "postgresql":  # SQLite has no arrays: IN there
        sql, params = found.query.sql_with_params()
        assert "= ANY(" in sql
        assert len(params) < 10, len(params)
