"""The Commissioner's office keeps the section 55 response on the site."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import RecommendationResponse, Section55Response
from inspections.choices import FindingKind
from tests.conftest import sign_in
from tests.factories import FindingFactory, InspectionFactory

pytestmark = pytest.mark.django_db
PUBLISHED = datetime.date(2017, 3, 2)


def url_of(inspection) -> str:
    return reverse("governance:section_55_edit", args=[inspection.pk])


def answer_field(recommendation, name: str) -> str:
    return f"recommendation-{recommendation.pk}-{name}"


def test_the_office_records_the_response_and_answers_each_recommendation(
    client, commissioners_office
):
    inspection = InspectionFactory(publication_date=PUBLISHED)
    first, second = (
        FindingFactory(inspection=inspection, kind=FindingKind.RECOMMENDATION)
        for _ in range(2)
    )
    sign_in(client, commissioners_office)
    page = client.get(inspection.get_absolute_url()).text
    assert "Record the section 55 response" in page
    response = client.post(
        url_of(inspection),
        {
            "chief_officer_invited_on": "2017-03-02",
            "chief_officer_received_on": "2017-03-20",
            "commissioner_comments": "I welcome the report.",
            "published_on": "2017-04-20",
            answer_field(first, "outcome"): "to_be_taken",
            answer_field(first, "text"): "Training from May.",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#section-55")
    kept = Section55Response.objects.get(inspection=inspection)
    assert kept.published_on == datetime.date(2017, 4, 20)
    answer = RecommendationResponse.objects.get(response=kept)
    assert (answer.finding, answer.text) == (first, "Training from May.")
    page = client.get(inspection.get_absolute_url()).text
    assert "Update the section 55 response" in page and "Training from May." in page
    assert page.count("Thursday 2 March 2017") == 1  # the publication date, once
    # the form comes back filled in, and an answer emptied is removed
    again = client.get(url_of(inspection)).text
    assert "Training from May." in again
    emptied = client.post(
        url_of(inspection), {"published_on": "2017-04-20"}, follow=True
    )
    assert not RecommendationResponse.objects.filter(finding=second).exists()
    assert not RecommendationResponse.objects.exists()
    told = [str(m) for m in emptied.context["messages"]]
    assert told == [
        "The section 55 response is saved. 1 answer you left empty was removed."
    ]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"chief_officer_invited_on": "2017-03-20",
             "chief_officer_received_on": "2017-03-10"},
            "chief_officer_received_on",
            "cannot be received before they were invited",
        ),
        ({"sent_to_hmicfrs_on": "2030-01-01"}, "sent_to_hmicfrs_on", "still to come"),
        ({"published_on": "2017-02-01"}, "published_on", "before the inspection"),
        ({"published_on": "2017-02-31"}, "published_on", "Enter a valid date"),
        ({"published_on": "yesterday"}, "published_on", "Enter a valid date"),
        ({"commissioner_comments": "x" * 30_001}, "commissioner_comments", "at most"),
    ],
)  # fmt: skip
def test_impossible_dates_and_overlong_text_are_explained_and_nothing_is_saved(
    client, commissioners_office, data, field, message
):
    inspection = InspectionFactory(publication_date=PUBLISHED)
    sign_in(client, commissioners_office)
    response = client.post(
        url_of(inspection), {"commissioner_comments": "Kept", **data}
    )
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert response.context["has_errors"]
    assert "<title>Error:" in response.text and 'id="error-summary"' in response.text
    assert not Section55Response.objects.exists()


def test_an_answer_needs_both_its_response_and_its_text(client, commissioners_office):
    recommendation = FindingFactory(kind=FindingKind.RECOMMENDATION)
    sign_in(client, commissioners_office)
    response = client.post(
        url_of(recommendation.inspection), {answer_field(recommendation, "text"): "Hm"}
    )
    assert response.status_code == 200
    assert "Choose the response this text gives." in response.text
    assert not Section55Response.objects.exists()


def test_the_admin_refuses_the_same_impossible_dates(admin_client):
    inspection = InspectionFactory(publication_date=PUBLISHED)
    response = admin_client.post(
        reverse("admin:governance_section55response_add"),
        {
            "inspection": inspection.pk,
            "chief_officer_invited_on": "2017-03-20",
            "chief_officer_received_on": "2017-03-10",
            "sent_to_hmicfrs_on": (timezone.localdate() + datetime.timedelta(days=9)),
            "recommendations-TOTAL_FORMS": 0,
            "recommendations-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "cannot be received before" in str(errors["chief_officer_received_on"])
    assert "still to come" in str(errors["sent_to_hmicfrs_on"])
    assert not Section55Response.objects.exists()


@pytest.mark.parametrize("who", ["", "panel_member", "staff_officer"])
def test_only_those_who_keep_the_response_reach_the_form(client, request, who):
    inspection = InspectionFactory()
    if who:
        sign_in(client, request.getfixturevalue(who))
    response = client.get(url_of(inspection))
    assert response.status_code == (403 if who else 302)
    posted = client.post(url_of(inspection), {"published_on": "2017-04-01"})
    assert posted.status_code == (403 if who else 302)
    assert not Section55Response.objects.exists()


def test_the_form_page_queries_do_not_grow_with_recommendations(
    client, commissioners_office, django_assert_max_num_queries
):
    inspection = InspectionFactory()
    for _ in range(12):
        FindingFactory(inspection=inspection, kind=FindingKind.RECOMMENDATION)
    sign_in(client, commissioners_office)
    client.get(url_of(inspection))
    with django_assert_max_num_queries(8):
        assert client.get(url_of(inspection)).status_code == 200
