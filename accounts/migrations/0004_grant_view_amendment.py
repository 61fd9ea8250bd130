"""Everyone who reads unpublished inspections reads their amendments (issue 12)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["Staff officer", "Chief officer", "Commissioner's office"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("inspections")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="inspections", codename="view_amendment"
    )
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="inspections", codename="view_amendment"
    ).first()
    if permission:
        for group in Group.objects.filter(name__in=ROLES):
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_grant_import_document"),
        ("inspections", "0005_amendment"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
