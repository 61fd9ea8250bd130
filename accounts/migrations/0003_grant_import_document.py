"""Staff officers, chief officers and the Commissioner's office import inspection
documents (issue 7)."""

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
        content_type__app_label="inspections", codename="import_document"
    )
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="inspections", codename="import_document"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_create_role_groups"),
        ("inspections", "0004_import_document_permission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
