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
