from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import ListView

from reports.models import PanelReport
from reports.paper import build_paper
from reports.pdf import paper_pdf
from reports.services import report_publish


def get_report_for_user(request: HttpRequest, pk: int) -> PanelReport:
    """Published reports for anyone; drafts only for those who write them."""
    return get_object_or_404(
        PanelReport.objects.visible_to(request.user).select_related(
            "inspection__force", "published_by"
        ),
        pk=pk,
    )


class ReportListView(ListView):
    template_name = "reports/report_list.html"
    paginate_by = 25

    def get_queryset(self):
        return PanelReport.objects.visible_to(self.request.user).select_related(
            "inspection__force"
        )


def _context(request: HttpRequest, report: PanelReport) -> dict:
    return {"report": report, "blocks": build_paper(report, request.user)}


@require_safe
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request, pk)
    return render(request, "reports/paper.html", _context(request, report))


@require_safe
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request, pk)
    response = HttpResponse(
        paper_pdf(request, _context(request, report)), content_type="application/pdf"
    )
    name = f"panel-report-{report.meeting_date:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def report_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request, pk)
    report_publish(report=report, user=request.user)
    messages.success(request, "The report is published: anyone can now read it.")
    return redirect(report)
