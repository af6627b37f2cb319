"""Normalised search text on incidents and perpetrators, with search indexes on PostgreSQL."""

from django.db import migrations, models

from core.db import search_indexes
from core.search import search_document


def fill_search_text(apps, schema_editor):
    Perpetrator = apps.get_model("incidents", "Perpetrator")
    Incident = apps.get_model("incidents", "Incident")
    for p in Perpetrator.objects.iterator():
        Perpetrator.objects.filter(pk=p.pk).update(search_text=search_document(p.code, p.name, p.name_ar))
    fields = ("title", "summary", "location_detail", "weapon_detail")
    for incident in Incident.objects.only(*fields).iterator():
        Incident.objects.filter(pk=incident.pk).update(
            search_text=search_document(*(getattr(incident, name) for name in fields))
        )


class Migration(migrations.Migration):
    dependencies = [
        ("facilities", "0003_search_text_and_indexes"),
        ("incidents", "0003_identity_reveal_log_and_public_derivatives"),
    ]

    operations = [
        migrations.AddField(
            model_name="incident",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="perpetrator",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        *search_indexes("incidents_incident"),
    ]
