from __future__ import annotations

import csv
import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.views import View
from django.views.decorators.http import require_http_methods
from django.views.generic import ListView

from accounts.access import EVERYWHERE, reach, require_action_plans
from actions import rules
from actions.choices import Status
from actions.exports import MARKING_ROW
from actions.models import Action
from governance import charts, dashboard
from governance.figures import (
    ANSWERED,
    COUNTED_ACTIONS,
    COUNTED_FINDINGS,
    COUNTED_INSPECTIONS,
    figures_of,
    kept_figures,
    unanswered,
)
from governance.filters import DashboardFilter, KeptChoices
from governance.forms import AnswerForm, Section55Form
from governance.models import (
    READS_DASHBOARD,
    Meeting,
    RecommendationResponse,
    Section55Response,
    due_on,
    may_open_meetings,
)
from governance.responses import ResponseRow, responses
from governance.services import section_55_forces, section_55_save
from governance.snapshot import meeting_snapshot
from governance.thematic import thematic_progress
from inspections.choices import FindingKind
from inspections.models import Finding, Force, Inspection
from pcc_panel.lib.spreadsheet import safe_text

DASHBOARD_PERMISSION = READS_DASHBOARD


class GovernanceAccess(LoginRequiredMixin, PermissionRequiredMixin):
    """Chief officers, the Commissioner's office and superusers: anyone else
    signed in is refused; anyone not signed in is asked to."""

    permission_required = DASHBOARD_PERMISSION
    refusal = "The dashboard is for chief officers and the Commissioner's office."

    request: HttpRequest

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            raise PermissionDenied(self.refusal)
        return super().handle_no_permission()


class DashboardView(GovernanceAccess, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        context = self.context(request, timezone.localdate())
        return render(request, "governance/dashboard.html", context)

    def context(self, request: HttpRequest, today: datetime.date) -> dict:
        user = request.user
        actions = Action.objects.visible_to(user).filter(COUNTED_ACTIONS)
        kept = None
        scope = kept_scope(user)
        force = request.GET.get("force", "")
        chosen_force = int(force) if force.isdigit() and len(force) < 10 else None
        if scope is EVERY_FORCE:  # the choices are the same however filtered
            kept = KeptChoices(
                every=kept_figures(None),
                here=kept_figures(chosen_force) if chosen_force else None,
            )
        elif isinstance(scope, int) and chosen_force in (None, scope):
            kept = KeptChoices(every=kept_figures(scope), here=None)
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
                COUNTED_FINDINGS, filterset.finding_conditions()
            )
            figures = figures_of(
                actions, findings, today=today, plans=filterset.plans()
            )
        overdue, awaiting = dashboard.attention(actions, today)
        bars = dashboard.status_by_theme(figures)
        weeks = dashboard.closed_by_week(figures)
        responses, responses_overdue, inspections = section_55_list(filterset, today)
        return {
            "filter": filterset,
            "is_filtered": any(request.GET.get(name) for name in filterset.filters),
            "figures": dashboard.headline(figures, actions, today),
            "findings": figures.open_findings,
            "raised_again": dashboard.raised_again(
                user, filterset.finding_conditions()
            ),
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
            "dashboard_query": filter_query(request, filterset),
            "section_55": responses,
            "section_55_overdue": responses_overdue,
            "inspections_count": inspections,
            "drafts": filterset.drafts,
            "monitoring": dashboard.in_monitoring(
                user, int(filterset.chosen().get("force") or 0) or None
            ),
            "today": today,
        }


