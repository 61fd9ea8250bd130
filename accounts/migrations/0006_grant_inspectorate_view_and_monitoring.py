"""The inspectorate's view of each finding and HMICFRS's Scan/Engage monitoring
(issue 15): everyone reads them; chief officers and the Commissioner's office
record them, in their own organisations (accounts.access)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["inspectorateview", "monitoringperiod"]
READ = ["Panel member", "Staff officer", "Chief officer", "Commissioner's office"]
RECORD = ["Chief officer", "Commissioner's office"]


def _permissions(apps, verbs):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="inspections",
        codename__in=[f"{verb}_{model}" for verb in verbs for model in MODELS],
    )


def grant(apps, schema_editor):
    app_config = apps.get_app_config("inspections")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=READ):
        group.permissions.add(*_permissions(apps, ["view"]))
    for group in Group.objects.filter(name__in=RECORD):
        group.permissions.add(*_permissions(apps, ["add", "change"]))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=READ):
        group.permissions.remove(*_permissions(apps, ["view", "add", "change"]))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_organisations"),
        ("inspections", "0010_findings_as_written_inspectorate_view_monitoring"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
