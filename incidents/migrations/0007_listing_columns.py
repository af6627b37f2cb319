"""The public list's filter columns on incidents, kept by triggers, and their one GIN index
(PostgreSQL only; see incidents.listing). Computing them for every incident takes about a
minute at SNHR scale (300,000 incidents)."""

import core.fields
from django.contrib.postgres.operations import BtreeGinExtension
import django.contrib.postgres.search
from django.db import migrations, models

from core.db import RunSQLOnPostgreSQL
from incidents import listing


class Migration(migrations.Migration):
    dependencies = [
        ("facilities", "0003_search_text_and_indexes"),
        ("incidents", "0006_admin_search_trigram_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="NameWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(db_index=True, max_length=200)),
            ],
            options={
                "verbose_name": "name word",
                "verbose_name_plural": "name words",
            },
        ),
        migrations.AddField(
            model_name="incident",
            name="place_ids",
            field=core.fields.DerivedArrayField(
                base_field=models.BigIntegerField(), blank=True, editable=False, null=True, size=None
            ),
        ),
        migrations.AddField(
            model_name="incident",
            name="primary_party_id",
            field=models.IntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="incident",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(blank=True, editable=False, null=True),
        ),
        # CreateExtension does nothing on databases other than PostgreSQL.
        BtreeGinExtension(),
        RunSQLOnPostgreSQL(listing.install_sql(), listing.uninstall_sql()),
    ]
