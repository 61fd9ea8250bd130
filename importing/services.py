"""Writing an import: everything in one transaction, or nothing."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from accounts.access import AnyUser
from importing.errors import DocumentError
from importing.extraction import Extraction
from importing.models import DocumentImport
from importing.plan import ImportPlan, plan_import
from inspections.models import (
    AmendmentSource,
    Finding,
    Force,
    GradedQuestion,
    Inspection,
)
from inspections.raised_before import raised_before_suggest_with_later
from inspections.services import (
    amendment_record,
    check_may_amend,
    check_may_import,
    questions_from_framework,
)
from reports.models import PanelReport, ReportSection
from reports.services import check_may_write


class ImportIncomplete(DocumentError):
    """The document lacks something an inspection must have."""


class ImportDiffers(DocumentError):
    """The inspection exists and the document says something else: not applied
    unless the person has seen the differences and said so."""


@transaction.atomic
def document_import(
    *,
    extraction: Extraction,
    user: AnyUser | None,
    force_name: str = "",
    pillar: str = "",
    publication_date: datetime.date | None = None,
    apply_changes: bool = False,
    corrections: list[str] | None = None,
    read: str = "",
) -> Inspection:
    """Writes what the extraction holds (as the person corrected it in the
    preview, if they did), and the record of the import: the file, what was
    read and the `corrections`."""
    check_may_import(user, None)
    plan = plan_import(
        extraction,
        user=user,
        force_name=force_name,
        pillar=pillar,
        publication_date=publication_date,
    )
    check_may_import(user, plan.force)
    if plan.problems:
        raise ImportIncomplete(" ".join(plan.problems))
    if plan.existing and not plan.has_changes:
        return plan.existing
    if plan.existing:
        check_may_amend(user, plan.existing)
    if plan.existing and not apply_changes:
        raise ImportDiffers(
            f"{plan.existing} already exists and the document differs from it in "
            f"{_count(plan)}. Review the differences and confirm to apply them."
        )
    try:
        inspection = _write_inspection(plan, user)
        questions = _write_questions(plan, inspection, user)
        if not plan.existing and not questions:
            questions_from_framework(inspection)  # the round's, for grading
        _write_findings(plan, inspection, questions, user)
        if plan.new_findings:  # for the chief officers to confirm or dismiss
            raised_before_suggest_with_later(inspection)
        if plan.creates_report or plan.report_changes:
            _write_report(plan, inspection, user)
        if plan.existing:
            amendment_record(
                inspection=inspection,
                user=user,
                source=AmendmentSource.IMPORT,
                changes=plan.change_lines(),
            )
        DocumentImport.objects.create(
            inspection=inspection,
            made_by=user if user is not None and user.is_authenticated else None,
            file_name=(extraction.source_name or "(no name)")[:255],
            document_format=extraction.format[:50],
            read=read or extraction.summary(),
            corrections="\n".join(corrections or []),
        )
    except ValidationError as error:
        raise ImportIncomplete(
            "The document's details cannot be saved: " + " ".join(error.messages)
        ) from error
    return inspection


def _count(plan: ImportPlan) -> str:
    count = (
        len(plan.changes)
        + len(plan.new_questions)
        + len(plan.new_findings)
        + len(plan.report_changes)
        + int(plan.creates_report)
    )
    return f"{count} place{'s' if count != 1 else ''}"


def _saved(instance, user: AnyUser | None):
    instance._history_user = user
    instance.full_clean()
    instance.save()
    return instance


def _write_inspection(plan: ImportPlan, user: AnyUser | None) -> Inspection:
    force = plan.force or _saved(
        Force(name=plan.force_name, slug=_free_slug(plan.force_name)), user
    )
    inspection = plan.existing or Inspection(force=force, is_published=False)
    values = dict(plan.values)
    if plan.existing:  # only what the document says; the record keeps the rest
        values = {k: v for k, v in values.items() if k in plan.extraction.fields}
    for name, value in values.items():
        setattr(inspection, name, value if value is not None else None)
    inspection.force = force
    return _saved(inspection, user)


def _free_slug(name: str) -> str:
    base = slugify(name)[:90] or "force"
    slug, number = base, 2
    while Force.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _write_questions(
    plan: ImportPlan, inspection: Inspection, user: AnyUser | None
) -> dict[int, GradedQuestion]:
    held = {q.wording.lower().strip(): q for q in inspection.questions.all()}
    order = max((q.order for q in held.values()), default=0)
    questions: dict[int, GradedQuestion] = {}
    grades = dict(plan.grade_changes)
    for index, draft in enumerate(plan.extraction.questions):
        question = held.get(draft.wording.lower().strip())
        if question is None:
            order += 1
            question = _saved(
                GradedQuestion(
                    inspection=inspection,
                    order=order,
                    wording=draft.wording,
                    short_title=draft.short_title,
                    grade=draft.grade,
                    source=plan.extraction.source_of(draft.grade_where or draft.where),
                ),
                user,
            )
        elif index in grades:
            question.grade = grades[index]
            question.source = plan.extraction.source_of(
                draft.grade_where or draft.where
            )
            _saved(question, user)
        questions[index] = question
    return questions


def _write_findings(plan, inspection, questions, user) -> None:
    for finding, theme in plan.theme_changes:
        finding.theme = theme
        _saved(finding, user)
    orders: dict[str, int] = {}
    for finding in inspection.findings.all():
        orders[finding.kind] = max(orders.get(finding.kind, 0), finding.order)
    for draft in plan.new_findings:
        orders[draft.kind] = orders.get(draft.kind, 0) + 1
        _saved(
            Finding(
                inspection=inspection,
                kind=draft.kind,
                theme=draft.theme[:200],
                text=draft.text,
                question=questions.get(draft.question)
                if draft.question is not None
                else None,
                order=orders[draft.kind],
                number=draft.number,
                source=plan.extraction.source_of(draft.where),
            ),
            user,
        )


def _write_report(
    plan: ImportPlan, inspection: Inspection, user: AnyUser | None
) -> None:
    report = plan.report or PanelReport(inspection=inspection)
    for name, value in plan.report_values.items():
        setattr(report, name, value)
    report.full_clean()  # which names the force whose response it sets out
    if plan.force is not None:  # a force held: its area's office, and no other
        check_may_write(user, report)
    _saved(report, user)
    if plan.report is not None:
        return  # an existing report's sections are the office's own work
    for order, section in enumerate(plan.extraction.panel.sections, start=1):
        _saved(
            ReportSection(
                report=report,
                order=order,
                kind=section.kind,
                heading=section.heading[:200],
                text="\n\n".join(section.text),
                text_after="\n\n".join(section.text_after),
            ),
            user,
        )
