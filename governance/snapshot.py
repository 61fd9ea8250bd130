"""A meeting's progress snapshot: every open action as it stood at the meeting,
from the audit trail, and what changed since the last meeting of its kind."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Protocol

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from accounts.access import AnyUser
from actions.choices import Status
from actions.models import Action, ProgressUpdate
from actions.querysets import action_visibility
from governance.models import Meeting
from inspections.choices import Marking


@dataclass
class SnapshotRow:
    action_id: int
    title: str
    owner: str
    due_date: datetime.date
    status: str
    rag: str
    percent_complete: int
    marking: str
    was_status: str | None  # at the previous meeting; None if it did not exist
    new_updates: int
    newly_overdue: bool
    # its finding or inspection is OFFICIAL-SENSITIVE, whatever its own marking
    in_sensitive_context: bool = False

    @property
    def sensitive(self) -> bool:
        return self.in_sensitive_context or self.marking == Marking.OFFICIAL_SENSITIVE

    @property
    def moved(self) -> bool:
        return self.was_status is not None and self.was_status != self.status


@dataclass
class Snapshot:
    meeting: Meeting
    previous: Meeting | None
    rows: list[SnapshotRow] = field(default_factory=list)

    @property
    def moved(self) -> list[SnapshotRow]:
        return [row for row in self.rows if row.moved]

    @property
    def with_new_updates(self) -> list[SnapshotRow]:
        return [row for row in self.rows if row.new_updates]

    @property
    def newly_overdue(self) -> list[SnapshotRow]:
        return [row for row in self.rows if row.newly_overdue]

    @property
    def sensitive(self) -> bool:
        return any(row.sensitive for row in self.rows)


class ActionRecord(Protocol):
    """What is read of an action's historical record (simple_history, untyped)."""

    id: int
    finding_id: int
    owner_id: int
    title: str
    due_date: datetime.date
    status: str
    rag: str
    percent_complete: int
    marking: str


def states_as_at(when: datetime.datetime, visible: Q) -> dict[int, ActionRecord]:
    """Each action's historical record current at `when`: one query."""
    records = (
        Action.history.filter(history_date__lte=when)
        .latest_of_each()
        .exclude(history_type="-")
        .filter(id__in=Action.objects.filter(visible).values("pk"))
    )
    return {record.id: record for record in records}


def meeting_snapshot(meeting: Meeting, user: AnyUser) -> Snapshot:
    """The force's plan as it stood at the meeting, beside the previous meeting
    of the same kind about the same force; as far as the person may see."""
    previous = (
        Meeting.objects.filter(
            force=meeting.force_id,
            meeting_type=meeting.meeting_type,
            date__lt=meeting.date,
        )
        .order_by("-date")
        .first()
    )
    visible = action_visibility(user)
    if meeting.force_id is not None:  # else recorded before meetings had a force
        visible &= Q(force=meeting.force_id)
    now = states_as_at(meeting.as_at, visible)
    then = states_as_at(previous.as_at, visible) if previous else {}
    since = previous.date if previous else datetime.date.min
    updates = dict(
        ProgressUpdate.objects.visible_to(user)
        .filter(date__gt=since, date__lte=meeting.date, action_id__in=list(now))
        .values_list("action_id")
        .annotate(count=Count("pk"))
    )
    people = get_user_model().objects.in_bulk({r.owner_id for r in now.values()})
    in_sensitive = set(
        Action.objects.filter(pk__in=list(now))
        .filter(
            Q(finding__marking=Marking.OFFICIAL_SENSITIVE)
            | Q(finding__inspection__marking=Marking.OFFICIAL_SENSITIVE)
        )
        .values_list("pk", flat=True)
    )
    rows = []
    for action_id, record in sorted(now.items(), key=lambda item: item[1].due_date):
        if record.status == Status.CLOSED:
            continue
        earlier = then.get(action_id)
        finished = record.status in Status.finished_values()
        rows.append(
            SnapshotRow(
                action_id=action_id,
                title=record.title,
                owner=str(people.get(record.owner_id, "")),
                due_date=record.due_date,
                status=record.status,
                rag=record.rag,
                percent_complete=record.percent_complete,
                marking=record.marking,
                was_status=earlier.status if earlier else None,
                new_updates=updates.get(action_id, 0),
                newly_overdue=not finished and since <= record.due_date < meeting.date,
                in_sensitive_context=action_id in in_sensitive,
            )
        )
    return Snapshot(meeting=meeting, previous=previous, rows=rows)
