"""A panel paper names the force whose response it sets out (issue 15): a
thematic inspection applies to several forces, and each Commissioner reports
their own. Existing papers take their inspection's force."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

HELP = (
    "Whose response the report sets out: the force inspected, or for a thematic "
    "inspection the force this Commissioner oversees."
)


def force_from_inspection(apps, schema_editor):
    Inspection = apps.get_model("inspections", "Inspection")
    inspected = Inspection.objects.filter(pk=OuterRef("inspection_id")).values("force")[
        :1
    ]
    for name in ("PanelReport", "HistoricalPanelReport"):
        apps.get_model("reports", name).objects.filter(inspection__isnull=False).update(
            force=Subquery(inspected)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_report_amendments"),
        ("inspections", "0012_thematic_inspections"),
    ]

    operations = [
        migrations.AddField(
            model_name="panelreport",
            name="force",
            field=models.ForeignKey(
                blank=True,
                help_text=HELP,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="panel_reports",
                to="inspections.force",
                verbose_name="force or service",
            ),
        ),
        migrations.AddField(
            model_name="historicalpanelreport",
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
