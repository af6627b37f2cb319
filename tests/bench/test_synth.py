"""The benchmark's data generator keeps working (tiny scale; not a timing test)."""

import pytest
from django.db import connection

from bench.synth import Generator
from facilities.models import Place
from incidents.models import Attack, Incident
from victims.models import Victim

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the benchmark loads with PostgreSQL COPY"),
]


def test_generator_loads_a_consistent_data_set():
    counts = Generator(scale=0.0002).load()
    assert counts["incidents"] == Incident.objects.count() == Attack.objects.count()
    assert counts["victims"] == Victim.objects.count()
    assert Incident.objects.public().exists()
    governorate = Place.objects.get(pcode="SY07")
    inside = Incident.objects.within(governorate)
    assert 0 < inside.count() < Incident.objects.count()
    # New rows get fresh ids after the bulk load.
    assert Place.objects.create(name="New", level="locality", parent=governorate).pk > counts["places"]


def test_generated_search_text_is_what_save_would_store():
    from facilities.models import Facility
    from incidents.models import Perpetrator

    Generator(scale=0.0002).load()
    for model in (Place, Facility, Perpetrator, Incident, Victim):
        for record in model.objects.order_by("pk")[:5]:
            generated = record.search_text
            record.save()
            record.refresh_from_db()
            assert generated == record.search_text != "", model
