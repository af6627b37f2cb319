"""Normalised search text on places and facilities, with trigram/full-text indexes on PostgreSQL."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from core.db import search_indexes
from core.search import search_document


def fill_search_text(apps, schema_editor):
    Place = apps.get_model("facilities", "Place")
    Facility = apps.get_model("facilities", "Facility")
    for place in Place.objects.only("name", "name_ar", "pcode").iterator():
        Place.objects.filter(pk=place.pk).update(
            search_text=search_document(place.name, place.name_ar, place.pcode)
        )
    for f in Facility.objects.iterator():
        Facility.objects.filter(pk=f.pk).update(
            search_text=search_document(f.name, f.name_ar, f.other_names, f.identifier, f.operator)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("facilities", "0002_coordinate_validators"),
    ]

    operations = [
        # CreateExtension does nothing on databases other than PostgreSQL.
        TrigramExtension(),
        migrations.AddField(
            model_name="facility",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="place",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        *search_indexes("facilities_place", full_text=False),
        *search_indexes("facilities_facility"),
    ]
