"""The working groups may record munitions as they record attacks (see 0002_create_role_groups)."""

from django.db import migrations

GROUP_PERMISSIONS = {
    "Documenter": ["view_munition", "add_munition", "change_munition"],
    "Reviewer": ["view_munition", "add_munition", "change_munition"],
    "Data manager": ["view_munition", "import_munition", "export_munition"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; the groups need them now.
    incidents = apps.get_app_config("incidents")
    incidents.models_module = True
    create_permissions(incidents, apps=apps, verbosity=0)
    incidents.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GROUP_PERMISSIONS):
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="incidents", codename__in=GROUP_PERMISSIONS[group.name]
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GROUP_PERMISSIONS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="incidents", codename__endswith="_munition")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("incidents", "0014_munition"),
        ("victims", "0008_media_and_education_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
