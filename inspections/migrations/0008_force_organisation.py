"""Every force becomes an organisation of the same name; an installation with
forces and people in role groups gets one Commissioner's office overseeing
every force and one Police and Crime Panel overseeing the office, and each
person's role group becomes a membership: a staff or chief officer's in the
force when there is one, otherwise in the office (reaching every force, as
before; an administrator then narrows it), a panel member's in the panel."""

import django.db.models.deletion
from django.db import migrations, models

OFFICE = "Office of the Police and Crime Commissioner"
PANEL = "Police and Crime Panel"


def organisations(apps, schema_editor):
    Force = apps.get_model("inspections", "Force")
    Organisation = apps.get_model("accounts", "Organisation")
    Membership = apps.get_model("accounts", "Membership")
    User = apps.get_model("accounts", "User")
    forces = list(Force.objects.all())
    for force in forces:
        force.organisation = Organisation.objects.create(
            name=force.name, kind="police_force"
        )
        force.save(update_fields=["organisation"])
    roles = ("Panel member", "Staff officer", "Chief officer", "Commissioner's office")
    people = User.objects.filter(groups__name__in=roles).distinct()
    if not forces and not people.exists():
        return
    office = Organisation.objects.create(name=OFFICE, kind="commissioners_office")
    office.oversees.set([force.organisation for force in forces])
    panel = Organisation.objects.create(name=PANEL, kind="panel")
    panel.oversees.set([office])
    only_force = forces[0].organisation if len(forces) == 1 else None
    where = {
        "Panel member": panel,
        "Commissioner's office": office,
        "Staff officer": only_force or office,
        "Chief officer": only_force or office,
    }
    for user in people:
        for group in user.groups.filter(name__in=roles):
            Membership.objects.get_or_create(
                user=user, organisation=where[group.name], role=group.name
            )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_organisations"),
        ("inspections", "0007_finding_theme_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="force",
            name="organisation",
            field=models.OneToOneField(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="force",
                to="accounts.organisation",
            ),
        ),
        migrations.RunPython(organisations, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="force",
            name="organisation",
            field=models.OneToOneField(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="force",
                to="accounts.organisation",
            ),
        ),
    ]
