from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from actions.models.action import Action
from actions.querysets import DueDateExtensionQuerySet
from inspections.querysets import GuardedManager
from pcc_panel.lib.sql import Constant
from pcc_panel.lib.text_limits import REASON


class ExtensionDecision(models.TextChoices):
    PENDING = "pending", "Awaiting decision"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"


# Awaiting a decision, the SQL naming the value (pcc_panel.lib.sql): a partial
# unique index holds the pending requests, at most one an action.
PENDING = models.Q(decision=Constant(ExtensionDecision.PENDING))


class DueDateExtension(models.Model):
    """An owner's request to move an action's due date, and a chief officer's
    decision on it."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="extensions"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    current_due_date = models.DateField(help_text="The due date when it was asked for.")
    new_due_date = models.DateField()
    reason = models.TextField(max_length=REASON)
    decision = models.CharField(
        max_length=10,
        choices=ExtensionDecision.choices,
        default=ExtensionDecision.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True, max_length=REASON)
    requested_at = models.DateTimeField(auto_now_add=True)

    objects = GuardedManager.from_queryset(DueDateExtensionQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        permissions = [
            ("decide_extension", "Can approve or refuse a due-date extension")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["action"],
                condition=PENDING,
                name="one_pending_extension_per_action",
            ),
            models.CheckConstraint(
                condition=models.Q(new_due_date__gt=models.F("current_due_date")),
                name="extension_moves_the_due_date_later",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action}: to {self.new_due_date:%-d %b %Y}"

    @property
    def is_pending(self) -> bool:
        return self.decision == ExtensionDecision.PENDING

    def may_be_approved_on(self, today: datetime.date) -> bool:
        """Only while the date asked for is still to come: approved later, it
        would leave the action overdue the moment its date moved."""
        return self.new_due_date > today

    def check_approval(self, today: datetime.date) -> None:
        if self.may_be_approved_on(today):
            return
        raise ValidationError(
            f"The date asked for, {self.new_due_date:%-d %B %Y}, has passed: "
            "approving it would leave the action overdue at once. Refuse this "
            "request, saying why in the note; the owner can then ask for a later "
            "date."
        )

    def can_be_decided_by(self, user) -> bool:
        """A chief officer of the action's force, or of a body overseeing it."""
        return self.action.may(user, "actions.decide_extension")
