"""A panel report laid out as the committee paper: headings and paragraphs
numbered 1, 2, 3… right through, the inspection's sections filled in from the
record as it stands."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Q

from accounts.access import AnyUser, sees_action_plans, sees_sensitive
from actions.querysets import action_visibility
from actions.rag import rag_by_rule
from governance.snapshot import states_as_at
from inspections.choices import FindingKind, Grade, Marking
from inspections.context import ContextFigures, context_figures
from inspections.models import (
    Finding,
    GradedQuestion,
    Inspection,
    MonitoringPeriod,
    RaisedBefore,
)
from inspections.sections import finding_sections
from questions.paper import PaperQuestions, questions_of_paper
from reports.models import PanelReport, ReportSection, SectionKind


@dataclass
class Paragraph:
    number: int
    text: str
    items: list[str] = field(default_factory=list)
    graded: list[tuple[str, str]] = field(default_factory=list)
    groups: list[tuple[str, list[str]]] = field(default_factory=list)
    context: ContextFigures | None = None


@dataclass
class Block:
    heading: str
    paragraphs: list[Paragraph]


@dataclass
class AppendixRow:
    title: str
    status: str
    rag: str  # the owner's
    percent_complete: int
    marking: str = ""
    rule_rag: str = ""  # by rule, as at the meeting


DEFAULT_INTRO = {
    SectionKind.RATING: "The overall rating reached by the inspectorate is based on "
    "inspecting {count} areas of work, each of which receives its own grade:",
    SectionKind.POSITIVES: "The report highlights these strengths. It concludes that "
    "the force is:",
    SectionKind.AREAS: "The inspectorate highlights these areas where the force needs "
    "to improve:",
    SectionKind.CONTEXT: "Police officer numbers have changed by {change:+,} since "
    "{base} ({percent:+}%). In {first} the force had 1 police officer per "
    "{first_ratio} residents; in {last}, 1 per {last_ratio}. Savings since {base}: "
    "£{savings}m.",
}
HIDDEN = (
    "This section is filled in from the inspection's report, which is not yet "
    "published on this site."
)
NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight"]


def paragraphs_of(text: str) -> list[str]:
    return [
        part.strip()
        for part in text.replace("\r\n", "\n").split("\n\n")
        if part.strip()
    ]


@dataclass
class PaperView:
    """The paper as one person may read it."""

    blocks: list[Block]
    appendix: list[tuple[str, list[AppendixRow]]]
    inspection_shown: bool  # they may see the inspection, and its link
    sensitive: bool  # what they see holds OFFICIAL-SENSITIVE material
    letterhead: str  # names the force only beside an inspection they may see
    every_action: bool = True  # they see every action (an empty area has none)
    monitoring: MonitoringPeriod | None = None  # Scan/Engage on the meeting day


def read_paper(
    report: PanelReport,
    user: AnyUser,
    sections: list[ReportSection] | None = None,
) -> PaperView:
    """One query for the inspection's marking, if this person may see it at all:
    a published paper may name an inspection not (yet) published. `sections`,
    for an earlier version of the paper (reports.versions); else its own."""
    marking = None
    if report.inspection_id:
        marking = (
            Inspection.objects.visible_to(user)
            .filter(pk=report.inspection_id)
            .values_list("marking", flat=True)
            .first()
        )
    shown = marking is not None
    if sections is None:
        sections = list(report.sections.all())
    blocks, findings = _blocks(report, sections, user, shown)
    asked = questions_of_paper(report.pk, report.status, report.force_id, user)
    if asked.answered or asked.outstanding:
        last = max((p.number for b in blocks for p in b.paragraphs), default=0)
        blocks.append(_questions_block(asked, last + 1))
    appendix = action_appendix(report, user) if shown else []
    sensitive = (
        asked.sensitive
        or marking == Marking.OFFICIAL_SENSITIVE
        or any(f.marking == Marking.OFFICIAL_SENSITIVE for f in findings)
        or any(
            row.marking == Marking.OFFICIAL_SENSITIVE
            for _, rows in appendix
            for row in rows
        )
    )
    letterhead = report.letterhead if shown else report.report_of
    return PaperView(
        blocks,
        appendix,
        shown,
        sensitive,
        letterhead,
        sees_sensitive(user),
        monitoring_on(report, user) if shown else None,
    )


def _raised_before(inspection_id: int, user: AnyUser) -> dict[int, str]:
    """Each finding confirmed as raised before, as the paper says so. One query."""
    said: dict[int, list[str]] = {}
    for link in (
        RaisedBefore.objects.visible_to(user)
        .confirmed()
        .filter(finding__inspection=inspection_id)
        .select_related("earlier__inspection")
        .order_by("earlier__inspection__publication_date")
    ):
        earlier = link.earlier.inspection
        said.setdefault(link.finding_id, []).append(
            f"{earlier.name}, {earlier.publication_date:%B %Y}"
        )
    return {pk: f" (Raised before: {'; '.join(where)}.)" for pk, where in said.items()}


WITHHELD = "The answer is marked OFFICIAL-SENSITIVE, so it is not published."


def _questions_block(asked: PaperQuestions, first: int) -> Block:
    """The Panel's questions answered since the last paper about the force,
    each with its answer, then those still outstanding."""
    numbers = itertools.count(first)
    paragraphs = []
    for question, shown in asked.answered:
        who = question.asked_by.get_full_name() or question.asked_by.get_username()
        answer = question.answer if shown else WITHHELD
        paragraphs.append(
            Paragraph(
                next(numbers),
                f"{who} asked on {question.asked_at:%-d %B %Y}: {question.text}\n\n"
                f"The Commissioner's answer: {answer}",
            )
        )
    if asked.outstanding:
        items = []
        for question in asked.outstanding:
            who = question.asked_by.get_full_name() or question.asked_by.get_username()
            due = (
                f"to be answered by {question.answer_by:%-d %B %Y}"
                if question.answer_by
                else "no date set yet for the answer"
            )
            on = f"{question.asked_at:%-d %B %Y}"
            items.append(f"{question.text} (asked by {who} on {on}; {due})")
        paragraphs.append(
            Paragraph(next(numbers), "These questions are not yet answered:", items)
        )
    return Block("Questions from the Panel", paragraphs)


def monitoring_on(report: PanelReport, user: AnyUser) -> MonitoringPeriod | None:
    """The HMICFRS monitoring the inspected force was in on the meeting day."""
    day = report.meeting_date
    return (
        MonitoringPeriod.objects.visible_to(user)
        .filter(force__inspections=report.inspection_id, entered__lte=day)
        .filter(Q(left__isnull=True) | Q(left__gte=day))
        .select_related("force")
        .first()
    )


def _blocks(
    report: PanelReport, sections: list[ReportSection], user: AnyUser, shown: bool
) -> tuple[list[Block], list[Finding]]:
    """Two queries for the inspection (its questions, its findings this person
    may see) and one for the sections."""
    numbers = itertools.count(1)
    questions: list[GradedQuestion] = []
    findings: list[Finding] = []
    earlier: dict[int, str] = {}
    hidden = bool(report.inspection_id) and not shown
    if report.inspection_id and shown:
        # through the rules, not the relation: a published paper may name an
        # inspection that this person may not (yet) see
        questions = list(
            GradedQuestion.objects.visible_to(user).filter(
                inspection=report.inspection_id
            )
        )
        findings = list(
            Finding.objects.visible_to(user).filter(inspection=report.inspection_id)
        )
        earlier = _raised_before(report.inspection_id, user)
    blocks = [
        Block("Purpose of Report", _numbered(report.purpose, numbers)),
        Block("Recommendation", _numbered(report.recommendation, numbers)),
    ]
    for section in sections:
        if section.kind == SectionKind.NARRATIVE:
            blocks.append(Block(section.heading, _numbered(section.text, numbers)))
            continue
        context = (
            context_figures(report.inspection.force)
            if section.kind == SectionKind.CONTEXT
            and report.inspection_id
            and report.inspection is not None
            and report.inspection.force is not None
            else None
        )
        if hidden and section.kind != SectionKind.CONTEXT:
            blocks.append(Block(section.heading, [Paragraph(next(numbers), HIDDEN)]))
            continue
        intro = section.text.strip() or _default_intro(section.kind, questions, context)
        paragraph = Paragraph(next(numbers), intro, context=context)
        if section.kind == SectionKind.RATING:
            paragraph.graded = [
                (q.wording, Grade(q.grade).label if q.grade else "Not graded")
                for q in questions
            ]
        elif section.kind == SectionKind.POSITIVES:
            paragraph.items = [
                f.text for f in findings if f.kind == FindingKind.STRENGTH
            ]
        elif section.kind == SectionKind.AREAS:
            paragraph.groups = [
                (
                    theme or "Other",
                    [f.numbered_text + earlier.get(f.pk, "") for f in theme_findings],
                )
                for area in finding_sections(findings)
                if area.kind == FindingKind.AREA_FOR_IMPROVEMENT
                for theme, theme_findings in area.themes.items()
            ]
        after = _numbered(section.text_after, numbers)
        blocks.append(Block(section.heading, [paragraph, *after]))
    return blocks, findings


def _default_intro(kind, questions, context) -> str:
    if kind == SectionKind.CONTEXT:
        if context is None:
            return "No context figures have been recorded for the force."
        return DEFAULT_INTRO[kind].format(
            change=context.officers_change,
            base=context.base.year,
            percent=context.officers_change_percent,
            first=context.earliest.year,
            first_ratio=context.earliest.residents_per_officer,
            last=context.latest.year,
            last_ratio=context.latest.residents_per_officer,
            savings=context.savings,
        )
    count = len(questions)
    return DEFAULT_INTRO[kind].format(
        count=NUMBERS[count] if count < len(NUMBERS) else count
    )


def _numbered(text: str, numbers: Iterator[int]) -> list[Paragraph]:
    return [Paragraph(next(numbers), part) for part in paragraphs_of(text)]


def action_appendix(report: PanelReport, user: AnyUser) -> list[tuple[str, list]]:
    """Each area for improvement, recommendation and cause of concern with its
    actions as they stood at the end of the meeting day, from the audit trail:
    two queries. Shown only to those who may read action plans, like the plans
    themselves."""
    if not (report.include_action_appendix and report.inspection_id):
        return []
    if not sees_action_plans(user):
        return []
    areas = list(
        Finding.objects.visible_to(user)
        .filter(inspection=report.inspection_id)
        .exclude(kind=FindingKind.STRENGTH)
    )
    visible = action_visibility(user) & Q(finding__inspection=report.inspection_id)
    if report.force_id is not None:  # its force's plan (a thematic inspection)
        visible &= Q(force=report.force_id)
    states = states_as_at(report.as_at, visible)
    as_at_day = report.meeting_date
    by_area: dict[int, list[AppendixRow]] = {}
    for record in sorted(states.values(), key=lambda r: (r.due_date, r.id)):
        by_area.setdefault(record.finding_id, []).append(
            AppendixRow(
                record.title,
                record.status,
                record.rag,
                record.percent_complete,
                record.marking,
                rag_by_rule(
                    status=record.status,
                    percent_complete=record.percent_complete,
                    due_date=record.due_date,
                    today=as_at_day,
                ),
            )
        )
    return [(area.numbered_text, by_area.get(area.pk, [])) for area in areas]
