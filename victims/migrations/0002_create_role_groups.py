"""Create the four working groups with their permissions.

Documenter: add and change drafts, submit them for review.
Reviewer: what a documenter may do, plus verify, publish and retract.
Identity custodian: may see witness identities.
Data manager: spreadsheet import and export.
"""

from django.db import migrations

DOMAIN_MODELS = {
    "facilities": ["place", "facility"],
    "incidents": [
        "perpetrator", "source", "incident", "attack", "attribution",
        "witnessaccount", "evidencemedia", "custodyevent",
    ],
    "victims": ["victim"],
}
DRAFT_EDITING = {
    "facilities": ["place", "facility"],
    "incidents": ["source", "incident", "attack", "attribution", "witnessaccount", "evidencemedia"],
    "victims": ["victim"],
}
INTERCHANGE = {
    "facilities": ["place", "facility"],
    "incidents": ["perpetrator", "incident", "attack"],
    "victims": ["victim"],
}


def codes(spec, actions):
    return [
        (app, f"{action}_{model}") for app, models in spec.items() for model in models for action in actions
    ]


GROUPS = {
    "Documenter": codes(DOMAIN_MODELS, ["view"])
    + codes(DRAFT_EDITING, ["add", "change"])
    + [("incidents", "add_custodyevent"), ("incidents", "submit_incident"), ("victims", "submit_victim")],
    "Reviewer": codes(DOMAIN_MODELS, ["view"])
    + codes(DRAFT_EDITING, ["add", "change"])
    + [("incidents", "add_custodyevent"), ("incidents", "add_perpetrator"), ("incidents", "change_perpetrator")]
    + codes({"incidents": ["incident"], "victims": ["victim"]}, ["submit", "verify", "publish", "retract"]),
    "Identity custodian": [("incidents", "view_witnessaccount"), ("incidents", "view_witness_identity")],
    "Data manager": codes(DOMAIN_MODELS, ["view"]) + codes(INTERCHANGE, ["import", "export"]),
}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in perms:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("facilities", "0001_initial"),
        ("incidents", "0001_initial"),
        ("victims", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
