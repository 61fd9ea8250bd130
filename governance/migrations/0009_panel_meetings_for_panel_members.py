"""Panel members read the Police and Crime Panel's meetings and their snapshots
(issue 18): the meeting type says it is the panel's, and the role's group holds
the permission to read such meetings where the panel's rights reach."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

PANEL = "Police and Crime Panel"


def grant(apps, schema_editor):
    app_config = apps.get_app_config("governance")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    apps.get_model("governance", "MeetingType").objects.filter(name=PANEL).update(
        for_the_panel=True
    )
    permission = apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="governance", codename="view_panel_meeting"
    )
    for group in apps.get_model("auth", "Group").objects.filter(name="Panel member"):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="governance", codename="view_panel_meeting"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0008_meetings_name_their_force"),
        ("accounts", "0008_calendar_link_events"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="meeting",
            options={
                "ordering": ["-date", "meeting_type"],
                "permissions": [
                    (
                        "view_dashboard",
                        "Can see the chief officer dashboard and snapshots",
                    ),
                    (
                        "view_panel_meeting",
                        "Can see Police and Crime Panel meetings and their snapshots",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="meetingtype",
            name="for_the_panel",
            field=models.BooleanField(
                default=False,
                help_text="Panel members read these meetings and their snapshots, as far as their rights reach.",
                verbose_name="the Police and Crime Panel's",
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]
