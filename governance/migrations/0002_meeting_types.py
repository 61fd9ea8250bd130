"""The meetings that review the response to an inspection, as the seed names them."""

from django.db import migrations

MEETING_TYPES = [
    (
        "Chief Officer Team",
        "weekly",
        "The chief officers review progress against the action plans.",
    ),
    (
        "Strategic Assurance Board",
        "monthly",
        "The Commissioner's board receives detailed reports on delivery.",
    ),
    (
        "Commissioner and Chief Constable one-to-one",
        "weekly",
        "The Commissioner holds the Chief Constable to account.",
    ),
    (
        "Police and Crime Panel",
        "as_needed",
        "The Panel scrutinises the Commissioner, with a formal report.",
    ),
]


def create_types(apps, schema_editor):
    MeetingType = apps.get_model("governance", "MeetingType")
    for name, frequency, purpose in MEETING_TYPES:
        MeetingType.objects.get_or_create(
            name=name, defaults={"frequency": frequency, "purpose": purpose}
        )


def delete_types(apps, schema_editor):
    names = [name for name, *_ in MEETING_TYPES]
    apps.get_model("governance", "MeetingType").objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]

    operations = [migrations.RunPython(create_types, delete_types)]
