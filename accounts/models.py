from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from accounts.roles import Role


class User(AbstractUser):
    _role: Role | None  # cached by accounts.access.role_of, not a field

    job_title = models.CharField(
        max_length=150, blank=True, help_text="e.g. Deputy Chief Constable"
    )

    class Meta(AbstractUser.Meta):
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class OrganisationKind(models.TextChoices):
    POLICE_FORCE = "police_force", "Police force"
    FIRE_AND_RESCUE = "fire_and_rescue", "Fire and rescue service"
    COMMISSIONERS_OFFICE = "commissioners_office", "Commissioner's office"
    POLICE_AND_CRIME_PANEL = "panel", "Police and Crime Panel"
    NATIONAL_BODY = "national_body", "National body"


class Organisation(models.Model):
    """A body whose people use PCC Panel, or that an inspection is about. A role
    is held in an organisation and reaches the organisations it oversees: a
    Commissioner's office its force and fire service, a panel its office (and
    so what the office oversees)."""

    name = models.CharField(max_length=150, unique=True)
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    oversees = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="overseen_by",
        blank=True,
        help_text="A Commissioner's office oversees its force and fire and rescue "
        "service; a Police and Crime Panel oversees its Commissioner's office.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's role in one organisation: what the role may do, it may do
    there and in the organisations it oversees, and nowhere else."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        ordering = ["organisation", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}, {self.organisation}"
