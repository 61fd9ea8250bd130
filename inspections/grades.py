"""A force's grades for one programme and pillar across its inspections, each
question followed through the years by the links staff set in the admin."""

from __future__ import annotations

from dataclasses import dataclass, field

from accounts.access import AnyUser
from inspections.choices import Grade
from inspections.frameworks import Scale
from inspections.models import Force, GradedQuestion, Inspection


@dataclass
class Cell:
    grade: str
    # "improved", "declined", "unchanged"; "rescaled" where the grade before it
    # was on the other scale, which HMICFRS says cannot be compared; "" first
    change: str = ""


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


def _with_changes(grades: list[str | None], scales: list[Scale]) -> list[Cell | None]:
    cells: list[Cell | None] = []
    last: tuple[str, Scale] | None = None
    for grade, scale in zip(grades, scales, strict=True):
        if grade is None:
            cells.append(None)
            continue
        if last is None or not grade:
            change = ""
        elif last[1] != scale:
            change = "rescaled"
        else:
            change = _change(last[0], grade)
        cells.append(Cell(grade, change))
        if grade:
            last = (grade, scale)
    return cells


def scale_changes(inspections: list[Inspection]) -> list[bool]:
    """For each column, whether its scale differs from the column before."""
    scales = [inspection.scale for inspection in inspections]
    return [i > 0 and scales[i] != scales[i - 1] for i in range(len(scales))]


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
    scales = [inspection.scale for inspection in inspections]
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
        rows.append(
            GradeRow(label.short_title or label.wording, _with_changes(grades, scales))
        )
    if any(inspection.overall_grade for inspection in inspections):
        overall = _with_changes([i.overall_grade for i in inspections], scales)
        rows.append(GradeRow("Overall", overall))
    return inspections, rows
