"""What importing an extraction would do to the database: a new inspection, or
the differences from the one already held, shown before anything is written."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q

from accounts.access import AnyUser
from importing.extraction import (
    NO_FRAMEWORK,
    Extraction,
    FindingDraft,
    QuestionDraft,
)
from importing.words import shortened
from inspections.choices import FindingKind, Grade, Inspectorate
from inspections.frameworks import infer
from inspections.models import Finding, Force, Inspection
from inspections.services import check_may_import, may_amend
from reports.models import PAPER_FIELDS, PanelReport
from reports.services import WRITES, may_write

FORCE_SUFFIXES = (" Police Service", " Police", " Constabulary")
INSPECTION_FIELDS = {
    "inspectorate": "Inspectorate",
    "title": "Title",
    "fieldwork_start": "Fieldwork start",
    "fieldwork_end": "Fieldwork end",
    "overall_grade": "Overall grade",
}


REQUIRED_FOR_REPORT = {
    "meeting_date": "meeting date",
    "subject": "subject",
    "author": "author",
    "purpose": "purpose",
    "recommendation": "recommendation",
    "contact_name": "person to contact",
}


@dataclass
class Change:
    what: str
    current: str
    proposed: str


@dataclass
class ImportPlan:
    extraction: Extraction
    force_name: str
    pillar: str
    publication_date: datetime.date | None
    force: Force | None = None
    existing: Inspection | None = None
    values: dict = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    new_questions: list[QuestionDraft] = field(default_factory=list)
    new_findings: list[FindingDraft] = field(default_factory=list)
    theme_changes: list[tuple[Finding, str]] = field(default_factory=list)
    grade_changes: list[tuple[int, str]] = field(default_factory=list)
    kept_findings: list[Finding] = field(default_factory=list)
    report: PanelReport | None = None
    report_values: dict = field(default_factory=dict)
    report_changes: list[Change] = field(default_factory=list)
    creates_report: bool = False
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    may_apply: bool = True  # the person may change the inspection already held

    @property
    def has_changes(self) -> bool:
        return bool(
            self.changes
            or self.new_questions
            or self.new_findings
            or self.report_changes
            or (self.creates_report and self.existing)
        )

    @property
    def can_commit(self) -> bool:
        return not self.problems

    def change_lines(self) -> list[str]:
        """The differences as an amendment records them."""
        lines = [
            f"{c.what}: {c.current or '(none)'} → {c.proposed}" for c in self.changes
        ]
        lines += [f"New graded question: {q.wording}" for q in self.new_questions]
        lines += [
            f"New {FindingKind(f.kind).label.lower()}: {f.text}"
            for f in self.new_findings
        ]
        lines += [
            f"{c.what}: {c.current or '(none)'} → {c.proposed}"
            for c in self.report_changes
        ]
        if self.creates_report:
            lines.append("Panel report added from the document")
        return lines


def plan_import(
    extraction: Extraction,
    *,
    user: AnyUser | None,
    force_name: str = "",
    pillar: str = "",
    publication_date: datetime.date | None = None,
) -> ImportPlan:
    plan = ImportPlan(
        extraction=extraction,
        force_name=(force_name or str(extraction.value("force"))).strip(),
        pillar=(pillar or str(extraction.value("pillar"))).strip(),
        publication_date=publication_date or extraction.publication_date,
    )
    if not plan.force_name:
        plan.problems.append("No force: give the force's name.")
    if not plan.pillar:
        plan.problems.append(
            "No pillar or inspection title: give it (e.g. Effectiveness)."
        )
    if plan.publication_date is None:
        updated = extraction.value("page_updated", None)
        hint = (
            f" (the page says it was last updated on {updated:%-d %B %Y})"
            if isinstance(updated, datetime.date)
            else ""
        )
        plan.problems.append(
            f"No publication date: give the date HMICFRS published it{hint}."
        )
    plan.force = find_force(plan.force_name) if plan.force_name else None
    if plan.force is not None:
        try:
            check_may_import(user, plan.force)
        except PermissionDenied as refusal:
            plan.problems.append(str(refusal))
    plan.values = _inspection_values(plan)
    if plan.force and plan.publication_date and plan.pillar:
        held = (
            Inspection.objects if user is None else Inspection.objects.visible_to(user)
        )
        plan.existing = (
            held.filter(
                force=plan.force,
                programme__iexact=plan.values["programme"],
                pillar__iexact=plan.pillar,
                publication_date=plan.publication_date,
            )
            .select_related("force")
            .first()
        )
    if plan.existing:
        _compare_inspection(plan, plan.existing)
        plan.may_apply = may_amend(user, plan.existing)
    else:
        plan.new_questions = list(extraction.questions)
        plan.new_findings = list(extraction.findings)
    _spell_themes(plan.new_findings)
    if extraction.is_panel_paper:
        _plan_report(plan, user)
    return plan


def find_force(name: str) -> Force | None:
    stem = _stem(name)
    candidates = Force.objects.filter(
        Q(name__iexact=name) | Q(name__istartswith=stem)
    ).order_by("name")
    return next((force for force in candidates if _stem(force.name) == stem), None)


def _stem(name: str) -> str:
    name = " ".join(name.split()).lower()
    for suffix in FORCE_SUFFIXES:
        if name.endswith(suffix.lower()):
            return name[: -len(suffix)]
    return name


def _inspection_values(plan: ImportPlan) -> dict:
    found = plan.extraction
    programme = str(found.value("programme")) or "PEEL"
    force = plan.force.name if plan.force else plan.force_name
    values = {
        "inspectorate": found.value("inspectorate") or Inspectorate.HMICFRS.value,
        "programme": programme,
        "pillar": plan.pillar,
        "title": found.value("title") or f"{programme} {plan.pillar}: {force}".strip(),
        "publication_date": plan.publication_date,
        "fieldwork_start": found.value("fieldwork_start", None),
        "fieldwork_end": found.value("fieldwork_end", None),
        "overall_grade": found.value("overall_grade"),
        "framework": _framework(found, programme, plan),
    }
    return values


def _framework(found: Extraction, programme: str, plan: ImportPlan) -> str:
    """As the person set it in the preview, or the round the details point to."""
    framework = found.value("framework", None)
    if framework is None:
        return infer(programme, plan.pillar, plan.publication_date)
    return "" if framework == NO_FRAMEWORK else str(framework)


def _compare_inspection(plan: ImportPlan, inspection: Inspection) -> None:
    found = plan.extraction
    for name, label in INSPECTION_FIELDS.items():
        if name not in found.fields:
            continue  # the document is silent: the record stays as it is
        current, proposed = getattr(inspection, name), plan.values[name]
        if current != proposed:
            plan.changes.append(
                Change(label, _show(name, current), _show(name, proposed))
            )
    questions = {_key(q.wording): q for q in inspection.questions.all()}
    for index, question_draft in enumerate(found.questions):
        question = questions.get(_key(question_draft.wording))
        if question is None:
            plan.new_questions.append(question_draft)
        elif question_draft.grade and question_draft.grade != question.grade:
            plan.grade_changes.append((index, question_draft.grade))
            plan.changes.append(
                Change(
                    f"Grade: {question}",
                    _show("grade", question.grade),
                    _show("grade", question_draft.grade),
                )
            )
    held = {(f.kind, _key(f.text)): f for f in inspection.findings.all()}
    seen = set()
    for draft in found.findings:
        finding = held.get((draft.kind, _key(draft.text)))
        if finding is None:
            plan.new_findings.append(draft)
            continue
        seen.add(finding.pk)
        if draft.theme and draft.theme.lower() != finding.theme.lower():
            plan.theme_changes.append((finding, draft.theme))
            plan.changes.append(
                Change(
                    f"Theme of “{shortened(finding.text, 60)}”",
                    finding.theme,
                    draft.theme,
                )
            )
    plan.kept_findings = [f for f in held.values() if f.pk not in seen]


def may(user: AnyUser | None, permission: str) -> bool:
    """None is the command line, run by whoever runs the server."""
    return user is None or user.has_perm(permission)


def _may_write_paper(user: AnyUser | None, plan: ImportPlan) -> bool:
    """The rule of reports.services for the paper the import would create: on
    the force held, or on a new force (which joins the one office of an
    installation that has one, and is checked again when written)."""
    if plan.force is None:
        return may(user, WRITES)
    return may_write(user, PanelReport(force=plan.force))


def _plan_report(plan: ImportPlan, user: AnyUser | None) -> None:
    panel = plan.extraction.panel
    plan.report_values = {
        name: panel.fields[name].value for name in PAPER_FIELDS if name in panel.fields
    }
    meeting = panel.meeting_date
    missing = [
        label
        for name, label in REQUIRED_FOR_REPORT.items()
        if name not in plan.report_values
    ]
    if missing:
        plan.notes.append(
            "No panel report will be created: the paper's "
            f"{_listed(missing)} {'was' if len(missing) == 1 else 'were'} not found."
        )
        return
    if plan.existing and meeting is not None:
        plan.report = (
            PanelReport.objects.filter(inspection=plan.existing, meeting_date=meeting)
            .order_by("pk")
            .first()
        )
    if plan.report is None and not _may_write_paper(user, plan):
        plan.notes.append(
            "The panel paper's fields are shown for reference; only the "
            "Commissioner's office for the force's area creates its panel reports, "
            "so none will be created."
        )
        return
    if plan.report is None:
        plan.creates_report = True
        return
    if not may_write(user, plan.report):
        plan.notes.append(
            "A panel report for this meeting already exists; only the Commissioner's "
            "office for the force's area changes it, so it will be left as it is."
        )
        return
    for name, value in plan.report_values.items():
        current = getattr(plan.report, name)
        if str(current).strip() != str(value).strip():
            model_field = PanelReport._meta.get_field(name)
            assert isinstance(model_field, models.Field)  # a column of the report
            label = str(model_field.verbose_name).capitalize()
            plan.report_changes.append(
                Change(
                    f"Panel report: {label}", _show(name, current), _show(name, value)
                )
            )


def _spell_themes(drafts: list[FindingDraft]) -> list[FindingDraft]:
    """Spell each theme as the database already does ("Crime and incident
    management"), so lists and the dashboard group it with the others."""
    themes = {draft.theme for draft in drafts if draft.theme}
    if not themes:
        return drafts
    matching = Q()
    for theme in themes:
        matching |= Q(theme__iexact=theme)
    known = {
        theme.lower(): theme
        for theme in Finding.objects.filter(matching)
        .order_by("theme")
        .values_list("theme", flat=True)
        .distinct()
    }
    for draft in drafts:
        draft.theme = known.get(draft.theme.lower(), draft.theme)
    return drafts


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _key(text: str) -> str:
    return " ".join(text.lower().replace("*", "").split()).rstrip(".;")


def _show(name: str, value) -> str:
    if value in (None, ""):
        return "—"
    if name in ("grade", "overall_grade"):
        return Grade(value).label
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    if name == "inspectorate":
        return Inspectorate(value).label
    return str(value)
