from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.access import EVERYWHERE, AnyUser, may_in, only_where_held, reach
from accounts.models import User
from inspections.models import Force, Inspection
from questions.services import publish_with
from reports.models import PanelReport, ReportAmendment, ReportStatus

WRITES = "reports.change_panelreport"
ONLY_THE_OFFICE = "Only the Commissioner's office writes reports."
ONLY_ITS_OFFICE = (
    "This paper sets out the response of a force outside your Commissioner's area: "
    "only the Commissioner's office for its area writes, publishes or amends it."
)

OUTSIDE_YOUR_AREA = (
    "Choose an inspection of a force in your Commissioner's area, or a thematic "
    "inspection: a paper on another area's inspection is its office's to write."
)


def answering_force_id(report: PanelReport) -> int | None:
    """The force whose response the paper sets out: the one inspected, or for
    a thematic inspection the one chosen."""
    inspection = report.inspection if report.inspection_id else None
    if inspection is not None and inspection.force_id is not None:
        return inspection.force_id
    return report.force_id


def may_write(user: AnyUser | None, report: PanelReport) -> bool:
    """Whether the person writes, publishes and amends this paper: the
    Commissioner's office for the area of the force whose response it sets
    out, by a role held there or in a body overseeing it; a paper on no
    force, any office. None is the command line."""
    if user is None:
        return True
    if not user.has_perm(WRITES):
        return False
    force_id = answering_force_id(report)
    if force_id is None:
        return True
    organisation = Force.objects.filter(pk=force_id).values("organisation_id")
    return may_in(user, WRITES, organisation.get()["organisation_id"])


def check_may_write(user: AnyUser | None, report: PanelReport) -> None:
    if user is not None and not user.has_perm(WRITES):
        raise PermissionDenied(ONLY_THE_OFFICE)
    if not may_write(user, report):
        raise PermissionDenied(ONLY_ITS_OFFICE)


def inspections_to_write_on(user: AnyUser) -> QuerySet[Inspection]:
    """The inspections the person may write a paper on: those they may see of
    the forces in their area, and thematic ones (the paper then sets out the
    response of a force they choose from their area)."""
    seen = Inspection.objects.visible_to(user)
    writes = reach(user, WRITES)
    if writes is EVERYWHERE:
        return seen
    return seen.filter(
        Q(force__organisation__in=sorted(writes)) | Q(force__isnull=True)
    )


def forces_to_write_for(user: AnyUser) -> QuerySet[Force]:
    return Force.objects.filter(only_where_held(user, WRITES, "organisation"))


@transaction.atomic
def report_publish(*, report: PanelReport, user: User) -> PanelReport:
    """Publish a draft, recording when and by whom. Publishing again changes
    nothing."""
    report = PanelReport.objects.select_for_update().get(pk=report.pk)
    check_may_write(user, report)
    if report.is_published:
        return report
    report.status = ReportStatus.PUBLISHED
    report.published_at, report.published_by = timezone.now(), user
    report.save()
    publish_with(report, report.force_id)  # the panel's questions, with it
    return report


@transaction.atomic
def report_save(*, form, sections, user: AnyUser) -> PanelReport:
    """The report and its sections, saved together or not at all; a change
    to a published report, with its amendment note. The person must write
    the paper as it was and as it will be (its inspection may change)."""
    if form.instance.pk is not None:
        check_may_write(user, PanelReport.objects.get(pk=form.instance.pk))
    check_may_write(user, form.instance)
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
