from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q

from actions.choices import RAG, Status
from inspections.models import Marked

PERCENT_VALIDATORS = [MaxValueValidator(100)]


def percent_in_range(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(percent_complete__gte=0, percent_complete__lte=100),
        name=f"{prefix}_percent_complete_0_to_100",
    )


def finished_means_100_percent(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=~Q(status__in=Status.finished_values()) | Q(percent_complete=100),
        name=f"{prefix}_finished_is_100_percent",
    )


class ProgressFields(Marked):
    """Where an action stands: held by the action now, and by each update as then."""

    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    rag = models.CharField("RAG", max_length=10, choices=RAG.choices, default=RAG.GREEN)
    percent_complete = models.PositiveSmallIntegerField(
        default=0, validators=PERCENT_VALIDATORS
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        if self.status in Status.finished_values() and self.percent_complete != 100:
            raise ValidationError(
                {"percent_complete": "A completed or closed action is 100% complete."}
            )
