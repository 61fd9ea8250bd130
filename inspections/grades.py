"""A force's grades for one programme and pillar across its inspections, each
question followed through the years by the links staff set in the admin."""

from __future__ import annotations

from dataclasses import dataclass, field

from accounts.access import AnyUser
from inspections.choices import Grade
from inspections.models import Force, GradedQuestion, Inspection


@dataclass
class Cell:
    grade: str
    change: str = ""  # "improved", "declined", "unchanged", or "" for the first


@dataclass
class GradeRow:
    label: str
    cells: list[Cell | None] = field(default_factory=list)


def _change(earlier: str, later: str) -> str:
    if not earlier or not later:
        return ""
    before, after = Grade(earlier).rank, Grade(later).rank
    if after < before:
        return "improved"
    if after > before:
        return "declined"
    return "unchanged"


def _with_changes(grades: list[str | None]) -> list[Cell | None]:
    cells: list[Cell | None] = []
    last: str | None = None
    for grade in grades:
        if grade is None:
            cells.append(None)
            continue
        cells.append(Cell(grade, _change(last, grade) if last else ""))
        last = grade or last
    return cells


def grade_history(
    *, force: Force, programme: str, pillar: str, user: AnyUser
) -> tuple[list[Inspection], list[GradeRow]]:
    """Two queries: the inspections, and their questions."""
    inspections = list(
        Inspection.objects.visible_to(user)
        .filter(force=force, programme=programme, pillar=pillar)
        .order_by("publication_date")
    )
    column = {inspection.pk: index for index, inspection in enumerate(inspections)}
    questions = list(
        GradedQuestion.objects.filter(inspection__in=inspections).order_by(
            "inspection__publication_date", "order"
        )
    )
    by_id = {q.pk: q for q in questions}
    following = {q.previous_id: q for q in questions if q.previous_id in by_id}
    rows = []
    for question in questions:
        if question.previous_id in by_id:
            continue  # not the start of a chain: reached from its predecessor
        grades: list[str | None] = [None] * len(inspections)
        label = question
        current: GradedQuestion | None = question
        while current is not None:
            grades[column[current.inspection_id]] = current.grade
            label = current
            current = following.get(current.pk)
        rows.append(GradeRow(label.short_title or label.wording, _with_changes(grades)))
    overall = _with_changes([i.overall_grade for i in inspections])
    rows.append(GradeRow("Overall", overall))
    return inspections, rows
