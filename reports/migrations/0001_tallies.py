"""Pre-counted report cells, and on PostgreSQL the triggers that mark days to recount.

The statements come from ``reports.tallies`` and are idempotent (CREATE OR REPLACE, DROP IF
EXISTS): a change to the triggers needs a new migration that runs them again.
"""

from django.db import migrations, models

from reports.tallies import install_triggers_sql, drop_triggers_sql, MARK_EVERYTHING


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in install_triggers_sql():
        schema_editor.execute(statement)
    # Whatever is in the database now gets counted by the first report.
    schema_editor.execute(MARK_EVERYTHING)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in drop_triggers_sql():
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("facilities", "0003_search_text_and_indexes"),
        ("incidents", "0005_list_order_index_without_narrative_trigram"),
        ("victims", "0004_list_order_index"),
    ]

    operations = [
        migrations.CreateModel(
            name='StaleDay',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(verbose_name='day')),
            ],
            options={
                'verbose_name': 'stale day',
                'verbose_name_plural': 'stale days',
                'default_permissions': (),
            },
        ),
        migrations.CreateModel(
            name='AttackFact',
            fields=[
                ('attack_id', models.BigIntegerField(primary_key=True, serialize=False, verbose_name='attack')),
                ('day', models.DateField(verbose_name='day')),
                ('governorate_id', models.BigIntegerField(null=True, verbose_name='governorate')),
                ('facility_id', models.BigIntegerField(verbose_name='facility')),
            ],
            options={
                'verbose_name': 'attack fact',
                'verbose_name_plural': 'attack facts',
                'default_permissions': (),
                'indexes': [models.Index(fields=['day', 'facility_id'], name='attack_fact_day')],
            },
        ),
        migrations.CreateModel(
            name='ReportCell',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start', models.DateField(verbose_name='day or first day of the month')),
                ('monthly', models.BooleanField(verbose_name='whole month')),
                ('measure', models.CharField(choices=[('killed', 'Victims killed'), ('attacks', 'Attacks on facilities')], max_length=10, verbose_name='measure')),
                ('all_places', models.BooleanField(verbose_name='all places')),
                ('governorate_id', models.BigIntegerField(null=True, verbose_name='governorate')),
                ('party_id', models.BigIntegerField(null=True, verbose_name='primary party')),
                ('category', models.CharField(max_length=40, verbose_name='category')),
                ('sex', models.CharField(blank=True, max_length=20, verbose_name='sex')),
                ('n', models.PositiveIntegerField(verbose_name='count')),
                ('children', models.PositiveIntegerField(default=0, verbose_name='of them children')),
            ],
            options={
                'verbose_name': 'report cell',
                'verbose_name_plural': 'report cells',
                'default_permissions': (),
                'indexes': [models.Index(fields=['measure', 'all_places', 'monthly', 'start'], name='report_cell_lookup')],
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
