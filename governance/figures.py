"""The dashboard's figures that do not depend on the day: how many actions
stand where, by theme and by graded question, which week each was closed, and
how many findings are still open. Counted in the database for any set of
actions (`figures_of`), and kept for each force as its actions, findings and
inspections are written (`ForceFigures`, refreshed by `force_figures_refresh`),
so that the dashboard of every force reads 43 rows rather than 46,000 actions.
Kept figures are for people who see every action; they add up across forces."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncWeek
from django.utils import timezone

from actions import rag, rules
from actions.choices import RAG, Status
from actions.models import Action
from inspections.choices import FindingKind
from inspections.models import Finding, GradedQuestion, Inspection

ANSWERED_KINDS = (FindingKind.AREA_FOR_IMPROVEMENT, FindingKind.RECOMMENDATION)


FORMAT = 6  # of the kept JSON: rows of an earlier format are counted again
# Closures kept by day reach this far back from the day they were counted: a
# closure is dated no later than the write that counted it, so every one of
# the last 30 days before any later day is among them.
CLOSED_DAYS_KEPT = 60

# The dashboard counts the inspections published on this site (rules.COUNTED).
COUNTED_ACTIONS = rules.COUNTED
COUNTED_FINDINGS = Q(inspection__is_published=True)
COUNTED_INSPECTIONS = Q(is_published=True)


@dataclass
class Figures:
    by_status: Counter[str] = field(default_factory=Counter)
    open_by_rag: Counter[str] = field(default_factory=Counter)
    # theme -> status -> [count, sum of percent complete]
    themes: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    # wording -> [short title, count, closed, sum of percent, first order]
    questions: dict[str, list[Any]] = field(default_factory=dict)
    closed_weeks: Counter[str] = field(default_factory=Counter)  # ISO Monday
    # unanswered areas for improvement and recommendations, of each kind: those
    # of inspections of one force counted, those of thematic inspections kept
    # by id (a thematic one is open in several forces' plans, and counted once)
    open_findings: Counter[str] = field(default_factory=Counter)
    open_own: Counter[str] = field(default_factory=Counter)
    open_thematic: dict[str, list[int]] = field(default_factory=dict)
    # what the dashboard's filters offer, kept only (figures_of(choices=True)):
    # actions by owner and by lead (user id), findings by theme
    owners: Counter[str] = field(default_factory=Counter)
    leads: Counter[str] = field(default_factory=Counter)
    finding_themes: Counter[str] = field(default_factory=Counter)
    # what the headline counts on the day, kept only: unfinished actions by
    # due date (ISO) as [count, count under the amber percentage], and recent
    # closures by day; None when these figures were counted live
    unfinished_due: dict[str, list[int]] | None = None
    closed_days: Counter[str] | None = None
    amber_below: int | None = None  # the percentage unfinished_due split at
    # the same counts for one day, counted live with the figures (figures_of
    # with `today`); None otherwise
    on_day: dict[str, int] | None = None

    def __add__(self, other: Figures) -> Figures:
        return Figures.total((self, other))

    def add(self, other: Figures) -> None:
        """Count the other figures in these, in place (the dashboard for all
        forces adds 43 forces' figures on every request)."""
        self.by_status.update(other.by_status)
        self.open_by_rag.update(other.open_by_rag)
        self.closed_weeks.update(other.closed_weeks)
        self.open_own.update(other.open_own)
        for kind, ids in other.open_thematic.items():
            self.open_thematic[kind] = sorted({*self.open_thematic.get(kind, []), *ids})
        self.open_findings = self.open_own + Counter(
            {kind: len(ids) for kind, ids in self.open_thematic.items()}
        )
        self.owners.update(other.owners)
        self.leads.update(other.leads)
        self.finding_themes.update(other.finding_themes)
        if other.unfinished_due is not None and other.closed_days is not None:
            due = self.unfinished_due = self.unfinished_due or {}
            for day, (count, below) in other.unfinished_due.items():
                was = due.get(day, [0, 0])
                due[day] = [was[0] + count, was[1] + below]
            self.closed_days = (self.closed_days or Counter()) + other.closed_days
            self.amber_below = other.amber_below
        for theme, statuses in other.themes.items():
            mine = self.themes.setdefault(theme, {})
            for status, (count, percent) in statuses.items():
                was = mine.get(status, [0, 0])
                mine[status] = [was[0] + count, was[1] + percent]
        for wording, question in other.questions.items():
            self.questions[wording] = _question_sum(
                self.questions.get(wording), list(question)
            )

    @classmethod
    def total(cls, many: Iterable[Figures]) -> Figures:
        result = cls()
        for figures in many:
            result.add(figures)
        return result

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "by_status": dict(self.by_status),
            "open_by_rag": dict(self.open_by_rag),
            "themes": self.themes,
            "questions": self.questions,
            "closed_weeks": dict(self.closed_weeks),
            "open_own": dict(self.open_own),
            "open_thematic": self.open_thematic,
            "owners": dict(self.owners),
            "leads": dict(self.leads),
            "finding_themes": dict(self.finding_themes),
            "unfinished_due": self.unfinished_due,
            "closed_days": self.closed_days,
            "amber_below": self.amber_below,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figures:
        return cls(
            by_status=Counter(data["by_status"]),
            open_by_rag=Counter(data["open_by_rag"]),
            themes=data["themes"],
            questions=data["questions"],
            closed_weeks=Counter(data["closed_weeks"]),
            open_own=Counter(data["open_own"]),
            open_thematic=data["open_thematic"],
            open_findings=Counter(data["open_own"])
            + Counter({kind: len(ids) for kind, ids in data["open_thematic"].items()}),
            owners=Counter(data.get("owners", {})),
            leads=Counter(data.get("leads", {})),
            finding_themes=Counter(data.get("finding_themes", {})),
            unfinished_due=data.get("unfinished_due"),
            closed_days=Counter(data["closed_days"])
            if data.get("closed_days") is not None
            else None,
            amber_below=data.get("amber_below"),
        )

    @staticmethod
    def is_current(data: dict[str, Any]) -> bool:
        """Whether kept JSON is of this format and split at today's amber
        percentage (a setting): if not, it is counted again."""
        return (
            data.get("format") == FORMAT
            and data.get("amber_below") == settings.RAG_AMBER_BELOW_PERCENT
        )

    # What the dashboard shows

    @property
    def total_actions(self) -> int:
        return sum(self.by_status.values())

    def headline(self) -> dict[str, int]:
        figures = {status.value: self.by_status.get(status, 0) for status in Status}
        figures |= {f"rag_{rag.value}": self.open_by_rag.get(rag, 0) for rag in RAG}
        figures["total"] = self.total_actions
        figures["open"] = sum(
            n for status, n in self.by_status.items() if rules.is_open(status)
        )
        return figures

    def on_the_day(self, today: datetime.date) -> dict[str, int] | None:
        """The headline's counts that depend on the day, from the kept counts
        by day (the same rules as `dashboard.headline`'s query); None for
        figures counted without them."""
        if self.on_day is not None:
            return self.on_day
        if self.unfinished_due is None or self.closed_days is None:
            return None
        soon = (today + datetime.timedelta(days=rules.DUE_SOON_DAYS)).isoformat()
        amber = (today + datetime.timedelta(days=settings.RAG_AMBER_DAYS)).isoformat()
        month_ago = (
            today - datetime.timedelta(days=rules.CLOSED_LATELY_DAYS)
        ).isoformat()
        day = today.isoformat()  # ISO dates compare as the dates do
        counts = {"overdue": 0, "due_30": 0, "rule_amber": 0}
        for due, (count, below) in self.unfinished_due.items():
            if due < day:
                counts["overdue"] += count
                continue
            if due <= soon:
                counts["due_30"] += count
            if due <= amber:
                counts["rule_amber"] += below
        counts["closed_30"] = sum(
            n for closed, n in self.closed_days.items() if closed >= month_ago
        )
        return counts

    def progress_by_theme(self) -> list[tuple[str, dict[str, int], rules.Progress]]:
        rows = []
        for theme in sorted(self.themes, key=lambda t: (t == "", t)):
            statuses = self.themes[theme]
            counts = {status: count for status, (count, _) in statuses.items()}
            progress = rules.Progress.of_totals(
                sum(counts.values()),
                sum(n for status, n in counts.items() if rules.is_closed(status)),
                sum(percent for _, percent in statuses.values()),
            )
            rows.append((theme or "No theme", counts, progress))
        return rows

    def progress_by_question(self) -> list[dict[str, Any]]:
        """One row a graded question as the inspections ask it, in the order
        they ask them; actions with no question last."""
        rows = []
        for wording, (short, count, closed, percent, first) in self.questions.items():
            progress = rules.Progress.of_totals(count, closed, percent)
            rows.append(
                {
                    "wording": wording or None,
                    "short_title": short,
                    "total": progress.count,
                    "closed": progress.closed,
                    "mean_percent": progress.mean_percent,
                    "first": first,
                }
            )
        return sorted(
            rows,
            key=lambda r: (r["first"] is None, r["first"] or 0, r["wording"] or ""),
        )


def day_aggregates(today: datetime.date) -> dict[str, Count]:
    """The headline's counts that depend on the day, as aggregates (the rules
    of actions.rules and actions.rag)."""
    return {
        "overdue": Count("pk", filter=rules.overdue(today)),
        "due_30": Count("pk", filter=rules.due_within(rules.DUE_SOON_DAYS, today)),
        "closed_30": Count("pk", filter=rules.closed_lately(today)),
        "rule_amber": Count("pk", filter=rag.amber(today)),
    }


def figures_of(
    actions: QuerySet[Action],
    findings: QuerySet[Finding],
    *,
    choices: bool = False,
    today: datetime.date | None = None,
    plans: Plans | None = None,
) -> Figures:
    """The figures of these actions and findings: two grouped queries; two
    more for what the filters offer, with `choices`. With `today`, the
    counts of that day too, in the same grouped query."""
    actions = actions.order_by()
    figures = Figures()
    by_day = day_aggregates(today) if today is not None else {}
    if today is not None:
        figures.on_day = dict.fromkeys(by_day, 0)
    grouped = actions.values(
        "status",
        "rag",
        "finding__theme",
        "finding__question__wording",
        "finding__question__short_title",
        "finding__question__order",
        closed_week=TruncWeek("closed_on"),  # a Monday; None while open
    ).annotate(count=Count("pk"), percent=Sum("percent_complete"), **by_day)
    rows: Iterable[dict[str, Any]] = grouped  # type: ignore[assignment]
    for row in rows:
        status, count, percent = row["status"], row["count"], row["percent"] or 0
        if figures.on_day is not None:
            for name in by_day:
                figures.on_day[name] += row[name]
        if row["closed_week"] is not None and rules.is_closed(status):
            figures.closed_weeks[row["closed_week"].isoformat()] += count
        figures.by_status[status] += count
        if rules.is_open(status):
            figures.open_by_rag[row["rag"]] += count
        theme = figures.themes.setdefault(row["finding__theme"], {})
        was = theme.get(status, [0, 0])
        theme[status] = [was[0] + count, was[1] + percent]
        closed = count if rules.is_closed(status) else 0
        question = [
            row["finding__question__short_title"] or "",
            count,
            closed,
            percent,
            row["finding__question__order"],
        ]
        wording = row["finding__question__wording"] or ""
        figures.questions[wording] = _question_sum(
            figures.questions.get(wording), question
        )
    figures.open_own, figures.open_thematic = open_findings(
        findings, actions, plans or Plans()
    )
    figures.open_findings = figures.open_own + Counter(
        {kind: len(ids) for kind, ids in figures.open_thematic.items()}
    )
    if choices:
        _count_by_day(figures, actions)
        for owner, lead, count in actions.values_list("owner", "lead").annotate(
            count=Count("pk")
        ):
            figures.owners[str(owner)] += count
            if lead is not None:
                figures.leads[str(lead)] += count
        figures.finding_themes = Counter(
            dict(
                findings.exclude(theme="")
                .order_by()
                .values_list("theme")
                .annotate(count=Count("pk"))
            )
        )
    return figures


def _count_by_day(figures: Figures, actions: QuerySet[Action]) -> None:
    """The kept counts that the headline reads on the day (Figures.on_the_day)."""
    below = settings.RAG_AMBER_BELOW_PERCENT
    figures.amber_below = below
    figures.unfinished_due = {
        due.isoformat(): [count, under]
        for due, count, under in actions.filter(rules.UNFINISHED)
        .values_list("due_date")
        .annotate(
            count=Count("pk"), under=Count("pk", filter=Q(percent_complete__lt=below))
        )
    }
    since = timezone.localdate() - datetime.timedelta(days=CLOSED_DAYS_KEPT)
    figures.closed_days = Counter(
        {
            closed.isoformat(): count
            for closed, count in actions.filter(rules.CLOSED, closed_on__gte=since)
            .values_list("closed_on")
            .annotate(count=Count("pk"))
        }
    )


def _question_sum(was: list[Any] | None, more: list[Any]) -> list[Any]:
    """Two counts of one graded question, as [short title, count, closed,
    percent sum, first order]."""
    if was is None:
        return more
    orders = [order for order in (was[4], more[4]) if order is not None]
    return [
        max(was[0], more[0]),
        was[1] + more[1],
        was[2] + more[2],
        was[3] + more[3],
        min(orders) if orders else None,
    ]


ANSWERED = {
    "areas": FindingKind.AREA_FOR_IMPROVEMENT,
    "recommendations": FindingKind.RECOMMENDATION,
}


@dataclass(frozen=True)
class Plans:
    """Whose action plans a thematic finding is answered in: the forces (None:
    every force it applies to), and whether the figures are narrowed to some
    people's actions (a filter by owner or lead), when a finding counts where
    their actions for it are open, as for any finding."""

    forces: list[int] | None = None
    organisations: list[int] | None = None  # of the forces; None: any
    narrowed: bool = False


def unanswered(
    findings: QuerySet[Finding], actions: QuerySet[Action], plans: Plans | None = None
) -> QuerySet[Finding]:
    """Areas for improvement and recommendations not yet answered in full: no
    action among `actions` yet, or one of them still open. A thematic one is
    answered in each force's plan: it is open while one of the forces it
    applies to (of `plans.forces`) has no action for it, or one still open.
    The dashboard counts them and its list of open findings lists them."""
    plans = plans or Plans()
    actions = actions.order_by()
    mine = actions.filter(finding=OuterRef("pk"))
    answered = findings.filter(kind__in=ANSWERED_KINDS)
    by_any = Exists(mine.filter(rules.OPEN)) | ~Exists(mine)
    if plans.narrowed:
        return answered.filter(by_any)
    theirs = actions.filter(finding=OuterRef(OuterRef("pk")), force=OuterRef("force"))
    forces = Inspection.applies_to.through.objects.filter(
        inspection=OuterRef("inspection")
    )
    if plans.forces is not None:
        forces = forces.filter(force__in=plans.forces)
    if plans.organisations is not None:
        forces = forces.filter(force__organisation__in=plans.organisations)
    open_somewhere = Exists(
        forces.filter(Exists(theirs.filter(rules.OPEN)) | ~Exists(theirs))
    )
    return answered.filter(
        (Q(inspection__force__isnull=False) & by_any)
        | (Q(inspection__force__isnull=True) & open_somewhere)
    )


def open_findings(
    findings: QuerySet[Finding], actions: QuerySet[Action], plans: Plans
) -> tuple[Counter[str], dict[str, list[int]]]:
    """How many are unanswered, of each kind, of inspections of one force (a
    filter by owner joins the findings to their actions: each finding is
    counted once); and which of thematic inspections, by id. One query."""
    rows = (
        unanswered(findings, actions, plans)
        .order_by()
        .annotate(
            thematic=Case(
                When(inspection__force__isnull=True, then=F("pk")), default=None
            )
        )
        .values("kind", "thematic")
        .annotate(count=Count("pk", distinct=True))
    )
    named: dict[str, str] = {kind: name for name, kind in ANSWERED.items()}
    own: Counter[str] = Counter()
    thematic: dict[str, list[int]] = {}
    for row in rows:
        kind = named[row["kind"]]
        if row["thematic"] is None:
            own[kind] += row["count"]
        else:
            thematic.setdefault(kind, []).append(row["thematic"])
    return own, {kind: sorted(ids) for kind, ids in thematic.items()}


def force_figures_refresh(force_ids: Iterable[int]) -> None:
    """Count a force's figures again and keep them, within the writer's own
    transaction: the force's row is locked first, so two writers in one force
    take turns, and the second counts what the first wrote. The total of every
    force is counted once the writer's transaction commits."""
    from governance.models import ForceFigures

    with transaction.atomic():
        for force_id in sorted(set(force_ids) - {None}):
            kept, _ = ForceFigures.objects.select_for_update().get_or_create(
                force_id=force_id, defaults={"data": Figures().as_json()}
            )
            kept = ForceFigures.objects.select_for_update().get(pk=kept.pk)
            applies = Inspection.applies_to.through.objects.filter(force=force_id)
            figures = figures_of(
                Action.objects.filter(COUNTED_ACTIONS, force=force_id),
                Finding.objects.filter(COUNTED_FINDINGS).filter(
                    inspection__in=Inspection.objects.filter(
                        Q(force=force_id) | Q(pk__in=applies.values("inspection_id"))
                    ).values("pk")
                ),
                choices=True,
                plans=Plans(forces=[force_id]),
            )
            kept.data = figures.as_json()
            kept.revision = F("revision") + 1
            kept.save(update_fields=["data", "counted_at", "revision"])
        _total_after_commit()


def _total_after_commit() -> None:
    """Once per transaction, however many forces' rows it counted again; a
    failure is logged, not raised: the writer's own rows are committed."""
    pending = transaction.get_connection().run_on_commit
    if not any(func is total_figures_refresh for _, func, _ in pending):
        transaction.on_commit(total_figures_refresh, robust=True)


def total_figures_refresh() -> Figures:
    """Add up every force's kept figures and keep the total: its row locked,
    so the last of two writers to get here adds what both wrote."""
    from governance.models import FiguresTotal, ForceFigures

    with transaction.atomic():
        total, _ = FiguresTotal.objects.select_for_update().get_or_create(
            pk=1, defaults={"data": Figures().as_json()}
        )
        total = FiguresTotal.objects.select_for_update().get(pk=1)
        rows = list(ForceFigures.objects.values_list("force_id", "data", "revision"))
        old = [force for force, data, _ in rows if not Figures.is_current(data)]
        if old:
            force_figures_refresh(old)
            rows = list(
                ForceFigures.objects.values_list("force_id", "data", "revision")
            )
        figures = Figures.total(Figures.from_json(data) for _, data, _ in rows)
        total.data = figures.as_json()
        total.revisions = sum(revision for *_, revision in rows)
        total.save(update_fields=["data", "revisions", "counted_at"])
    return figures


def kept_figures(force_id: int | None) -> Figures:
    """The kept figures of one force, or of all: one query, while they are of
    this format and the total is as new as every force's figures; counted
    again if not (a writer whose total count after commit failed)."""
    from governance.models import FiguresTotal, ForceFigures

    if force_id is not None:
        rows = ForceFigures.objects.filter(force_id=force_id)
        data = rows.values_list("data", flat=True).first()
        if data is not None and not Figures.is_current(data):
            force_figures_refresh([force_id])
            data = rows.values_list("data", flat=True).first()
        return Figures.from_json(data) if data is not None else Figures()
    kept = (
        FiguresTotal.objects.filter(pk=1)
        .annotate(
            now=Subquery(
                ForceFigures.objects.order_by()
                .annotate(all=Value(1))
                .values("all")
                .annotate(sum=Sum("revision"))
                .values("sum")
            )
        )
        .values_list("data", "revisions", "now")
        .first()
    )
    if kept and Figures.is_current(kept[0]) and kept[1] == (kept[2] or 0):
        return Figures.from_json(kept[0])
    return total_figures_refresh()


def forces_of(sender: type, instance: Any) -> set[int]:
    """The force or forces whose figures a row as it now stands counts in."""
    if sender is Action:
        return {instance.force_id}
    if sender is Inspection and instance.force_id is not None:
        return {instance.force_id}
    inspection = instance.pk if sender is Inspection else instance.inspection_id
    rows = Inspection.objects.filter(pk=inspection)
    inspected = set(rows.values_list("force", flat=True)) - {None}
    if inspected:
        return inspected
    # a thematic inspection counts in the figures of each force it applies to
    return set(rows.values_list("applies_to", flat=True)) - {None}


def before_save(sender: type, instance: Any, **kwargs: Any) -> None:
    """Where the row counted before this save (a finding moved to another
    force's inspection takes its actions with it)."""
    if instance.pk is None:
        instance._forces_before = set()
        return
    saved = sender._base_manager.filter(pk=instance.pk).first()  # type: ignore[attr-defined]
    instance._forces_before = forces_of(sender, saved) if saved else set()


def applies_to_changed(
    sender: type, instance: Any, action: str, pk_set: set[int] | None, **kwargs: Any
) -> None:
    """A force added to or taken from a thematic inspection: its figures, and
    for a clear, those of every force it applied to."""
    if action == "pre_clear" and isinstance(instance, Inspection):
        instance._forces_before = forces_of(Inspection, instance)  # type: ignore[attr-defined]
    elif action in ("post_add", "post_remove"):
        forces = pk_set or set()
        if not isinstance(instance, Inspection):  # changed from the force's side
            forces = {instance.pk}
        force_figures_refresh(forces)
    elif action == "post_clear":
        force_figures_refresh(getattr(instance, "_forces_before", set()))


def after_write(sender: type, instance: Any, **kwargs: Any) -> None:
    force_figures_refresh(forces_of(sender, instance) | getattr(
        instance, "_forces_before", set()))  # fmt: skip


COUNTED_MODELS = (Action, Finding, GradedQuestion, Inspection)
