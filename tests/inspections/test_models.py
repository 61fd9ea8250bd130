import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from inspections.choices import Grade
from tests.factories import FindingFactory, GradedQuestionFactory, InspectionFactory

D = datetime.date


def test_grades_run_from_best_to_worst():
    assert [grade.label for grade in sorted(Grade, key=lambda g: g.rank)] == [
        "Outstanding",
        "Good",
        "Adequate",
        "Requires improvement",
        "Inadequate",
    ]


def test_adequate_ranks_between_good_and_requires_improvement():
    assert Grade.GOOD.rank < Grade.ADEQUATE.rank < Grade.REQUIRES_IMPROVEMENT.rank


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2016, 10, 1), D(2016, 10, 31), "October 2016"),
        (D(2016, 10, 3), D(2016, 10, 14), "3 to 14 October 2016"),
        (D(2016, 9, 1), D(2016, 10, 31), "September 2016 to October 2016"),
        (D(2016, 9, 26), D(2016, 10, 7), "26 September 2016 to 7 October 2016"),
        (None, None, ""),
    ],
)
def test_fieldwork_period_reads_as_reports_write_it(start, end, expected):
    inspection = InspectionFactory.build(fieldwork_start=start, fieldwork_end=end)
    assert inspection.fieldwork_period == expected


@pytest.mark.django_db
def test_fieldwork_cannot_end_before_it_starts():
    inspection = InspectionFactory.build(
        force=InspectionFactory().force,
        fieldwork_start=D(2016, 10, 31),
        fieldwork_end=D(2016, 10, 1),
    )
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        inspection.full_clean()
    with pytest.raises(IntegrityError):
        inspection.save()


@pytest.mark.django_db
def test_report_cannot_be_published_before_fieldwork_ends():
    inspection = InspectionFactory.build(
        force=InspectionFactory().force,
        fieldwork_end=D(2017, 3, 31),
        publication_date=D(2017, 3, 2),
    )
    with pytest.raises(ValidationError, match="before its fieldwork ends"):
        inspection.full_clean()
    with pytest.raises(IntegrityError):
        inspection.save()


@pytest.mark.django_db
def test_one_inspection_per_force_programme_pillar_and_date():
    first = InspectionFactory()
    with pytest.raises(IntegrityError):
        InspectionFactory(force=first.force, publication_date=first.publication_date)


@pytest.mark.django_db
def test_finding_question_must_come_from_the_same_inspection():
    question = GradedQuestionFactory()
    finding = FindingFactory.build(inspection=InspectionFactory(), question=question)
    with pytest.raises(ValidationError, match="same inspection"):
        finding.full_clean()
    finding.inspection = question.inspection
    finding.full_clean()


@pytest.mark.django_db
def test_a_question_may_be_ungraded():
    question = GradedQuestionFactory(grade="")
    question.full_clean()
    assert question.get_grade_display() == ""
