"""Admin change lists page with PostgreSQL's row estimate when unfiltered, an exact count otherwise."""

import pytest
from django.db import connection

from core import estimated_count
from core.estimated_count import EstimatedCountPaginator
from facilities.models import Place

pytestmark = pytest.mark.django_db


def places(n: int) -> None:
    Place.objects.bulk_create(Place(name=f"Town {i}", level="locality") for i in range(n))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the estimate is PostgreSQL's")
def test_unfiltered_big_tables_use_the_estimate(monkeypatch):
    monkeypatch.setattr(estimated_count, "EXACT_BELOW", 1)
    places(3)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE facilities_place")
    places(2)  # not in the estimate yet
    assert EstimatedCountPaginator(Place.objects.order_by("pk"), 10).count == 3
    filtered = Place.objects.filter(name__startswith="Town").order_by("pk")
    assert EstimatedCountPaginator(filtered, 10).count == 5


def test_small_tables_and_other_databases_are_counted_exactly():
    places(4)
    assert EstimatedCountPaginator(Place.objects.order_by("pk"), 10).count == 4


def test_the_admin_change_list_works_with_it(client, superuser):
    places(2)
    client.force_login(superuser)
    assert client.get("/admin/facilities/place/").status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the cap is for PostgreSQL's big tables")
def test_a_filtered_list_is_counted_up_to_the_cap(monkeypatch):
    monkeypatch.setattr(estimated_count, "COUNT_CAP", 3)
    places(5)
    filtered = Place.objects.filter(name__startswith="Town").order_by("pk")
    count = EstimatedCountPaginator(filtered, 2).count
    assert count == 3 and count.capped
    few = EstimatedCountPaginator(filtered.filter(name__in=["Town 1", "Town 2"]), 2).count
    assert few == 2 and not getattr(few, "capped", False)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the cap is for PostgreSQL's big tables")
@pytest.mark.parametrize(
    ("prefix", "results", "select_all", "selected"),
    [
        ("", "more than 11 results", "Select all matching places", "All matching places selected"),
        ("/ar", "أكثر من 11 نتيجة", "تحديد كل الأماكن المطابقة", "تم تحديد كل الأماكن المطابقة"),
    ],
)
def test_the_change_list_says_more_than_the_cap(
    client, superuser, monkeypatch, prefix, results, select_all, selected
):
    monkeypatch.setattr(estimated_count, "COUNT_CAP", 11)
    places(13)
    client.force_login(superuser)
    response = client.get(f"{prefix}/admin/facilities/place/?q=Town")
    assert response.status_code == 200
    page = response.content.decode()
    assert results in page
    assert select_all in page
    assert response.context["selection_note_all"] == selected
    # Below the cap the list is counted exactly, as Django words it.
    exact = client.get(f"{prefix}/admin/facilities/place/?q=Town+12").content.decode()
    assert results not in exact and select_all not in exact
