"""Section 55 responses per force (issue 15): a thematic inspection is answered
by each Commissioner whose force it applies to. Existing responses are the
inspected force's."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery

HELP = (
    "The force whose Commissioner answers: the force inspected, or for a "
    "thematic inspection one of those it applies to."
)


def force_from_inspection(apps, schema_editor):
    Inspection = apps.get_model("inspections", "Inspection")
    inspected = Inspection.objects.filter(pk=OuterRef("inspection_id")).values("force")[
        :1
    ]
    for name in ("Section55Response", "HistoricalSection55Response"):
        apps.get_model("governance", name).objects.update(force=Subquery(inspected))


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0005_figures_total"),
        ("inspections", "0012_thematic_inspections"),
    ]

    operations = [
        migrations.AddField(
            model_name="section55response",
            name="force",
            field=models.ForeignKey(
                blank=True,
                null=True,
                help_text=HELP,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="section_55_responses",
                to="inspections.force",
            ),
        ),
        migrations.AddField(
            model_name="historicalsection55response",
            name="force",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text=HELP,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="inspections.force",
            ),
        ),
        migrations.RunPython(force_from_inspection, migrations.RunPython.noop),
    ]
