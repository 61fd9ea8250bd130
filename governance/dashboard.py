"""The chief officer team's dashboard: the figures (governance.figures) shown
as headline numbers, bars and a weekly series, and what depends on the day
(overdue, due soon, closed lately, what needs attention) counted live. The
number of queries does not grow with the number of actions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Window

from accounts.access import EVERYWHERE, reach
from actions import rules
from actions.choices import Status
from actions.models import Action, DueDateExtension
from actions.models.extension import PENDING
from governance.figures import COUNTED_FINDINGS, Figures, day_aggregates
from inspections.choices import FindingKind
from inspections.models import Finding, MonitoringPeriod, RaisedBefore
from pcc_panel.lib.sql import Among

MAX_WEEKS = 26
TABLE_ROWS = 10  # rows of each list; its headline figure links to them all


@dataclass
class Bar:
    """One theme's stacked bar: each status's count and its share of the bar."""

    theme: str
    progress: rules.Progress
    segments: list[tuple[Status, int, float]] = field(default_factory=list)
    counts: list[tuple[Status, int]] = field(default_factory=list)  # every status

    @property
    def total(self) -> int:
        return self.progress.count

    @property
    def closed(self) -> int:
        return self.progress.closed

    @property
    def mean_percent(self) -> int:
        return self.progress.mean_percent

    @property
    def share_closed(self) -> int:
        return self.progress.share_closed


def headline(
    figures: Figures, actions: QuerySet[Action], today: datetime.date
) -> dict[str, int]:
    """The figures' counts, and those that depend on the day (overdue, due
    soon, closed lately, RAG by rule): kept by day, or counted with the live
    figures; one query only for figures that have neither. `rag_*` are the
    owners'."""
    by_day = figures.on_the_day(today)
    if by_day is None:
        by_day = actions.order_by().aggregate(**day_aggregates(today))
    counts = figures.headline() | by_day
    # by rule, red is overdue; of the rest of the open actions, the amber
    counts["rule_red"] = counts["overdue"]
    counts["rule_green"] = counts["open"] - counts["rule_red"] - counts["rule_amber"]
    return counts


def status_by_theme(figures: Figures) -> list[Bar]:
    bars = []
    for theme, counts, progress in figures.progress_by_theme():
        segments = [
            (status, counts[status], counts[status] / progress.count)
            for status in Status
            if counts.get(status)
        ]
        bars.append(
            Bar(
                theme=theme,
                progress=progress,
                segments=segments,
                counts=[(status, counts.get(status, 0)) for status in Status],
            )
        )
    return bars


ROW_FIELDS = (
    "title", "status", "marking", "due_date",
    "owner__first_name", "owner__last_name", "owner__username",
    "lead__first_name", "lead__last_name", "lead__username",
)  # fmt: skip


def attention(
    actions: QuerySet[Action], today: datetime.date
) -> tuple[list[Action], list[Action]]:
    """The longest overdue actions and those longest awaiting sign-off, at
    most TABLE_ROWS of each (the headline figures say how many in all). Two
    queries, each a short walk of an index: ranking both lists in one query
    reads every overdue action's row first, and is a hundred times slower."""
    rows = actions.select_related("owner", "lead").only(*ROW_FIELDS)
    overdue = rows.filter(rules.overdue(today)).order_by("due_date", "pk")
    awaiting = (
        rows.select_related("latest_update")
        .only(*ROW_FIELDS, "latest_update__date")
        .filter(rules.AWAITING_SIGN_OFF)
        .order_by("due_date", "pk")
    )
    return list(overdue[:TABLE_ROWS]), list(awaiting[:TABLE_ROWS])


def extensions_awaiting(actions: QuerySet[Action]) -> list[DueDateExtension]:
    """Requests for a later due date that no one has decided, oldest first:
    at most TABLE_ROWS, each with how many there are in all."""
    pending = DueDateExtension.objects.filter(PENDING).order_by().values("action_id")
    return list(
        DueDateExtension.objects.filter(
            PENDING, action__in=actions.filter(Among("pk", pending))
        )
        .select_related("action", "requested_by")
        .only(
            "requested_at",
            "current_due_date",
            "new_due_date",
            "action__title",
            "action__marking",
            "requested_by__first_name",
            "requested_by__last_name",
            "requested_by__username",
        )  # fmt: skip
        .annotate(total=Window(Count("pk")))
        .order_by("requested_at", "pk")[:TABLE_ROWS]
    )


def closed_by_week(figures: Figures) -> list[dict]:
    """The share of all the actions closed by the end of each week, for at
    most the last MAX_WEEKS weeks in which any was closed."""
    total = figures.total_actions
    counts = {
        datetime.date.fromisoformat(week): n
        for week, n in figures.closed_weeks.items()
        if n
    }
    if not counts or not total:
        return []
    closed_weeks = sorted(counts)
    start = max(closed_weeks[0], closed_weeks[-1] - datetime.timedelta(weeks=MAX_WEEKS))
    closed = sum(n for week, n in counts.items() if week < start)
    series, week = [], start
    while week <= closed_weeks[-1]:
        closed += counts.get(week, 0)
        series.append(
            {"week": week, "closed": closed, "share": round(100 * closed / total)}
        )
        week += datetime.timedelta(weeks=1)
    return series


def in_monitoring(user, force_id: int | None) -> list[MonitoringPeriod]:
    """The forces and services now in HMICFRS's Scan or Engage: the one chosen,
    or those whose sensitive material the person reads (their own); one query."""
    periods = MonitoringPeriod.objects.visible_to(user).filter(left__isnull=True)
    if force_id is not None:
        periods = periods.filter(force_id=force_id)
    else:
        reached = reach(user, "inspections.view_sensitive")
        if reached is not EVERYWHERE:
            periods = periods.filter(force__organisation__in=reached)
    return list(periods.select_related("force").order_by("force__name"))


def raised_again(user, finding_conditions) -> list[tuple[int, str]]:
    """How many of the counted findings were confirmed as raised before, by
    kind: "3 areas for improvement raised again". One query."""
    # the link's own rule already asks that both findings be seen: the
    # dashboard's conditions, not that rule again over every finding
    counted = Finding.objects.filter(Q(COUNTED_FINDINGS) & finding_conditions)
    rows = dict(
        RaisedBefore.objects.visible_to(user)
        .confirmed()
        .filter(finding__in=counted.values("pk"))
        .values_list("finding__kind")
        .annotate(n=Count("finding", distinct=True))
        .order_by()
    )
    return [
        (
            rows[kind],
            (
                FindingKind(kind).label if rows[kind] == 1 else FindingKind(kind).plural
            ).lower(),
        )
        for kind in FindingKind
        if rows.get(kind)
    ]
