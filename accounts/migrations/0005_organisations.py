import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_grant_view_amendment")]

    operations = [
        migrations.CreateModel(
            name="Organisation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("name", models.CharField(max_length=150, unique=True)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("police_force", "Police force"),
                            ("fire_and_rescue", "Fire and rescue service"),
                            ("commissioners_office", "Commissioner's office"),
                            ("panel", "Police and Crime Panel"),
                            ("national_body", "National body"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "oversees",
                    models.ManyToManyField(
                        blank=True,
                        help_text="A Commissioner's office oversees its force and fire and rescue service; a Police and Crime Panel oversees its Commissioner's office.",
                        related_name="overseen_by",
                        to="accounts.organisation",
                    ),
                ),
            ],
            options={"ordering": ["name"]},
        ),
        migrations.CreateModel(
            name="Membership",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("Panel member", "Panel member"),
                            ("Staff officer", "Staff officer"),
                            ("Chief officer", "Chief officer"),
                            ("Commissioner's office", "Commissioner's office"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="memberships",
                        to="accounts.organisation",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["organisation", "role"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("user", "organisation", "role"),
                        name="membership_unique",
                    )
                ],
            },
        ),
    ]
