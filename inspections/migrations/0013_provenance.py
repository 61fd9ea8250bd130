from django.db import migrations, models


def source(what: str) -> models.CharField:
    return models.CharField(
        blank=True,
        help_text=f"For a {what} read from a document: the file and the page or "
        f"line {'its grade was' if what == 'question' else 'it was'} read from.",
        max_length=200,
        verbose_name="where in the document",
    )


class Migration(migrations.Migration):
    dependencies = [("inspections", "0012_thematic_inspections")]

    operations = [
        migrations.AddField("finding", "source", source("finding")),
        migrations.AddField("historicalfinding", "source", source("finding")),
        migrations.AddField("gradedquestion", "source", source("question")),
        migrations.AddField("historicalgradedquestion", "source", source("question")),
    ]
