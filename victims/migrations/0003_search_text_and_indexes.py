"""Normalised search text on victims (names only when published), with search indexes on PostgreSQL."""

from django.db import migrations, models

from core.db import search_indexes
from core.search import search_document


def fill_search_text(apps, schema_editor):
    Victim = apps.get_model("victims", "Victim")
    for v in Victim.objects.iterator():
        names = (v.name, v.name_ar, v.other_names, v.biography) if v.publish_name else ()
        Victim.objects.filter(pk=v.pk).update(
            search_text=search_document(*names, v.organization, v.circumstances)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0004_search_text_and_indexes"),
        ("victims", "0002_create_role_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name="victim",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        *search_indexes("victims_victim"),
    ]
