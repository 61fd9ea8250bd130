from django.db import migrations
from django.db.models import OuterRef, Subquery


def follow_updates(apps, schema_editor):
    """Each action's latest update, and for a closed action the date of the
    update that closed it, as Action.follow() now keeps them."""
    Action = apps.get_model("actions", "Action")
    ProgressUpdate = apps.get_model("actions", "ProgressUpdate")
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by(
        "-date", "-pk"
    )
    Action.objects.update(
        latest_update=Subquery(latest.values("pk")[:1]),
        last_update_on=Subquery(latest.values("date")[:1]),
    )
    Action.objects.filter(status="closed").update(
        closed_on=Subquery(latest.filter(status="closed").values("date")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("actions", "0005_followed_fields")]

    operations = [
        migrations.RunPython(follow_updates, migrations.RunPython.noop, elidable=True)
    ]
