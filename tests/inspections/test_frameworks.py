"""Inspection programmes round by round: a report entered or imported starts
from its round's questions; grades outside the round's scale, or an overall
grade where the round gives none, are refused in plain words; and the grade
history shows where the scale changed instead of comparing across it."""

import datetime

import pytest
from django.urls import reverse

from accounts.roles import Role
from demo import seed
from importing.formats import read_document
from importing.parser import parse_document
from importing.services import document_import
from inspections.choices import Grade
from inspections.frameworks import FRAMEWORKS
from inspections.models import Inspection
from tests.admin_forms import formset
from tests.conftest import sign_in
from tests.factories import (
    ForceFactory,
    GradedQuestionFactory,
    InspectionFactory,
    user_in_role,
)
from tests.importing.documents import SEED

pytestmark = pytest.mark.django_db
D = datetime.date


def inspection_form(force, **values) -> dict:
    return {
        "force": force.pk,
        "inspectorate": "HMICFRS",
        "framework": "",
        "programme": "PEEL",
        "pillar": "",
        "title": "An inspection",
        "publication_date": "2024-07-18",
        "overall_grade": "",
        "marking": "official",
        **values,
        **formset("questions", []),
        **formset("findings", []),
    }


@pytest.fixture
def chief(client):
    sign_in(client, user_in_role(Role.CHIEF_OFFICER))
    return client


def test_a_new_inspection_starts_from_its_rounds_questions(chief):
    service = ForceFactory(name="Eastmere Fire and Rescue Service", slug="eastmere")
    earlier = InspectionFactory(
        force=service,
        framework="fire-round-2",
        programme="Fire and rescue",
        pillar="",
        overall_grade="",
        publication_date=D(2022, 1, 20),
    )
    culture = GradedQuestionFactory(
        inspection=earlier,
        short_title="Promoting the right values and culture",
        grade=Grade.REQUIRES_IMPROVEMENT,
    )
    response = chief.post(
        reverse("admin:inspections_inspection_add"),
        inspection_form(service, framework="fire-round-3", programme="Fire and rescue"),
        follow=True,
    )
    assert response.status_code == 200
    inspection = Inspection.objects.get(framework="fire-round-3")
    questions = list(inspection.questions.order_by("order"))
    assert [q.short_title for q in questions] == [
        q.short_title for q in FRAMEWORKS["fire-round-3"].questions
    ]
    assert len(questions) == 11 and {q.grade for q in questions} == {""}
    assert "Added the 11 questions of Fire and rescue round 3 (2023–25)" in (
        response.text
    )
    # followed from the previous round for the grade history
    same = inspection.questions.get(short_title=culture.short_title)
    assert same.previous == culture


def test_an_inspection_entered_with_its_questions_keeps_only_those(chief):
    force = ForceFactory()
    data = inspection_form(force, framework="peel-2023-25")
    data |= formset(
        "questions",
        [{"order": 1, "wording": "How good is the force at investigating crime?",
          "short_title": "Investigating crime", "grade": "adequate"}],
    )  # fmt: skip
    chief.post(reverse("admin:inspections_inspection_add"), data)
    inspection = Inspection.objects.get(framework="peel-2023-25")
    assert list(inspection.questions.values_list("grade", flat=True)) == ["adequate"]


def test_a_round_with_no_overall_grade_refuses_one(chief):
    force = ForceFactory()
    response = chief.post(
        reverse("admin:inspections_inspection_add"),
        inspection_form(force, framework="peel-2021-22", overall_grade="good"),
    )
    assert response.status_code == 200
    assert (
        "PEEL 2021/22 gives no overall grade: grade its questions instead"
        in response.text
    )
    assert not Inspection.objects.exists()


def test_adequate_is_refused_on_a_four_point_round(chief):
    force = ForceFactory()
    response = chief.post(
        reverse("admin:inspections_inspection_add"),
        inspection_form(
            force,
            framework="peel-2014-17-effectiveness",
            pillar="Effectiveness",
            publication_date="2017-03-02",
            overall_grade="adequate",
        ),
    )
    assert "PEEL 2014–17: Effectiveness grades on four points: Adequate is not " in (
        response.text
    )
    inspection = InspectionFactory(
        force=force, framework="peel-2014-17-effectiveness", overall_grade="good"
    )
    question = GradedQuestionFactory(inspection=inspection, grade=Grade.GOOD)
    url = reverse("admin:inspections_gradedquestion_change", args=[question.pk])
    page = chief.post(
        url,
        {
            "inspection": inspection.pk,
            "order": question.order,
            "wording": question.wording,
            "grade": "adequate",
        },
    )
    assert "Adequate is not one of its grades" in page.text
    question.refresh_from_db()
    assert question.grade == Grade.GOOD


def test_the_grade_history_shows_the_scale_change_and_does_not_compare_across_it(
    client,
):
    force = ForceFactory(slug="shire")
    peel = {"programme": "PEEL", "pillar": "", "overall_grade": ""}
    before = InspectionFactory(
        force=force, framework="peel-2018-19", publication_date=D(2019, 5, 2), **peel
    )
    after = InspectionFactory(
        force=force, framework="peel-2021-22", publication_date=D(2022, 3, 2), **peel
    )
    later = InspectionFactory(
        force=force, framework="peel-2023-25", publication_date=D(2024, 3, 2), **peel
    )
    q1 = GradedQuestionFactory(
        inspection=before, short_title="Investigating crime", grade=Grade.GOOD
    )
    q2 = GradedQuestionFactory(
        inspection=after,
        short_title="Investigating crime",
        grade=Grade.ADEQUATE,
        previous=q1,
    )
    GradedQuestionFactory(
        inspection=later,
        short_title="Investigating crime",
        grade=Grade.REQUIRES_IMPROVEMENT,
        previous=q2,
    )
    response = client.get(reverse("inspections:grades", args=["shire"]))
    rows = {row.label: row.cells for row in response.context["rows"]}
    assert [c.change for c in rows["Investigating crime"]] == [
        "",
        "rescaled",
        "declined",
    ]
    assert "The grading scale changed</strong> with the March 2022 inspection" in (
        response.text
    )
    assert "New scale: not comparable" in response.text
    assert "Overall" not in rows  # no round of the three gives an overall grade
    page = client.get(later.get_absolute_url()).text
    assert "Graded on five points, question by question, with no overall" in page
    assert '<th scope="row">Overall</th>' not in page


def test_an_imported_report_takes_its_round_from_its_date(staff_officer):
    inspection = document_import(
        extraction=parse_document(read_document(SEED.read_bytes())),
        user=staff_officer,
    )
    assert inspection.framework == "peel-2014-17-effectiveness"
    # the report's own four questions, not the round's five
    assert inspection.questions.count() == len(seed.QUESTIONS) == 4


def test_an_imported_report_without_questions_starts_from_its_rounds(staff_officer):
    text = (
        "Northshire Police\nPEEL: Police effectiveness, efficiency and legitimacy "
        "2023–25\nPublished 12 March 2024\n\nAreas for improvement\n\n"
        "The force should answer 101 calls more quickly.\n"
    )
    inspection = document_import(
        extraction=parse_document(read_document(text.encode())),
        user=staff_officer,
        pillar="Core questions",
    )
    assert inspection.framework == "peel-2023-25"
    assert inspection.questions.count() == 9
