from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from actions.models.action import Action
from actions.models.base import (
    ProgressFields,
    finished_means_100_percent,
    percent_in_range,
)
from actions.querysets import SENSITIVE_UPDATE, ProgressUpdateQuerySet
from inspections.querysets import GuardedManager
from pcc_panel.lib.text_limits import NARRATIVE


class ProgressUpdate(ProgressFields):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(default=timezone.localdate)
    narrative = models.TextField(
        help_text="What has been done since the last update.", max_length=NARRATIVE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GuardedManager.from_queryset(ProgressUpdateQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            percent_in_range("progress_update"),
            finished_means_100_percent("progress_update"),
        ]
        indexes = [
            models.Index(fields=["action", "-date"]),
            # the few sensitive updates: whether an export must be marked
            models.Index(
                fields=["action"],
                condition=SENSITIVE_UPDATE,
                name="progress_update_sensitive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action} – {self.date:%-d %b %Y}"

    def clean(self) -> None:
        super().clean()
        # a TextField's max_length binds forms only: every path saves through
        # the service, which cleans here
        if len(self.narrative) > NARRATIVE:
            raise ValidationError(
                {
                    "narrative": f"Write at most {NARRATIVE:,} characters (this has "
                    f"{len(self.narrative):,}). Attach a longer account as evidence."
                }
            )
