"""Panel members ask and read their panel's questions; the Commissioner's office
reads and answers them; chief officers read those about their force."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Panel member": ["add_panelquestion", "view_panelquestion"],
    "Commissioner's office": ["view_panelquestion", "answer_panelquestion"],
    "Chief officer": ["view_panelquestion"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("questions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        for group in apps.get_model("auth", "Group").objects.filter(name=name):
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="questions", codename__in=codenames
                )
            )


def revoke(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="questions"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0001_panel_questions"),
        ("accounts", "0008_calendar_link_events"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
