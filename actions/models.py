from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.access import AnyUser
from actions.choices import RAG, Status
from actions.querysets import ActionQuerySet, ProgressUpdateQuerySet
from inspections.choices import FindingKind
from inspections.models import Finding, Marked

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
    delegates = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="delegated_actions",
        help_text="People who may update this action on the owner's behalf.",
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
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        permissions = [
            ("change_any_action", "Can change any action, not only their own"),
            ("close_action", "Can sign off (close) an action"),
        ]
        constraints = [percent_in_range("action"), finished_means_100_percent("action")]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actions:detail", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        return (
            self.status not in Status.finished_values()
            and self.due_date < timezone.localdate()
        )

    def clean(self) -> None:
        super().clean()
        if self.finding_id and self.finding.kind == FindingKind.STRENGTH:
            raise ValidationError(
                {
                    "finding": "A strength needs no action: choose an area for "
                    "improvement, a recommendation or a cause of concern."
                }
            )

    def is_owned_by(self, user: AnyUser) -> bool:
        """The owner, or a delegate named on the action."""
        if not user.is_authenticated:
            return False
        return self.owner_id == user.pk or self.delegates.filter(pk=user.pk).exists()

    def can_be_changed_by(self, user: AnyUser) -> bool:
        if not user.has_perm("actions.change_action"):
            return False
        return user.has_perm("actions.change_any_action") or self.is_owned_by(user)

    def can_be_updated_by(self, user: AnyUser) -> bool:
        """May record progress on it."""
        if not user.has_perm("actions.add_progressupdate"):
            return False
        return user.has_perm("actions.change_any_action") or self.is_owned_by(user)

    def check_progress(self, *, user: AnyUser, status: str) -> None:
        """Refuse an update this person may not give: the one rule for the admin,
        the site and any import."""
        if not self.can_be_updated_by(user):
            raise PermissionDenied(
                "You can only update actions you own or are a named delegate for."
            )
        if (
            status == Status.CLOSED
            and self.status != Status.CLOSED
            and not user.has_perm("actions.close_action")
        ):
            raise ValidationError(
                {"status": "Only a chief officer can sign off (close) an action."}
            )


class ProgressUpdate(ProgressFields):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(default=timezone.localdate)
    narrative = models.TextField(help_text="What has been done since the last update.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgressUpdateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            percent_in_range("progress_update"),
            finished_means_100_percent("progress_update"),
        ]
        indexes = [models.Index(fields=["action", "-date"])]

    def __str__(self) -> str:
        return f"{self.action} – {self.date:%-d %b %Y}"
