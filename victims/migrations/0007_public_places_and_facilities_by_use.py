"""Places and facilities are public only when a public record uses them or a reviewer publishes
them (``published``, added by facilities 0004): today's are marked public exactly when a public
incident, attack or victim uses them (with the facilities they belong to and the places above).
Reviewers get the right to publish places and facilities, to change public places, facilities
and parties and to decide on proposed changes; documenters may change parties (as proposals) and
see the proposals.

Here rather than in facilities: it reads incidents and victims, which sit above facilities.
"""

from django.db import migrations
from django.db.models import Q

PUBLISHED, RUMOUR = "published", "rumour"

GROUP_PERMISSIONS = {
    # Documenters' changes to a public place, facility or party are proposals.
    "Documenter": [("facilities", "view_changeproposal"), ("incidents", "change_perpetrator")],
    "Reviewer": [
        ("facilities", "view_changeproposal"),
        ("facilities", "publish_place"),
        ("facilities", "publish_facility"),
        ("incidents", "publish_perpetrator"),
    ],
}


def mark_public_by_use(apps, schema_editor):
    Place = apps.get_model("facilities", "Place")
    Facility = apps.get_model("facilities", "Facility")
    Incident = apps.get_model("incidents", "Incident")
    Victim = apps.get_model("victims", "Victim")

    public_incidents = Incident.objects.filter(status=PUBLISHED).exclude(certainty=RUMOUR)
    public_victims = Victim.objects.filter(status=PUBLISHED).filter(
        Q(incident__isnull=True) | Q(incident__in=public_incidents)
    )
    # One UPDATE per kind of use: an OR of two IN (subquery) is planned as a subplan run per row
    # (hours at 300,000 incidents); each IN alone is a hashed semi-join (seconds).
    for used in (public_incidents.values("attacks__facility"), public_victims.values("affiliation")):
        Facility.objects.filter(published=False, pk__in=used).update(published=True)
    # The facilities a public one belongs to (an ambulance's hospital), up the chain.
    while Facility.objects.filter(published=False, units__published=True).update(published=True):
        pass
    for used in (
        public_incidents.values("place"),
        public_victims.values("hometown"),
        Facility.objects.filter(published=True).values("place"),
    ):
        Place.objects.filter(published=False, pk__in=used).update(published=True)
    # Every place above a public one.
    while Place.objects.filter(published=False, children__published=True).update(published=True):
        pass


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for app_label, codename in perms:
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in GROUP_PERMISSIONS.items():
        for group in Group.objects.filter(name=name):
            for app_label, codename in perms:
                group.permissions.remove(
                    *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
                )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("facilities", "0004_shared_records_public_by_use_and_proposals"),
        ("incidents", "0012_perpetrator_publish_permission"),
        ("victims", "0006_bilingual_text"),
    ]

    operations = [
        migrations.RunPython(mark_public_by_use, migrations.RunPython.noop),
        migrations.RunPython(grant, revoke),
    ]
