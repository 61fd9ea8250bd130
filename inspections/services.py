"""Writes to inspections that must leave a record: an amendment says who changed
an inspection already held, when, and what changed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from simple_history.utils import bulk_create_with_history

from accounts.access import AnyUser, may_in
from inspections.models import (
    Amendment,
    AmendmentSource,
    Finding,
    Force,
    GradedQuestion,
    Inspection,
    InspectorateView,
    MonitoringPeriod,
)

MAY_NOT_AMEND = (
    "This inspection is already held, and your role may not change it: only chief "
    "officers and the Commissioner's office change inspections. Ask one of them to "
    "apply the differences."
)


def may_amend(
    user: AnyUser | None, inspection: Inspection, *, seen: bool = False
) -> bool:
    """None is the command line, run by whoever runs the server. `seen`: the
    inspection was read through its visibility rule (as the admin reads every
    row), which need not be asked again."""
    if user is None:
        return True
    if not may_in(user, "inspections.change_inspection", inspection.organisation_id):
        return False
    return seen or Inspection.objects.visible_to(user).filter(pk=inspection.pk).exists()


def check_may_amend(user: AnyUser | None, inspection: Inspection) -> None:
    if not may_amend(user, inspection):
        raise PermissionDenied(MAY_NOT_AMEND)


@transaction.atomic
def amendment_record(
    *,
    inspection: Inspection,
    user: AnyUser | None,
    source: AmendmentSource,
    changes: Sequence[str],
) -> Amendment | None:
    """Record what changed; nothing when nothing did."""
    check_may_amend(user, inspection)
    lines = [change.strip() for change in changes if change.strip()]
    if not lines:
        return None
    return Amendment.objects.create(
        inspection=inspection,
        made_by=user if user is not None and user.is_authenticated else None,
        source=source,
        was_published=inspection.is_published,
        changes="\n".join(lines),
    )


IMPORTS = "inspections.import_document"
MAY_NOT_IMPORT = "You may not import documents."
OUTSIDE_YOUR_AREA = (
    "The document is about {force}, which is outside the area your role covers: "
    "its own Commissioner's office, chief officers or staff officers import it."
)


def check_may_import(user: AnyUser | None, force: Force | None) -> None:
    """Who imports a document about a force: someone whose role imports, held
    in the force's organisation or a body overseeing it. A force not yet held
    joins the one Commissioner's office of an installation that has one (Force
    .save), so the role held anywhere is enough. None is the command line."""
    if user is None:
        return
    if not user.has_perm(IMPORTS):
        raise PermissionDenied(MAY_NOT_IMPORT)
    if force is not None and not may_in(user, IMPORTS, force.organisation_id):
        raise PermissionDenied(OUTSIDE_YOUR_AREA.format(force=force.name))


MAY_NOT_RECORD = (
    "Your role may not record the inspectorate's view or monitoring of this "
    "organisation: chief officers and the Commissioner's office of the "
    "organisation do."
)


def may_record_oversight(
    user: AnyUser, verb: str, model: type[models.Model], organisation_id: int | None
) -> bool:
    """Whether the person may add or change the inspectorate's view or monitoring
    (`model`) of an organisation: asked by the service and by the admin inlines."""
    codename = f"{verb}_{model._meta.model_name}"
    return may_in(user, f"inspections.{codename}", organisation_id)


@transaction.atomic
def inspectorate_view_save(
    *, view: InspectorateView, user: AnyUser
) -> InspectorateView:
    """Record (or correct) the inspectorate's view of a finding the person may
    see, in an organisation where their role records it."""
    verb = "change" if view.pk else "add"
    finding = (
        Finding.objects.visible_to(user)
        .select_related("inspection__force")
        .filter(pk=view.finding_id)
        .first()
    )
    if finding is None or not may_record_oversight(
        user, verb, InspectorateView, finding.inspection.organisation_id
    ):
        raise PermissionDenied(MAY_NOT_RECORD)
    view.full_clean()
    if view.pk is None and user.is_authenticated:
        view.recorded_by = user
    view.save()
    return view


@transaction.atomic
def monitoring_period_save(
    *, period: MonitoringPeriod, user: AnyUser, inspections: Iterable[Inspection] = ()
) -> MonitoringPeriod:
    """Record a period of Scan or Engage for a force or service, with its related
    reports: those of the same force that the person may see."""
    verb = "change" if period.pk else "add"
    force = Force.objects.get(pk=period.force_id)
    if not may_record_oversight(user, verb, MonitoringPeriod, force.organisation_id):
        raise PermissionDenied(MAY_NOT_RECORD)
    period.full_clean()
    period.save()
    related = list(inspections)
    if any(inspection.force_id != period.force_id for inspection in related):
        raise ValidationError({"inspections": f"Choose reports about {force} only."})
    period.inspections.set(related)
    return period


@transaction.atomic
def questions_from_framework(inspection: Inspection) -> list[GradedQuestion]:
    """Start an inspection that has no questions from its round's, ungraded, in
    the round's order; each linked to the question of the same title in the
    force's previous inspection of the programme, so that the grade history
    follows it across rounds. Nothing when the inspection has questions
    already, has no round, or is a thematic inspection (no force's history)."""
    framework = inspection.round
    if framework is None or inspection.force_id is None:
        return []  # no round, or a thematic inspection: no force's history
    if inspection.questions.exists():
        return []
    earlier = (
        GradedQuestion.objects.filter(
            inspection__force_id=inspection.force_id,
            inspection__programme=inspection.programme,
            inspection__pillar=inspection.pillar,
            inspection__publication_date__lt=inspection.publication_date,
        )
        .order_by("inspection__publication_date")
        .values_list("short_title", "pk")
    )
    previous = dict(earlier)  # the latest of each title wins
    return bulk_create_with_history(
        [
            GradedQuestion(
                inspection=inspection,
                order=order,
                short_title=question.short_title,
                wording=question.wording or question.short_title,
                previous_id=previous.get(question.short_title),
            )
            for order, question in enumerate(framework.questions, start=1)
        ],
        GradedQuestion,
    )
