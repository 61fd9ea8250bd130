from __future__ import annotations

from django.conf import settings
from django.db import models


class ReminderSent(models.Model):
    """One row per owner per day, so that send_reminders sends each once."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField()
    action_count = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "date"], name="one_reminder_per_owner_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.owner} on {self.date:%-d %b %Y}"
