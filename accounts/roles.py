from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    """The people who use PCC Panel; each is a Django group of the same name."""

    PANEL_MEMBER = "Panel member", "Panel member"
    STAFF_OFFICER = "Staff officer", "Staff officer"
    CHIEF_OFFICER = "Chief officer", "Chief officer"
    COMMISSIONERS_OFFICE = "Commissioner's office", "Commissioner's office"

    @property
    def uses_admin(self) -> bool:
        return self != Role.PANEL_MEMBER