class OpenFindingsView(GovernanceAccess, ListView):
    """The areas for improvement and recommendations that the dashboard's
    first two figures count, filtered as the dashboard was: the same rule
    (figures.unanswered) over the same actions and findings."""

    template_name = "governance/open_findings.html"
    paginate_by = 50

    def get_queryset(self):
        user = self.request.user
        actions = Action.objects.visible_to(user).filter(COUNTED_ACTIONS)
        self.filterset = DashboardFilter(
            self.request.GET or None, queryset=actions, user=user
        )
        if self.filterset.is_bound and self.filterset.is_valid():
            actions = self.filterset.qs
        findings = Finding.objects.visible_to(user).filter(
            COUNTED_FINDINGS, self.filterset.finding_conditions()
        )
        self.kind = self.request.GET.get("kind", "")
        rows = unanswered(findings, actions, self.filterset.plans())
        if self.kind in ANSWERED:
            rows = rows.filter(kind=ANSWERED[self.kind])
        open_actions = (
            actions.order_by()
            .filter(rules.OPEN, finding=OuterRef("pk"))
            .values("finding")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            rows.distinct()
            .select_related("inspection__force")
            .annotate(open_actions=Coalesce(Subquery(open_actions), 0))
            .order_by("-inspection__publication_date", "inspection", "order", "pk")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("kind", None)
        return super().get_context_data(
            kind=self.kind if self.kind in ANSWERED else "",
            kinds=[
                ("", "Both"),
                ("areas", "Areas for improvement"),
                ("recommendations", "Recommendations"),
            ],
            dashboard_query=query.urlencode(),
            chosen=self.filterset.chosen_labels(),
            **kwargs,
        )


EVERY_FORCE = "every force"
KEPT_NEEDS = (
    "actions.view_action",
    "inspections.view_sensitive",
    "inspections.view_unpublished",
)


def kept_scope(user) -> str | int | None:
    """Which kept figures are this person's to read whole: every force's
    (EVERY_FORCE), one force's (its id: the one force whose action plans they
    read, where they read its sensitive and unpublished material too), or
    none (None: their figures are counted live, from what they may see)."""
    reaches = [reach(user, permission) for permission in KEPT_NEEDS]
    if all(reached is EVERYWHERE for reached in reaches):
        return EVERY_FORCE
    plans = reaches[0]
    if plans is EVERYWHERE or not plans:
        return None
    forces = list(
        Force.objects.filter(organisation__in=plans).values_list(
            "pk", "organisation_id"
        )[:2]
    )
    if len(forces) != 1:
        return None
    force, organisation = forces[0]
    whole = all(reached is EVERYWHERE or organisation in reached for reached in reaches)
    return force if whole else None


def tracker_link(filterset: DashboardFilter) -> str | None:
    """The action tracker's query string for the actions the dashboard counts,
    to which each list and headline figure links; None when filtered by an
    inspection (its page lists its actions)."""
    chosen = filterset.chosen()
    if chosen.get("inspection"):
        return None
    shown = {name: chosen.get(name) for name in ("force", "theme", "owner", "lead")}
    return urlencode({name: value for name, value in shown.items() if value})


def filter_query(request: HttpRequest, filterset: DashboardFilter) -> str:
    """The dashboard's filters as asked, for the list of open findings."""
    return urlencode(
        {name: request.GET[name] for name in filterset.filters if request.GET.get(name)}
    )


def section_55_list(
    filterset: DashboardFilter, today: datetime.date
) -> tuple[list[ResponseRow], int, int]:
    """The chosen force's or inspection's section 55 responses, as
    governance.responses lists them."""
    chosen = filterset.chosen()
    visible = Inspection.objects.visible_to(filterset.user).filter(COUNTED_INSPECTIONS)
    if chosen.get("inspection"):
        visible = visible.filter(pk=chosen["inspection"])
    inspections = visible
    if chosen.get("force"):
        inspections = inspections.filter(force=chosen["force"])
    return responses(inspections, visible, filterset.plans(), today)


MEETINGS_REFUSAL = (
    "Meetings and their progress snapshots are for chief officers, the "
    "Commissioner's office and, for the Police and Crime Panel's meetings, its "
    "members."
)


class MeetingsAccess(GovernanceAccess):
    """Those who read the dashboard, and panel members, who read the panel's
    own meetings (Meeting.objects.visible_to says which)."""

    refusal = MEETINGS_REFUSAL

    def has_permission(self) -> bool:
        return may_open_meetings(self.request.user)


class MeetingListView(MeetingsAccess, ListView):
    template_name = "governance/meeting_list.html"
    paginate_by = 30

    def get_queryset(self):
        meetings = Meeting.objects.visible_to(self.request.user)
        return meetings.select_related("meeting_type", "force").order_by("-date", "pk")


class MeetingSnapshotView(MeetingsAccess, View):
    def get(self, request: HttpRequest, pk: int, export: bool = False) -> HttpResponse:
        meeting = get_object_or_404(
            Meeting.objects.visible_to(request.user).select_related(
                "meeting_type", "force"
            ),
            pk=pk,
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


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def section_55_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The Commissioner's office keeps the response on the site: dates,
    comments and an answer to each recommendation it may see."""
    inspection = get_object_or_404(
        Inspection.objects.visible_to(request.user).select_related("force"), pk=pk
    )
    kept = section_55_forces(request.user, inspection)
    if not kept:
        raise PermissionDenied("Your role does not keep the section 55 response.")
    asked = request.GET.get("force", "")
    force = next((f for f in kept if str(f.pk) == asked), None)
    if force is None and len(kept) == 1 and not asked:
        force = kept[0]
    if force is None:
        if asked:
            raise PermissionDenied(
                "You do not keep that force's response to this inspection."
            )
        messages.info(request, "Choose the force whose response you are recording.")
        return redirect(f"{inspection.get_absolute_url()}#section-55")
    response = Section55Response.objects.filter(
        inspection=inspection, force=force
    ).first()
    response = response or Section55Response(inspection=inspection, force=force)
    data = request.POST if request.method == "POST" else None
    form = Section55Form(data, instance=response)
    given = {
        answer.finding_id: answer
        for answer in RecommendationResponse.objects.filter(response=response.pk)
    }
    answers = [
        AnswerForm(
            data,
            recommendation=recommendation,
            initial={"outcome": given[recommendation.pk].outcome,
                     "text": given[recommendation.pk].text}
            if recommendation.pk in given
            else None,
        )
        for recommendation in Finding.objects.visible_to(request.user)
        .filter(inspection=inspection, kind=FindingKind.RECOMMENDATION)
        .order_by("order", "pk")
    ]  # fmt: skip
    if data is not None and form.is_valid() and all(a.is_valid() for a in answers):
        _, removed = section_55_save(
            inspection=inspection,
            form=form,
            answers=answers,
            user=request.user,
            force=force,
        )
        messages.success(
            request,
            "The section 55 response is saved."
            + (
                f" {removed} answer{pluralize(removed)} you left empty "
                f"{pluralize(removed, 'was,were')} removed."
                if removed
                else ""
            ),
        )
        anchor = f"section-55-{force.slug}" if inspection.is_thematic else "section-55"
        return redirect(f"{inspection.get_absolute_url()}#{anchor}")
    return render(
        request,
        "governance/section_55_form.html",
        {
            "inspection": inspection,
            "force": force if inspection.is_thematic else None,
            "form": form,
            "answers": answers,
            "due_on": due_on(inspection.publication_date),
            "has_errors": bool(form.errors) or any(a.errors for a in answers),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def thematic_progress_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A thematic inspection's recommendations, and how far each force it
    applies to has got with each: for those who read action plans."""
    require_action_plans(request.user)
    inspection = get_object_or_404(
        Inspection.objects.visible_to(request.user).filter(force__isnull=True), pk=pk
    )
    progress = thematic_progress(inspection, request.user, timezone.localdate())
    return render(
        request,
        "governance/thematic_progress.html",
        {"inspection": inspection, "progress": progress},
    )
