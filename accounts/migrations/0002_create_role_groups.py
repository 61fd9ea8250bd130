"""The role groups and their permissions, so that a fresh database has them.

Object-level rules (a staff officer edits only the actions they own) sit on top,
in Action.can_be_changed_by() and friends.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW_PUBLISHED = [
    "inspections.view_force",
    "inspections.view_inspection",
    "inspections.view_gradedquestion",
    "inspections.view_finding",
    "actions.view_action",
    "actions.view_progressupdate",
]
# Everyone but panel members reads everything, and looks people up when an
# action's owner or lead is chosen.
REPORTS_EDIT = [
    f"reports.{verb}_{model}"
    for verb in ("view", "add", "change")
    for model in ("panelreport", "reportsection")
]
GOVERNANCE_VIEW = [
    "governance.view_section55response",
    "governance.view_recommendationresponse",
    "governance.view_meetingtype",
    "governance.view_meeting",
]
GOVERNANCE_EDIT = [
    f"governance.{verb}_{model}"
    for verb in ("add", "change")
    for model in ("section55response", "recommendationresponse", "meeting")
] + ["governance.view_dashboard"]
VIEW_ALL = (
    VIEW_PUBLISHED
    + GOVERNANCE_VIEW
    + [
        "inspections.view_unpublished",
        "inspections.view_sensitive",
        "accounts.view_user",
        "actions.view_duedateextension",
        "actions.view_evidence",
    ]
)
EDIT_INSPECTIONS = [
    f"inspections.{verb}_{model}"
    for verb in ("add", "change")
    for model in ("force", "inspection", "gradedquestion", "finding")
]
ROLE_PERMISSIONS = {
    "Panel member": VIEW_PUBLISHED,
    "Staff officer": VIEW_ALL + ["actions.change_action", "actions.add_progressupdate"],
    "Chief officer": VIEW_ALL
    + EDIT_INSPECTIONS
    + GOVERNANCE_EDIT
    + [
        "actions.add_action",
        "actions.change_action",
        "actions.change_any_action",
        "actions.close_action",
        "actions.decide_extension",
        "actions.delete_action",
        "actions.add_progressupdate",
    ],
    "Commissioner's office": VIEW_ALL
    + EDIT_INSPECTIONS
    + GOVERNANCE_EDIT
    + REPORTS_EDIT,
}


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("inspections", "0001_initial"),
        ("actions", "0001_initial"),
        ("governance", "0001_initial"),
        ("reports", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
