"""An action's audit trail as people read it: "Status: In progress → Completed,
by Sam Carter, 3 Apr 2017 14:05"."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import models

from actions.models import Action

SHOWN_FIELDS = [
    "title",
    "description",
    "owner",
    "lead",
    "due_date",
    "status",
    "rag",
    "percent_complete",
    "marking",
]
PEOPLE_FIELDS = {"owner", "lead"}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class TimelineEntry:
    when: datetime.datetime
    who: str
    summary: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class Timeline:
    entries: list[TimelineEntry]
    more: bool  # older changes than these


def action_timeline(action: Action, newest: int | None = None) -> Timeline:
    """Newest first: all of it, or the `newest` changes. Two queries: the
    action's history, and the people named in it."""
    records = action.history.select_related("history_user").order_by(
        "-history_date", "-history_id"
    )
    if newest is not None:
        records = records[: newest + 1]  # and the one each first change is from
    records = list(records)[::-1]
    first = newest is None or len(records) <= newest
    people = people_named_in(records)
    entries, previous = [], None
    for record in records:
        who = author_of(record)
        if previous is None:
            if first:
                entries.append(
                    TimelineEntry(record.history_date, who, "Action created")
                )
        else:
            changes = changes_between(previous, record, people)
            if changes:
                entries.append(
                    TimelineEntry(record.history_date, who, "Changed", changes)
                )
        previous = record
    return Timeline(entries=entries[::-1], more=not first)


def people_named_in(records) -> dict:
    return get_user_model().objects.in_bulk(
        {getattr(r, f"{name}_id") for r in records for name in PEOPLE_FIELDS}
    )


def author_of(record) -> str:
    return str(record.history_user) if record.history_user else "the system"


def changes_between(old_record, new_record, people) -> list[Change]:
    """What a person would notice had changed between two historical records."""
    delta = new_record.diff_against(old_record, included_fields=SHOWN_FIELDS)
    return [_change(c.field, c.old, c.new, people) for c in delta.changes]


def _change(name: str, old, new, people) -> Change:
    model_field = Action._meta.get_field(name)
    assert isinstance(model_field, models.Field)  # one of SHOWN_FIELDS
    label = str(model_field.verbose_name)
    return Change(
        label=label[0].upper() + label[1:],
        old=_shown(model_field, old, people),
        new=_shown(model_field, new, people),
    )


def _shown(model_field, value, people) -> str:
    if value in (None, ""):
        return "none"
    if model_field.name in PEOPLE_FIELDS:
        person = people.get(value)
        return str(person) if person else "someone since removed"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return f"{value:%-d %b %Y}"
    if model_field.name == "percent_complete":
        return f"{value}%"
    if model_field.name == "description":
        return "(new wording)" if value else "none"
    return str(value)
