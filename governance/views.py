from __future__ import annotations

import csv
import datetime
from urllib.parse import urlencode

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Q, When, Window
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views import View
from django.views.generic import ListView

from accounts.access import sees_sensitive, sees_unpublished
from actions.choices import Status
from actions.exports import MARKING_ROW
from actions.models import Action
from governance import charts, dashboard
from governance.figures import figures_of, kept_figures
from governance.filters import DashboardFilter, KeptChoices
from governance.models import (
    SECTION_55_DAYS,
    Meeting,
    Section55Response,
    Section55State,
    section_55_state,
)
from governance.snapshot import meeting_snapshot
from inspections.models import Finding, Inspection
from pcc_panel.lib.spreadsheet import safe_text

DASHBOARD_PERMISSION = "governance.view_dashboard"
SECTION_55_ROWS = 10


class GovernanceAccess(LoginRequiredMixin, PermissionRequiredMixin):
    """Chief officers, the Commissioner's office and superusers: anyone else
    signed in is refused; anyone not signed in is asked to."""

    permission_required = DASHBOARD_PERMISSION

    request: HttpRequest

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            raise PermissionDenied(
                "The dashboard is for chief officers and the Commissioner's office."
            )
        return super().handle_no_permission()


class DashboardView(GovernanceAccess, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        context = self.context(request, timezone.localdate())
        return render(request, "governance/dashboard.html", context)

    def context(self, request: HttpRequest, today: datetime.date) -> dict:
        user = request.user
        actions = Action.objects.visible_to(user)
        kept = None
        if sees_everything(user):  # the choices are the same however filtered
            force = request.GET.get("force", "")
            kept = KeptChoices(
                every=kept_figures(None),
                here=kept_figures(int(force))
                if force.isdigit() and len(force) < 10
                else None,
            )
        filterset = DashboardFilter(
            request.GET or None, queryset=actions, user=user, kept=kept
        )
        if filterset.is_bound and filterset.is_valid():
            actions = filterset.qs
        if kept is not None and filterset.only_by_force():
            chosen = filterset.chosen().get("force")
            figures = kept.here if chosen and kept.here else kept.every
        else:
            findings = Finding.objects.visible_to(user).filter(
                filterset.finding_conditions()
            )
            figures = figures_of(actions, findings)
        overdue, awaiting = dashboard.attention(actions, today)
        bars = dashboard.status_by_theme(figures)
        weeks = dashboard.closed_by_week(figures)
        responses, responses_overdue, inspections = section_55_list(filterset, today)
        return {
            "filter": filterset,
            "is_filtered": any(request.GET.get(name) for name in filterset.filters),
            "figures": dashboard.headline(figures, actions, today),
            "findings": figures.open_findings,
            "by_question": figures.progress_by_question(),
            "bars": bars,
            "bar_chart": charts.stacked_bars(bars),
            "weeks": weeks,
            "line_chart": charts.line(weeks),
            "overdue": overdue,
            "awaiting": awaiting,
            "extensions": dashboard.extensions_awaiting(actions),
            "statuses": list(Status),
            "tracker": tracker_link(filterset),
            "section_55": responses,
            "section_55_overdue": responses_overdue,
            "inspections_count": inspections,
            "today": today,
        }


def sees_everything(user) -> bool:
    """Whether the figures kept for every force are this person's to read."""
    return sees_sensitive(user) and sees_unpublished(user)


def tracker_link(filterset: DashboardFilter) -> str | None:
    """The action tracker's query string for the actions the dashboard counts,
    to which each list and headline figure links; None when filtered by an
    inspection (its page lists its actions)."""
    chosen = filterset.chosen()
    if chosen.get("inspection"):
        return None
    shown = {name: chosen.get(name) for name in ("force", "theme", "owner", "lead")}
    return urlencode({name: value for name, value in shown.items() if value})


def section_55_list(
    filterset: DashboardFilter, today: datetime.date
) -> tuple[list[tuple[Inspection, Section55Response | None, Section55State]], int, int]:
    """The chosen force's or inspection's responses, overdue ones first, then
    the newest inspections': at most SECTION_55_ROWS; how many of all those
    are overdue; and how many there are. One query: the counts are window
    aggregates over the rows before the limit."""
    chosen = filterset.chosen()
    inspections = Inspection.objects.visible_to(filterset.user)
    if chosen.get("force"):
        inspections = inspections.filter(force=chosen["force"])
    if chosen.get("inspection"):
        inspections = inspections.filter(pk=chosen["inspection"])
    overdue = Q(section_55__published_on__isnull=True) & Q(
        publication_date__lt=today - datetime.timedelta(days=SECTION_55_DAYS)
    )
    rows = list(
        inspections.select_related("force", "section_55")
        .only(
            "programme",
            "pillar",
            "publication_date",
            "force__name",
            "section_55__published_on",
        )  # fmt: skip
        .annotate(
            is_overdue=Case(When(overdue, then=1), default=0),
            overdue_total=Window(Count("pk", filter=overdue)),
            total=Window(Count("pk")),
        )
        .order_by("-is_overdue", "-publication_date", "-pk")[:SECTION_55_ROWS]
    )
    listed = []
    for inspection in rows:
        response = getattr(inspection, "section_55", None)
        state = section_55_state(
            publication_date=inspection.publication_date,
            published_on=response.published_on if response else None,
            today=today,
        )
        listed.append((inspection, response, state))
    if not rows:
        return [], 0, 0
    return listed, rows[0].overdue_total, rows[0].total


class MeetingListView(GovernanceAccess, ListView):
    template_name = "governance/meeting_list.html"
    paginate_by = 30

    def get_queryset(self):
        return Meeting.objects.select_related("meeting_type").order_by("-date")


class MeetingSnapshotView(GovernanceAccess, View):
    def get(self, request: HttpRequest, pk: int, export: bool = False) -> HttpResponse:
        meeting = get_object_or_404(
            Meeting.objects.select_related("meeting_type"), pk=pk
        )
        snapshot = meeting_snapshot(meeting, request.user)
        if export:
            return snapshot_csv(snapshot)
        return render(
            request,
            "governance/meeting_snapshot.html",
            {"meeting": meeting, "snapshot": snapshot},
        )


def snapshot_csv(snapshot) -> HttpResponse:
    meeting = snapshot.meeting
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"snapshot-{meeting.meeting_type.name}-{meeting.date:%Y-%m-%d}.csv"
    response["Content-Disposition"] = (
        f'attachment; filename="{filename.lower().replace(" ", "-")}"'
    )
    response.write("\ufeff")
    writer = csv.writer(response)
    if snapshot.sensitive:
        writer.writerow([MARKING_ROW])
    writer.writerow(
        [
            "Action",
            "Owner",
            "Due date",
            "Status",
            "RAG",
            "Percent complete",
            "Status at the previous meeting",
            "Updates since",
            "Newly overdue",
        ]
    )
    for row in snapshot.rows:
        writer.writerow(
            safe_text(value)
            for value in [
                row.title,
                row.owner,
                row.due_date.isoformat(),
                Status(row.status).label,
                row.rag.title(),
                row.percent_complete,
                Status(row.was_status).label if row.was_status else "",
                row.new_updates,
                "yes" if row.newly_overdue else "",
            ]
        )
    return response
