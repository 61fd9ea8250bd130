"""The chief officer team's figures, each one database aggregate: the number of
queries does not grow with the number of actions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)

from actions.choices import RAG, Status
from actions.models import Action, ProgressUpdate
from inspections.choices import FindingKind
from inspections.models import Finding

OPEN = ~Q(status=Status.CLOSED)
UNFINISHED = ~Q(status__in=Status.finished_values())
MAX_WEEKS = 26
TABLE_ROWS = 25


@dataclass
class Bar:
    """One theme's stacked bar: each status's count and its share of the bar."""

    theme: str
    total: int
    closed: int
    mean_percent: int
    segments: list[tuple[Status, int, float]] = field(default_factory=list)

    @property
    def share_closed(self) -> int:
        return round(100 * self.closed / self.total) if self.total else 0


def headline(actions: QuerySet[Action], today: datetime.date) -> dict[str, int]:
    month_ago = today - datetime.timedelta(days=30)
    month_on = today + datetime.timedelta(days=30)
    by_status = {
        status.value: Count("pk", filter=Q(status=status)) for status in Status
    }
    by_rag = {f"rag_{rag.value}": Count("pk", filter=OPEN & Q(rag=rag)) for rag in RAG}
    return actions.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=OPEN),
        overdue=Count("pk", filter=UNFINISHED & Q(due_date__lt=today)),
        due_30=Count(
            "pk", filter=UNFINISHED & Q(due_date__gte=today, due_date__lte=month_on)
        ),
        closed_30=Count(
            "pk", filter=Q(status=Status.CLOSED, signed_off_at__date__gte=month_ago)
        ),
        **by_status,
        **by_rag,
    )


def open_findings(findings: QuerySet[Finding]) -> dict[str, int]:
    """Areas for improvement and recommendations not yet answered in full: no
    action yet, or an action still open."""
    open_action = Action.objects.filter(finding=OuterRef("pk")).exclude(
        status=Status.CLOSED
    )
    any_action = Action.objects.filter(finding=OuterRef("pk"))
    return (
        findings.filter(
            kind__in=[FindingKind.AREA_FOR_IMPROVEMENT, FindingKind.RECOMMENDATION]
        )
        .filter(Exists(open_action) | ~Exists(any_action))
        .aggregate(
            areas=Count(
                "pk", distinct=True, filter=Q(kind=FindingKind.AREA_FOR_IMPROVEMENT)
            ),
            recommendations=Count(
                "pk", distinct=True, filter=Q(kind=FindingKind.RECOMMENDATION)
            ),
        )
    )


def progress_by_question(actions: QuerySet[Action]) -> list[dict]:
    """By question as the inspections ask it: across forces and years the same
    PEEL question is one row, however many inspections asked it."""
    return list(
        actions.values(wording=F("finding__question__wording"))
        .annotate(
            short_title=Max("finding__question__short_title"),
            total=Count("pk"),
            closed=Count("pk", filter=Q(status=Status.CLOSED)),
            mean_percent=Avg("percent_complete"),
            first=Min("finding__question__order"),
        )
        .order_by("first", "wording")
    )


def status_by_theme(actions: QuerySet[Action]) -> list[Bar]:
    """Each theme's actions by status, with its progress: one grouped query."""
    rows = list(
        actions.values("finding__theme", "status")
        .annotate(count=Count("pk"), percent=Sum("percent_complete"))
        .order_by("finding__theme")
    )
    counts: dict[str, dict[str, int]] = {}
    sums: dict[str, int] = {}
    for row in rows:
        theme = row["finding__theme"] or "No theme"
        counts.setdefault(theme, {})[row["status"]] = row["count"]
        sums[theme] = sums.get(theme, 0) + (row["percent"] or 0)
    bars = []
    for theme, by_status in counts.items():
        total = sum(by_status.values())
        bar = Bar(
            theme=theme,
            total=total,
            closed=by_status.get(Status.CLOSED, 0),
            mean_percent=round(sums[theme] / total),
        )
        bar.segments = [
            (status, by_status[status], by_status[status] / total)
            for status in Status
            if by_status.get(status)
        ]
        bars.append(bar)
    return bars


def attention(actions: QuerySet[Action], today: datetime.date):
    """The overdue actions and those awaiting sign-off, in one query."""
    rows = list(
        actions.filter(
            (UNFINISHED & Q(due_date__lt=today)) | Q(status=Status.COMPLETED)
        )
        .select_related("owner", "lead", "finding__inspection__force")
        .order_by("due_date", "pk")[: TABLE_ROWS * 2]
    )
    overdue = [a for a in rows if a.status != Status.COMPLETED][:TABLE_ROWS]
    awaiting = [a for a in rows if a.status == Status.COMPLETED][:TABLE_ROWS]
    return overdue, awaiting


def closed_by_week(actions: QuerySet[Action], total: int) -> list[dict]:
    """The share of the `total` actions closed by the end of each week, from
    the progress updates that closed them; at most the last MAX_WEEKS weeks
    with a closure. One grouped query over the closing updates."""
    firsts = (
        ProgressUpdate.objects.filter(
            status=Status.CLOSED, action__in=actions.order_by().values("pk")
        )
        .values("action")
        .annotate(first=Min("date"))
        .values_list("first", flat=True)
    )
    counts: dict[datetime.date, int] = {}
    for day in firsts:
        week = day - datetime.timedelta(days=day.weekday())
        counts[week] = counts.get(week, 0) + 1
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
