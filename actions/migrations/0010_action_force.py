"""Each action names the force whose action plan it is in (issue 15: a thematic
inspection applies to several forces). Existing actions take their
inspection's force, their history rows likewise."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

HELP = (
    "Whose action plan it is in: set from the inspection for an inspection of "
    "one force; for a thematic inspection, one of the forces it applies to."
)


def force_from_inspection(apps, schema_editor):
    Finding = apps.get_model("inspections", "Finding")
    inspected = Finding.objects.filter(pk=OuterRef("finding_id")).values(
        "inspection__force"
    )[:1]
    for name in ("Action", "HistoricalAction"):
        apps.get_model("actions", name).objects.update(force=Subquery(inspected))


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0009_evidence_of_effect"),
        ("inspections", "0012_thematic_inspections"),
    ]

    operations = [
        migrations.AddField(
            model_name="action",
            name="force",
            field=models.ForeignKey(
                blank=True,
                null=True,
                help_text=HELP,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="actions",
                to="inspections.force",
                verbose_name="force or service",
            ),
        ),
        migrations.AddField(
            model_name="historicalaction",
            name="force",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text=HELP,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="inspections.force",
                verbose_name="force or service",
            ),
        ),
        migrations.RunPython(force_from_inspection, migrations.RunPython.noop),
    ]
