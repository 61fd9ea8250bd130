"""What the parser found in a document, each item with where it came from."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from importing.words import PILLAR_QUESTION
from inspections.choices import FindingKind, Grade

PAPER_SIGNS = {"subject", "report_of", "author", "purpose"}
NO_FRAMEWORK = "none"  # the person said the inspection is of none of the rounds


@dataclass(frozen=True)
class Line:
    text: str
    number: int
    page: int | None = None
    unit: str = "line"

    @property
    def where(self) -> str:
        place = f"{self.unit} {self.number}"
        return f"page {self.page}, {place}" if self.page else place


@dataclass(frozen=True)
class Document:
    format: str
    lines: list[Line]
    pages: int | None = None


@dataclass
class Found:
    value: object
    where: str


@dataclass
class QuestionDraft:
    wording: str
    where: str
    grade: str = ""
    grade_where: str = ""

    @property
    def short_title(self) -> str:
        text = self.wording.rstrip("?").strip()
        for opening in ("How effective is the force at ", "How well does the force "):
            if text.lower().startswith(opening.lower()):
                text = text[len(opening) :]
                break
        text = text[:1].upper() + text[1:]
        return text if len(text) <= 100 else ""

    @property
    def key(self) -> str:
        """ "How effective is the force at investigating crime?" and a grade
        table's "Investigating crime" are one question."""
        text = self.short_title.lower() or self.wording.lower()
        if PILLAR_QUESTION.match(self.wording):
            return text  # the pillar's own: it names the questions it asks
        for pattern, question in PEEL_QUESTIONS:
            if pattern.search(text):
                return question
        return text

    @property
    def is_peel_question(self) -> bool:
        """One of the PEEL questions of 2015–2019, however it is worded."""
        return self.key in {question for _, question in PEEL_QUESTIONS}


# The PEEL questions of 2015–2019 as reports ask them and as their summaries
# name them: "The force is good at treating the public fairly" grades "To what
# extent does the force treat all of the people it serves with fairness and
# respect?", and a page that says both has read one question.
PEEL_QUESTIONS = [
    (re.compile(pattern), question)
    for pattern, question in (
        (r"^investigating crime\b", "investigating crime"),
        (r"^preventing crime\b", "preventing crime"),
        (r"^protecting (?:vulnerable people|those who are vulnerable)\b", "vulnerable"),
        (r"^tackling serious and organised crime\b", "serious and organised crime"),
        (
            r"\btreat(?:ing|s)? (?:all of )?(?:the public|the people it serves)\b",
            "public",
        ),
        (
            r"^maintaining an ethical culture\b|\bits workforce behaves ethically",
            "ethics",
        ),
        (r"\btreat(?:ing|s)? its workforce\b", "workforce"),
    )
]


@dataclass
class FindingDraft:
    kind: str
    text: str
    where: str
    theme: str = ""
    question: int | None = None  # index into Extraction.questions
    number: int | None = None  # as the report numbers it ("Area for improvement 3")


@dataclass
class SectionDraft:
    heading: str
    kind: str
    where: str
    text: list[str] = field(default_factory=list)
    text_after: list[str] = field(default_factory=list)


@dataclass
class PanelDraft:
    fields: dict[str, Found] = field(default_factory=dict)
    sections: list[SectionDraft] = field(default_factory=list)

    def value(self, name: str, default: object = "") -> object:
        found = self.fields.get(name)
        return found.value if found else default

    @property
    def meeting_date(self) -> datetime.date | None:
        return self.value("meeting_date", None)  # type: ignore[return-value]


@dataclass
class Extraction:
    format: str
    fields: dict[str, Found] = field(default_factory=dict)
    questions: list[QuestionDraft] = field(default_factory=list)
    findings: list[FindingDraft] = field(default_factory=list)
    panel: PanelDraft = field(default_factory=PanelDraft)
    not_understood: list[Found] = field(default_factory=list)
    pages: int | None = None
    source_name: str = ""  # the file's name, for each item's provenance
    # "good in two areas, adequate in five": counts a text gives, by grade,
    # whether or not it names the areas (a press release often does not)
    grade_counts: dict[str, int] = field(default_factory=dict)
    grade_counts_where: str = ""

    def source_of(self, where: str) -> str:
        """Where an item came from, as kept with it: "report.pdf, page 3, line 12"."""
        named = f"{self.source_name}, {where}" if self.source_name else where
        return named if len(named) <= 200 else f"{named[:199]}…"

    def value(self, name: str, default: object = "") -> object:
        found = self.fields.get(name)
        return found.value if found else default

    @property
    def publication_date(self) -> datetime.date | None:
        value = self.value("publication_date", None)
        return value if isinstance(value, datetime.date) else None

    def summary(self) -> str:
        """What was read, in a line: "Read as PDF: 4 graded questions, …"."""
        counts = [f"{len(self.questions)} graded question(s)"]
        for kind in FindingKind:
            if count := len(self.findings_of(kind.value)):
                name = kind.label.lower() if count == 1 else kind.plural.lower()
                counts.append(f"{count} {name}")
        grade = self.value("overall_grade")
        overall = f"; overall grade {Grade(str(grade)).label.lower()}" if grade else ""
        return f"Read as {self.format}: {', '.join(counts)}{overall}"

    def findings_of(self, kind: str) -> list[FindingDraft]:
        return [finding for finding in self.findings if finding.kind == kind]

    @property
    def is_panel_paper(self) -> bool:
        """A date alone (a press release's) does not make a paper."""
        return bool(self.panel.fields.keys() & PAPER_SIGNS)

    @property
    def found_anything(self) -> bool:
        return bool(
            self.questions or self.findings or self.panel.fields or self.grade_counts
        ) or ("overall_grade" in self.fields)


def document_as_data(document: Document) -> dict:
    """For keeping a read document between the preview and the confirmation."""
    return {
        "format": document.format,
        "pages": document.pages,
        "lines": [[ln.text, ln.number, ln.page, ln.unit] for ln in document.lines],
    }


def document_from_data(data: dict) -> Document:
    return Document(
        format=data["format"],
        pages=data["pages"],
        lines=[Line(*line) for line in data["lines"]],
    )
