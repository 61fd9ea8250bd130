from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.access import AnyUser
from accounts.models import User
from reports.models import PanelReport, ReportAmendment, ReportStatus


@transaction.atomic
def report_publish(*, report: PanelReport, user: User) -> PanelReport:
    """Publish a draft, recording when and by whom. Publishing again changes
    nothing."""
    if not user.has_perm("reports.change_panelreport"):
        raise PermissionDenied("Only the Commissioner's office publishes reports.")
    report = PanelReport.objects.select_for_update().get(pk=report.pk)
    if report.is_published:
        return report
    report.status = ReportStatus.PUBLISHED
    report.published_at, report.published_by = timezone.now(), user
    report.save()
    return report


@transaction.atomic
def report_save(*, form, sections, user: AnyUser) -> PanelReport:
    """The report and its sections, saved together or not at all; a change
    to a published report, with its amendment note."""
    if not user.has_perm("reports.change_panelreport"):
        raise PermissionDenied("Only the Commissioner's office writes reports.")
    report = form.save()
    sections.instance = report
    sections.save()
    if report.is_published:
        note = form.cleaned_data.get("amendment_note", "").strip()
        if not note:
            raise ValueError("A published report changes only with an amendment note.")
        assert isinstance(user, User)  # has_perm above: someone signed in
        ReportAmendment.objects.create(report=report, made_by=user, note=note)
    return report
