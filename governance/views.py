from __future__ import annotations

import csv

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views import View
from django.views.generic import ListView

from actions.choices import Status
from actions.exports import MARKING_ROW
from actions.models import Action
from governance import charts, dashboard
from governance.filters import DashboardFilter
from governance.models import (
    Meeting,
    Section55Response,
    Section55State,
    section_55_state,
)
from governance.snapshot import meeting_snapshot
from inspections.models import Finding, Inspection
from pcc_panel.lib.spreadsheet import safe_text

DASHBOARD_PERMISSION = "governance.view_dashboard"


class GovernanceAccess(LoginRequiredMixin, PermissionRequiredMixin):
    """Chief officers, the Commissioner's office and superusers: anyone else
    signed in is refused; anyone not signed in is asked to."""

    permission_required = DASHBOARD_PERMISSION

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

    def context(self, request: HttpRequest, today) -> dict:
        user = request.user
        actions = Action.objects.visible_to(user)
        filterset = DashboardFilter(request.GET or None, queryset=actions, user=user)
        if filterset.is_bound and filterset.is_valid():
            actions = filterset.qs
        findings = Finding.objects.visible_to(user).filter(
            filterset.finding_conditions()
        )
        overdue, awaiting = dashboard.attention(actions, today)
        bars = dashboard.status_by_theme(actions)
        figures = dashboard.headline(actions, today)
        weeks = dashboard.closed_by_week(actions, total=figures["total"])
        return {
            "filter": filterset,
            "is_filtered": any(request.GET.get(name) for name in filterset.filters),
            "figures": figures,
            "findings": dashboard.open_findings(findings),
            "by_question": dashboard.progress_by_question(actions),
            "bars": bars,
            "bar_chart": charts.stacked_bars(bars),
            "weeks": weeks,
            "line_chart": charts.line(weeks),
            "overdue": overdue,
            "awaiting": awaiting,
            "statuses": list(Status),
            "section_55": (responses := section_55_list(filterset.inspections)),
            "section_55_overdue": sum(
                state == Section55State.OVERDUE for *_, state in responses
            ),
            "today": today,
        }


def section_55_list(
    inspections: list[Inspection],
) -> list[tuple[Inspection, Section55Response | None, str]]:
    """The newest twenty inspections, each with its response and the response's
    state: from the filter's list of inspections, so no query of its own."""
    today = timezone.localdate()
    newest = sorted(inspections, key=lambda i: (i.publication_date, i.pk))[::-1]
    rows = []
    for inspection in newest[:20]:
        response = getattr(inspection, "section_55", None)
        state = section_55_state(
            publication_date=inspection.publication_date,
            published_on=response.published_on if response else None,
            today=today,
        )
        rows.append((inspection, response, state))
    return rows


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
