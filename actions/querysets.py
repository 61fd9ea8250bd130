from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Max
from django.utils import timezone

from actions.choices import Status


class ActionQuerySet(models.QuerySet):
    def open(self) -> ActionQuerySet:
        """Not yet signed off."""
        return self.exclude(status=Status.CLOSED)

    def overdue(self, today: datetime.date | None = None) -> ActionQuerySet:
        """Past their due date with the work not done (completed or closed)."""
        today = today or timezone.localdate()
        return self.exclude(status__in=Status.finished_values()).filter(
            due_date__lt=today
        )

    def with_last_update(self) -> ActionQuerySet:
        return self.annotate(last_update_date=Max("updates__date"))

    def for_tracker(self) -> ActionQuerySet:
        return self.select_related(
            "finding__inspection__force", "owner", "lead"
        ).with_last_update()
