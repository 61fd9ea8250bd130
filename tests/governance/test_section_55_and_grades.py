"""Section 55 deadlines and the grade history."""

import datetime

import pytest
from django.urls import reverse

from governance.models import Section55Response, Section55State, section_55_state
from inspections.choices import Grade
from tests.conftest import sign_in
from tests.factories import ForceFactory, GradedQuestionFactory, InspectionFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("published", "due"),
    [
        (D(2017, 3, 2), D(2017, 4, 27)),  # the seed
        (D(2016, 2, 29), D(2016, 4, 25)),  # a leap day
        (D(2016, 12, 20), D(2017, 2, 14)),  # across the year end
    ],
)
def test_the_response_is_due_56_days_after_publication(published, due):
    inspection = InspectionFactory.build(publication_date=published)
    assert Section55Response(inspection=inspection).due_on == due


@pytest.mark.parametrize(
    ("today", "published_on", "state"),
    [
        (D(2017, 4, 27), None, Section55State.DUE),  # the last day is still in time
        (D(2017, 4, 28), None, Section55State.OVERDUE),
        (D(2017, 5, 30), D(2017, 4, 27), Section55State.PUBLISHED),
        (D(2017, 5, 30), D(2017, 4, 28), Section55State.PUBLISHED_LATE),
    ],
)
def test_due_overdue_and_published(today, published_on, state):
    assert (
        section_55_state(
            publication_date=D(2017, 3, 2), published_on=published_on, today=today
        )
        == state
    )


def test_the_inspection_page_shows_the_deadline_to_everyone(client):
    inspection = InspectionFactory(publication_date=D(2017, 3, 2))
    Section55Response.objects.create(
        inspection=inspection,
        commissioner_comments="Draft words not yet published.",
        chief_officer_invited_on=D(2017, 3, 2),
    )
    page = client.get(inspection.get_absolute_url()).text
    assert "Thursday 27 April 2017" in page
    assert "Overdue" in page
    assert "Draft words not yet published." not in page  # not published yet


def test_staff_see_the_working_of_the_response(client, commissioners_office):
    inspection = InspectionFactory(publication_date=D(2017, 3, 2))
    Section55Response.objects.create(
        inspection=inspection,
        commissioner_comments="Draft words.",
        chief_officer_invited_on=D(2017, 3, 2),
    )
    sign_in(client, commissioners_office)
    page = client.get(inspection.get_absolute_url()).text
    assert "Draft words." in page
    assert "2 March 2017" in page and "Copy to HMICFRS" in page


def test_published_comments_are_public(client):
    inspection = InspectionFactory(publication_date=D(2017, 3, 2))
    Section55Response.objects.create(
        inspection=inspection,
        commissioner_comments="Our response.",
        published_on=D(2017, 3, 29),
        published_where="https://example.org/s55",
    )
    page = client.get(inspection.get_absolute_url()).text
    assert "Our response." in page and "Published" in page
    assert 'href="https://example.org/s55"' in page


def test_grade_history_follows_linked_questions_whatever_their_wording(client):
    force = ForceFactory(slug="leics")
    years = [
        InspectionFactory(force=force, publication_date=D(year, 3, 2), overall_grade=g)
        for year, g in [
            (2015, Grade.GOOD),
            (2016, Grade.REQUIRES_IMPROVEMENT),
            (2017, Grade.REQUIRES_IMPROVEMENT),
        ]
    ]
    q2015 = GradedQuestionFactory(
        inspection=years[0], short_title="Keeping people safe", grade=Grade.GOOD
    )
    q2016 = GradedQuestionFactory(
        inspection=years[1],
        short_title="Preventing crime",  # reworded
        grade=Grade.REQUIRES_IMPROVEMENT,
        previous=q2015,
    )
    GradedQuestionFactory(
        inspection=years[2],
        short_title="Preventing crime and ASB",
        grade=Grade.GOOD,
        previous=q2016,
    )
    GradedQuestionFactory(inspection=years[2], short_title="New in 2017", grade="")
    response = client.get(reverse("inspections:grades", args=["leics"]))
    rows = {row.label: row.cells for row in response.context["rows"]}
    chain = rows["Preventing crime and ASB"]
    assert [c.grade for c in chain] == ["good", "requires_improvement", "good"]
    assert [c.change for c in chain] == ["", "declined", "improved"]
    assert rows["New in 2017"][:2] == [None, None]
    assert [c.change for c in rows["Overall"]] == ["", "declined", "unchanged"]
    assert "↓ Declined" in response.text and "↑ Improved" in response.text


def test_grade_history_of_a_force_with_no_published_inspection_is_not_found(client):
    InspectionFactory(force=ForceFactory(slug="quiet"), is_published=False)
    assert client.get(reverse("inspections:grades", args=["quiet"])).status_code == 404
    assert client.get(reverse("inspections:grades", args=["nope"])).status_code == 404


@pytest.mark.parametrize("questions", [2, 20])
def test_grade_history_queries_do_not_grow(
    client, django_assert_num_queries, questions
):
    force = ForceFactory(slug="busy")
    inspection = InspectionFactory(force=force)
    GradedQuestionFactory.create_batch(questions, inspection=inspection)
    # force, latest inspection, inspections, questions, HMICFRS monitoring
    with django_assert_num_queries(5):
        client.get(reverse("inspections:grades", args=["busy"]))
