"""What changed in an inspection's action plan since the last Police and Crime
Panel meeting about its force: each action then (from the audit trail) beside
now, as far as the person may see. Two queries: the meeting, then the actions
now, each with its status and due date as they stood (from its history) and
its progress updates since."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from accounts.access import AnyUser, sees_action_plans
from actions.choices import Status
from actions.models import Action, ProgressUpdate
from actions.querysets import action_visibility
from governance.models import Meeting
from inspections.models import Inspection


@dataclass
class Change:
    action: Action
    was_status: str | None  # None: added since the meeting
    was_due: datetime.date | None
    new_updates: int

    @property
    def is_new(self) -> bool:
        return self.was_status is None

    @property
    def moved(self) -> bool:
        return not self.is_new and self.was_status != self.action.status

    @property
    def due_date_moved(self) -> bool:
        return not self.is_new and self.was_due != self.action.due_date


@dataclass
class SincePanel:
    meeting: Meeting
    changes: list[Change] = field(default_factory=list)

    @property
    def closed(self) -> list[Change]:
        return [c for c in self.changes if c.moved and c.action.status == Status.CLOSED]

    @property
    def moved(self) -> list[Change]:
        return [c for c in self.changes if c.moved]

    @property
    def due_dates_moved(self) -> list[Change]:
        return [c for c in self.changes if c.due_date_moved]

    @property
    def added(self) -> list[Change]:
        return [c for c in self.changes if c.is_new]

    @property
    def updates(self) -> int:
        return sum(c.new_updates for c in self.changes)

    @property
    def changed(self) -> list[Change]:
        """Each action that moved status or date, was added, or was updated."""
        return [
            c
            for c in self.changes
            if c.is_new or c.moved or c.due_date_moved or c.new_updates
        ]


def since_last_panel(
    inspection: Inspection, user: AnyUser, today: datetime.date
) -> SincePanel | None:
    """None for a thematic inspection (each force has its own panel), for
    someone who does not read action plans, or before any panel meeting."""
    if inspection.force_id is None or not sees_action_plans(user):
        return None
    meeting = (
        Meeting.objects.visible_to(user)
        .filter(
            force=inspection.force_id,
            meeting_type__for_the_panel=True,
            date__lt=today,
            date__gte=inspection.publication_date,
        )
        .select_related("meeting_type")
        .order_by("-date")
        .first()
    )
    if meeting is None:
        return None
    visible = action_visibility(user) & Q(finding__inspection=inspection.pk)
    then = Action.history.filter(
        id=OuterRef("pk"), history_date__lte=meeting.as_at
    ).order_by("-history_date", "-history_id")
    updates = (
        ProgressUpdate.objects.visible_to(user)
        .filter(action=OuterRef("pk"), date__gt=meeting.date)
        .order_by()
        .values("action")
        .annotate(count=Count("pk"))
        .values("count")
    )
    now = (
        Action.objects.filter(visible)
        .annotate(
            was_status=Subquery(then.values("status")[:1]),
            was_due=Subquery(then.values("due_date")[:1]),
            new_updates=Coalesce(Subquery(updates, output_field=IntegerField()), 0),
        )
        .only("title", "status", "due_date", "marking")
        .order_by("due_date", "pk")
    )
    since = SincePanel(meeting)
    for action in now:
        since.changes.append(
            Change(action, action.was_status, action.was_due, action.new_updates)
        )
    return since
