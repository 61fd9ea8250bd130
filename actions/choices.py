from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CLOSED = "closed", "Closed"
    BLOCKED = "blocked", "Blocked"
    NOT_ADOPTED = "not_adopted", "Not adopted"

    @classmethod
    def finished_values(cls) -> list[Status]:
        """Statuses that mean the work is done, signed off or not."""
        return [cls.COMPLETED, cls.CLOSED]

    @classmethod
    def decided_values(cls) -> list[Status]:
        """Statuses a chief officer has decided: signed off, or not adopted
        (the force will not do it, for a reason it gives)."""
        return [cls.CLOSED, cls.NOT_ADOPTED]


class RAG(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
