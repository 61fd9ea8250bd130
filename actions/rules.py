"""Where an action stands, defined once: the queryset methods, the model's
properties, the dashboard's aggregates and the figures kept for each force all
use these, in SQL (the Q objects) or in Python (the predicates)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from actions.choices import Status
from pcc_panel.lib.sql import Constant, constants

FINISHED = tuple(Status.finished_values())  # the work is done: completed, closed
DECIDED = tuple(Status.decided_values())  # signed off, or not adopted
DUE_SOON_DAYS = 30

# Open: not yet decided (signed off or not adopted). Unfinished: work still
# expected, not yet done. Closed: signed off, and only that: an action not
# adopted is neither open nor closed, and is never overdue.
# Their values are spelt out in the SQL (pcc_panel.lib.sql), so that a prepared
# statement's plan can use the partial indexes built on them.
OPEN = ~Q(status__in=constants(DECIDED))
UNFINISHED = ~Q(status__in=constants(FINISHED + (Status.NOT_ADOPTED,)))
CLOSED = Q(status=Constant(Status.CLOSED))
AWAITING_SIGN_OFF = Q(status=Constant(Status.COMPLETED))  # done, not yet signed off


# Counted: an action of an inspection published on this site. A draft (an
# import not yet checked and published) is not yet the force's to answer: the
# dashboard, the tracker and their exports leave its actions out.
COUNTED = Q(finding__inspection__is_published=True)
CLOSED_LATELY_DAYS = 30


def closed_lately(today: datetime.date) -> Q:
    """Signed off within the last CLOSED_LATELY_DAYS days."""
    since = today - datetime.timedelta(days=CLOSED_LATELY_DAYS)
    return CLOSED & Q(closed_on__gte=since)


def is_open(status: str) -> bool:
    return status not in DECIDED


def is_closed(status: str) -> bool:
    return status == Status.CLOSED


def is_unfinished(status: str) -> bool:
    return status not in FINISHED and status != Status.NOT_ADOPTED


def overdue(today: datetime.date) -> Q:
    """Past the due date with the work not done."""
    return UNFINISHED & Q(due_date__lt=today)


def is_overdue(status: str, due_date: datetime.date, today: datetime.date) -> bool:
    return is_unfinished(status) and due_date < today


def due_within(days: int, today: datetime.date) -> Q:
    """Unfinished, and due between today and `days` from now, both included."""
    until = today + datetime.timedelta(days=days)
    return UNFINISHED & Q(due_date__gte=today, due_date__lte=until)


@dataclass(frozen=True)
class Progress:
    """How far a group of actions has got: how many, how many closed, and the
    mean of their percentages complete (rounded; 0 for no actions)."""

    count: int
    closed: int
    mean_percent: int

    @classmethod
    def of_totals(cls, count: int, closed: int, percent_sum: int) -> Progress:
        return cls(count, closed, round(percent_sum / count) if count else 0)

    @classmethod
    def of(cls, actions: Iterable) -> Progress:
        actions = list(actions)
        return cls.of_totals(
            len(actions),
            sum(is_closed(action.status) for action in actions),
            sum(action.percent_complete for action in actions),
        )

    @property
    def share_closed(self) -> int:
        return round(100 * self.closed / self.count) if self.count else 0
