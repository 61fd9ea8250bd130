import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("actions", "0010_action_force")]

    operations = [
        migrations.AlterField(
            model_name="action",
            name="force",
            field=models.ForeignKey(
                blank=True,
                help_text="Whose action plan it is in: set from the inspection for "
                "an inspection of one force; for a thematic inspection, one of the "
                "forces it applies to.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="actions",
                to="inspections.force",
                verbose_name="force or service",
            ),
        ),
    ]
