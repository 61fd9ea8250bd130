from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from actions.choices import RAG, Status
from actions.querysets import ActionQuerySet
from inspections.choices import FindingKind
from inspections.models import Finding

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


class ProgressFields(models.Model):
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


class Action(ProgressFields):
    finding = models.ForeignKey(
        Finding,
        on_delete=models.PROTECT,
        related_name="actions",
        limit_choices_to=~Q(kind=FindingKind.STRENGTH),
        help_text="The area for improvement, recommendation or cause of concern "
        "this action answers.",
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_actions"
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_actions",
        verbose_name="lead chief officer",
    )
    due_date = models.DateField()
    is_demo = models.BooleanField(
        "demo data",
        default=False,
        help_text="Illustrative data loaded by load_demo, not a real action plan.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [percent_in_range("action"), finished_means_100_percent("action")]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.finding_id and self.finding.kind == FindingKind.STRENGTH:
            raise ValidationError(
                {
                    "finding": "A strength needs no action: choose an area for "
                    "improvement, a recommendation or a cause of concern."
                }
            )


class ProgressUpdate(ProgressFields):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(default=timezone.localdate)
    narrative = models.TextField(help_text="What has been done since the last update.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            percent_in_range("progress_update"),
            finished_means_100_percent("progress_update"),
        ]
        indexes = [models.Index(fields=["action", "-date"])]

    def __str__(self) -> str:
        return f"{self.action} – {self.date:%-d %b %Y}"
