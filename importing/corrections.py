"""What the person corrected in the preview, applied to what was read: the
rows of graded questions and findings as they left them, and the details of
the inspection they set. Each correction is also said in words, one a line,
for the record the import keeps (importing.models.DocumentImport)."""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass, field
from typing import Any

from importing.extraction import (
    NO_FRAMEWORK,
    Extraction,
    FindingDraft,
    Found,
    QuestionDraft,
)
from importing.words import shortened
from inspections.choices import FindingKind, Grade
from inspections.frameworks import framework_of, infer

SET_IN_PREVIEW = "set in the preview"
ADDED_IN_PREVIEW = "added in the preview"
# The inspection's details the preview lets the person set, as Extraction.fields.
DETAILS = {
    "force": "Force or service",
    "programme": "Programme",
    "framework": "Programme and round",
    "pillar": "Pillar or inspection title",
    "publication_date": "Publication date",
    "overall_grade": "Overall grade",
}


@dataclass
class Corrections:
    """As kept in the session between previews: plain data only."""

    details: dict[str, Any] = field(default_factory=dict)
    questions: list[dict[str, Any]] | None = None
    findings: list[dict[str, Any]] | None = None
    lines: list[str] = field(default_factory=list)

    def as_data(self) -> dict[str, Any]:
        details = {
            name: value.isoformat() if isinstance(value, datetime.date) else value
            for name, value in self.details.items()
        }
        return {
            "details": details,
            "questions": self.questions,
            "findings": self.findings,
            "lines": self.lines,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> Corrections:
        if not data:
            return cls()
        details = dict(data.get("details") or {})
        if details.get("publication_date"):
            details["publication_date"] = datetime.date.fromisoformat(
                details["publication_date"]
            )
        return cls(
            details=details,
            questions=data.get("questions"),
            findings=data.get("findings"),
            lines=list(data.get("lines") or []),
        )

    def __bool__(self) -> bool:
        return bool(self.lines)


def applied(extraction: Extraction, corrections: Corrections) -> Extraction:
    """The extraction as the person corrected it (a copy; the read one stays)."""
    result = copy.deepcopy(extraction)
    shown = details_of(extraction)
    for name, value in corrections.details.items():
        if value == shown[name] or (value in ("", None) and not shown[name]):
            continue  # as read (or as assumed where the document is silent)
        if value in ("", None):
            result.fields.pop(name, None)
        else:
            result.fields[name] = Found(value, SET_IN_PREVIEW)
    if corrections.questions is not None:
        result.questions = [QuestionDraft(**row) for row in corrections.questions]
    if corrections.findings is not None:
        result.findings = [FindingDraft(**row) for row in corrections.findings]
    return result


def details_of(extraction: Extraction) -> dict[str, Any]:
    """The inspection's details as the preview shows them, as read or as the
    person set them, with what the import assumes where the document is silent
    (PEEL; the round its programme, pillar and date point to)."""
    programme = str(extraction.value("programme") or "PEEL")
    pillar = str(extraction.value("pillar") or "")
    framework = extraction.value("framework", None)
    if framework is None:
        framework = infer(programme, pillar, extraction.publication_date)
    return {
        "force": str(extraction.value("force") or ""),
        "programme": programme,
        "framework": framework or NO_FRAMEWORK,
        "pillar": pillar,
        "publication_date": extraction.publication_date,
        "overall_grade": str(extraction.value("overall_grade") or ""),
    }


def question_rows(extraction: Extraction) -> list[dict[str, Any]]:
    return [
        {"wording": q.wording, "grade": q.grade, "where": q.grade_where or q.where}
        for q in extraction.questions
    ]


def finding_rows(extraction: Extraction) -> list[dict[str, Any]]:
    return [
        {
            "kind": f.kind,
            "theme": f.theme,
            "number": f.number,
            "question": f.question,
            "text": f.text,
            "where": f.where,
        }
        for f in extraction.findings
    ]


def correct(
    read: Extraction,
    shown: Extraction,
    details: dict[str, Any],
    questions: list[dict[str, Any]],
    findings: list[dict[str, Any]],
) -> Corrections:
    """The person's corrections to the preview `shown` (itself `read` as
    corrected so far), from the rows of its forms: each row's `origin` is the
    index of the row it was shown as, None for a row added. A finding row may
    be removed, joined to the row above, or split where its text has a blank
    line. Said in words against what was `read`."""
    kept_questions: list[dict[str, Any]] = []
    renumbered: dict[int, int] = {}
    for row in questions:
        origin = row["origin"]
        if row["remove"]:
            continue
        if origin is not None:
            renumbered[origin] = len(kept_questions)
        where = (
            (shown.questions[origin].grade_where or shown.questions[origin].where)
            if origin is not None
            else ADDED_IN_PREVIEW
        )
        kept_questions.append(
            {
                "wording": row["wording"],
                "grade": row["grade"],
                "where": where,
                "grade_where": where,
            }
        )
    kept_findings: list[dict[str, Any]] = []
    for row in findings:
        origin = row["origin"]
        if row["remove"]:
            continue
        where = shown.findings[origin].where if origin is not None else ADDED_IN_PREVIEW
        question = row["question"]
        values = {
            "kind": row["kind"],
            "theme": row["theme"],
            "number": row["number"],
            "question": question if question is not None and question >= 0 else None,
            "where": where,
        }
        if row["merge"] and kept_findings:
            above = kept_findings[-1]
            above["text"] = _joined(above["text"], " ".join(row["text"].split()))
            above["where"] = f"{above['where']}; {where}"
            continue
        for part in _parts(row["text"]):
            kept_findings.append({**values, "text": part})
    for row in kept_findings:  # questions may have been removed
        if row["question"] is not None:
            row["question"] = renumbered.get(row["question"])
    corrections = Corrections(
        details={k: v for k, v in details.items() if k in DETAILS},
        questions=kept_questions,
        findings=kept_findings,
    )
    corrections.lines = said(read, applied(read, corrections))
    return corrections


def _joined(above: str, below: str) -> str:
    """One finding from two: a sentence broken across them runs on; two
    sentences keep their full stop (the reader drops a list item's last)."""
    if below[:1].isupper() and above and above[-1] not in ".;:,!?":
        return f"{above}. {below}"
    return f"{above} {below}".strip()


def _parts(text: str) -> list[str]:
    parts = [" ".join(part.split()) for part in text.replace("\r", "").split("\n\n")]
    return [part for part in parts if part]


def said(read: Extraction, corrected: Extraction) -> list[str]:
    """How `corrected` differs from what was `read`, one correction a line."""
    lines = []
    read_details, corrected_details = details_of(read), details_of(corrected)
    for name, label in DETAILS.items():
        before, after = read_details[name], corrected_details[name]
        if before != after:
            lines.append(f"{label}: {_shown(name, before)} → {_shown(name, after)}")
    regraded = {q.wording: q.grade for q in corrected.questions}
    for question in read.questions:
        after = regraded.get(question.wording, question.grade)
        if after != question.grade:
            wording = shortened(question.wording, 70)
            lines.append(
                f"Grade of “{wording}”: {_grade(question.grade)} → {_grade(after)}"
            )
    read_wordings = {q.wording for q in read.questions}
    corrected_wordings = {q.wording for q in corrected.questions}
    lines += _rows_said(
        "Graded question",
        [q.wording for q in read.questions if q.wording not in corrected_wordings],
        [q.wording for q in corrected.questions if q.wording not in read_wordings],
        lambda wording: f"“{shortened(wording, 70)}”",
    )
    lines += _rows_said(
        "Finding",
        [(f.kind, f.theme, f.number, f.text) for f in read.findings],
        [(f.kind, f.theme, f.number, f.text) for f in corrected.findings],
        _finding_said,
    )
    return lines


def _rows_said(what: str, before: list, after: list, describe) -> list[str]:
    """Rows changed in place, then rows gone and rows new, compared in order."""
    lines = []
    unmatched_before = [row for row in before if row not in after]
    unmatched_after = [row for row in after if row not in before]
    for old, new in zip(unmatched_before, unmatched_after, strict=False):
        if isinstance(old, tuple) and old[-1] == new[-1]:  # the same text
            was, now = _finding_said(old, bare=True), _finding_said(new, bare=True)
            lines.append(f"{what} “{shortened(old[-1], 50)}”: {was} → {now}")
            continue
        lines.append(f"{what} corrected: {describe(old)} → {describe(new)}")
    for old in unmatched_before[len(unmatched_after) :]:
        lines.append(f"{what} removed: {describe(old)}")
    for new in unmatched_after[len(unmatched_before) :]:
        lines.append(f"{what} added: {describe(new)}")
    return lines


def _finding_said(row: tuple, bare: bool = False) -> str:
    kind, theme, number, text = row
    label = FindingKind(kind).label.lower()
    numbered = f" {number}" if number else ""
    themed = f" ({theme})" if theme else ""
    return f"{label}{numbered}{themed}" + ("" if bare else f" “{shortened(text, 70)}”")


def _grade(value: str) -> str:
    return Grade(value).label.lower() if value else "no grade"


def _shown(name: str, value: Any) -> str:
    if value in (None, ""):
        return "none"
    if name == "overall_grade":
        return Grade(value).label
    if name == "framework":
        framework = framework_of(str(value))
        return framework.label if framework else "none of the rounds"
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    return str(value)
