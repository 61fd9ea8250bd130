from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe
from django.views.generic import ListView

from accounts.access import reader_as, sees_action_plans, signed_in
from accounts.decorators import ask_to_confirm
from accounts.roles import Role
from reports.forms import (
    PanelReportForm,
    SectionFormSet,
    as_typed,
    with_another_section,
)
from reports.models import PanelReport
from reports.paper import read_paper
from reports.pdf import paper_pdf
from reports.services import (
    OUTSIDE_YOUR_AREA,
    check_may_write,
    forces_to_write_for,
    inspections_to_write_on,
    report_publish,
    report_save,
)
from reports.versions import as_it_stood, versions


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


PREVIEWS = {"public": None, "panel": Role.PANEL_MEMBER}


def _context(
    request: HttpRequest, report: PanelReport, version: int | None = None
) -> dict:
    """The paper as the person reads it; for its writers, with ?as=public or
    ?as=panel, as the public or a panel member will read it; with `version`,
    as it stood then (Http404 if there is no such earlier version)."""
    user = request.user
    preview = request.GET.get("as", "")
    previewing = preview in PREVIEWS and user.has_perm("reports.change_panelreport")
    reader = reader_as(PREVIEWS[preview]) if previewing else user
    amendments = (
        list(report.amendments.select_related("made_by")) if report.is_published else []
    )
    every = versions(report, amendments)
    shown, sections, earlier = report, None, None
    if version is not None:
        if not 0 <= version < len(every) - 1:  # the last is the paper as it is
            raise Http404("The paper has no such earlier version.")
        earlier = every[version]
        try:
            shown, sections = as_it_stood(report, earlier.at)
        except LookupError as unrecorded:
            raise Http404(str(unrecorded)) from unrecorded
    return {
        "report": shown,
        "paper": read_paper(shown, reader, sections),
        "shows_actions": sees_action_plans(reader),
        "preview": preview if previewing else "",
        "amendments": amendments if earlier is None else [],
        "versions": every if len(every) > 1 else [],
        "version": earlier,
        "current": report,
    }


@require_safe
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request, pk)
    return render(request, "reports/paper.html", _context(request, report))


@require_safe
def report_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """A published paper as it stood before a later amendment."""
    report = get_report_for_user(request, pk)
    return render(request, "reports/paper.html", _context(request, report, number))


@require_safe
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request, pk)
    response = HttpResponse(
        paper_pdf(request, _context(request, report)), content_type="application/pdf"
    )
    draft = "" if report.is_published else "-draft"
    name = f"panel-report-{report.meeting_date:%Y-%m-%d}{draft}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def report_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Write or change a report and its sections (the Commissioner's office):
    "Add another section" shows the form again with one more, saving nothing."""
    report = get_report_for_user(request, pk) if pk else PanelReport()
    check_may_write(request.user, report)
    adding = request.method == "POST" and "add_section" in request.POST
    data = with_another_section(request.POST) if adding else request.POST or None
    form = PanelReportForm(data, instance=report)
    inspection_field = form.fields["inspection"]
    assert isinstance(inspection_field, forms.ModelChoiceField)
    inspection_field.queryset = inspections_to_write_on(request.user)
    inspection_field.error_messages["invalid_choice"] = OUTSIDE_YOUR_AREA
    force_field = form.fields["force"]
    assert isinstance(force_field, forms.ModelChoiceField)
    force_field.queryset = forces_to_write_for(request.user)
    after_last = (
        (max((s.order for s in report.sections.all()), default=0) + 1)
        if report.pk
        else 1
    )
    sections = SectionFormSet(
        data, instance=report, prefix="sections", initial=[{"order": after_last}]
    )
    if request.method == "POST" and not adding:
        if form.is_valid() and sections.is_valid():
            report = report_save(form=form, sections=sections, user=request.user)
            messages.success(request, "The report is saved.")
            return redirect(report)
    if adding:  # typed, not yet checked: no error to show
        for shown in (form, *sections.forms):
            as_typed(shown)
    return render(
        request,
        "reports/report_form.html",
        {
            "form": form,
            "sections": sections,
            "report": report,
            "adding": adding,
            "errors": [] if adding else form_errors(form, sections),
        },
    )


def form_errors(form, sections) -> list[tuple[str, str]]:
    """The error summary's lines: (the field's id, the message), the report's
    fields first, then each section's, named by its place."""
    lines = [("", str(error)) for error in form.non_field_errors()]
    lines += [
        (form[name].id_for_label, str(error))
        for name in form.errors
        if name in form.fields
        for error in form.errors[name]
    ]
    lines += [("", str(error)) for error in sections.non_form_errors()]
    for number, section in enumerate(sections.forms, start=1):
        for name, errors in section.errors.items():
            for error in errors:
                field = section[name].id_for_label if name in section.fields else ""
                lines.append((field, f"Section {number}: {error}"))
    return lines


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Asks first: publishing makes the paper public and cannot be undone
    here. A published report is only amended, with a note."""
    report = get_report_for_user(request, pk)
    check_may_write(request.user, report)
    if report.is_published:
        messages.info(request, "The report is already published.")
        return redirect(report)
    if asked := ask_to_confirm(request):
        return asked
    if request.method == "POST":
        report_publish(report=report, user=signed_in(request))
        messages.success(request, "The report is published: anyone can now read it.")
        return redirect(report)
    return render(request, "reports/report_publish.html", {"report": report})
