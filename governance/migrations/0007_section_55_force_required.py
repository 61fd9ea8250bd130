import django.db.models.deletion
from django.db import migrations, models

HELP = (
    "The force whose Commissioner answers: the force inspected, or for a "
    "thematic inspection one of those it applies to."
)


class Migration(migrations.Migration):
    dependencies = [("governance", "0006_section_55_per_force")]

    operations = [
        migrations.AlterField(
            model_name="section55response",
            name="force",
            field=models.ForeignKey(
                blank=True,
                help_text=HELP,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="section_55_responses",
                to="inspections.force",
            ),
        ),
        migrations.AlterField(
            model_name="section55response",
            name="inspection",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="section_55_responses",
                to="inspections.inspection",
            ),
        ),
        migrations.AddConstraint(
            model_name="section55response",
            constraint=models.UniqueConstraint(
                fields=("inspection", "force"),
                name="section_55_one_response_per_force",
            ),
        ),
    ]
