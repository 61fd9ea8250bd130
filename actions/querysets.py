from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Max, Prefetch, Q
from django.utils import timezone

from accounts.access import AnyUser, sees_action_plans, sees_sensitive
from actions.choices import Status
from inspections.choices import Marking
from inspections.querysets import NOTHING, finding_visibility


def action_visibility(user: AnyUser, prefix: str = "") -> Q:
    """Action plans are for people with a role; OFFICIAL-SENSITIVE ones, and those
    of inspections they may not see, only for those entitled to them."""
    if not sees_action_plans(user):
        return NOTHING
    visible = finding_visibility(user, f"{prefix}finding__")
    if not sees_sensitive(user):
        visible &= Q(**{f"{prefix}marking": Marking.OFFICIAL})
    return visible


def progress_update_visibility(user: AnyUser) -> Q:
    if not user.has_perm("actions.view_progressupdate"):
        return NOTHING
    visible = action_visibility(user, "action__")
    if not sees_sensitive(user):
        visible &= Q(marking=Marking.OFFICIAL)
    return visible


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser) -> ActionQuerySet:
        return self.filter(action_visibility(user))

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


class ProgressUpdateQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser) -> ProgressUpdateQuerySet:
        return self.filter(progress_update_visibility(user))


def visible_actions_of_findings(user: AnyUser) -> Prefetch:
    """For a list of findings: each one's actions that the person may see, as
    `finding.visible_actions`, in one query."""
    from actions.models import Action

    return Prefetch(
        "actions",
        queryset=Action.objects.visible_to(user).order_by("due_date", "pk"),
        to_attr="visible_actions",
    )
