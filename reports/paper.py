"""A panel report laid out as the committee paper: headings and paragraphs
numbered 1, 2, 3… right through, the inspection's sections filled in from the
record as it stands."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from accounts.access import AnyUser
from inspections.choices import FindingKind, Grade
from inspections.sections import finding_sections
from reports.models import PanelReport, SectionKind


@dataclass
class Paragraph:
    number: int
    text: str
    items: list[str] = field(default_factory=list)
    graded: list[tuple[str, str]] = field(default_factory=list)
    groups: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class Block:
    heading: str
    paragraphs: list[Paragraph]


DEFAULT_INTRO = {
    SectionKind.RATING: "The overall rating reached by the inspectorate is based on "
    "inspecting {count} areas of work, each of which receives its own grade:",
    SectionKind.POSITIVES: "The report highlights these strengths. It concludes that "
    "the force is:",
    SectionKind.AREAS: "The inspectorate highlights these areas where the force needs "
    "to improve:",
}
NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight"]


def paragraphs_of(text: str) -> list[str]:
    return [
        part.strip()
        for part in text.replace("\r\n", "\n").split("\n\n")
        if part.strip()
    ]


def build_paper(report: PanelReport, user: AnyUser) -> list[Block]:
    """Two queries for the inspection (its questions, its findings this person
    may see) and one for the sections."""
    numbers = itertools.count(1)
    questions, findings = [], []
    if report.inspection_id:
        questions = list(report.inspection.questions.all())
        findings = list(report.inspection.findings.visible_to(user))
    blocks = [
        Block("Purpose of Report", _numbered(report.purpose, numbers)),
        Block("Recommendation", _numbered(report.recommendation, numbers)),
    ]
    for section in report.sections.all():
        if section.kind == SectionKind.NARRATIVE:
            blocks.append(Block(section.heading, _numbered(section.text, numbers)))
            continue
        intro = section.text.strip() or DEFAULT_INTRO[section.kind].format(
            count=NUMBERS[len(questions)]
            if len(questions) < len(NUMBERS)
            else len(questions)
        )
        paragraph = Paragraph(next(numbers), intro)
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
                (theme or "Other", [f.text for f in theme_findings])
                for area in finding_sections(findings)
                if area.kind == FindingKind.AREA_FOR_IMPROVEMENT
                for theme, theme_findings in area.themes.items()
            ]
        after = _numbered(section.text_after, numbers)
        blocks.append(Block(section.heading, [paragraph, *after]))
    return blocks


def _numbered(text: str, numbers: Iterator[int]) -> list[Paragraph]:
    return [Paragraph(next(numbers), part) for part in paragraphs_of(text)]
