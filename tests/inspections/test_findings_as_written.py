"""Findings as reports write them: areas for improvement numbered ("AFI 7"),
causes of concern each with their recommendations, accelerated or not, and
recommendations made to a body, with a deadline where the report sets one."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import Organisation, OrganisationKind
from accounts.roles import Role
from inspections.choices import FindingKind, Marking
from inspections.models import Finding
from tests.conftest import sign_in
from tests.factories import FindingFactory, InspectionFactory, user_in_role
from tests.reports.test_panel_report import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    """A 2023 PEEL report: a cause of concern, accelerated, with two
    recommendations, one made to the College of Policing by a date."""
    inspection = InspectionFactory(publication_date=datetime.date(2023, 6, 1))
    college = Organisation.objects.create(
        name="College of Policing", kind=OrganisationKind.NATIONAL_BODY
    )
    concern = FindingFactory(
        inspection=inspection,
        kind=FindingKind.CAUSE_OF_CONCERN,
        number=1,
        text="The force does not answer emergency calls quickly enough.",
        is_accelerated=True,
    )
    first = FindingFactory(
        inspection=inspection,
        kind=FindingKind.RECOMMENDATION,
        number=1,
        concern=concern,
        text="Within three months, the force should answer 90% of 999 calls "
        "within 10 seconds.",
        deadline=datetime.date(2023, 9, 1),
    )
    second = FindingFactory(
        inspection=inspection,
        kind=FindingKind.RECOMMENDATION,
        number=2,
        concern=concern,
        addressed_to=college,
        text="The College of Policing should publish guidance on call handling.",
    )
    area = FindingFactory(
        inspection=inspection,
        kind=FindingKind.AREA_FOR_IMPROVEMENT,
        number=7,
        text="The force should improve how it records crime.",
    )
    return {"inspection": inspection, "concern": concern, "first": first,
            "second": second, "area": area, "college": college}  # fmt: skip


def test_the_inspection_page_shows_findings_as_the_report_writes_them(client, report):
    page = client.get(report["inspection"].get_absolute_url())
    assert page.status_code == 200
    text = page.text
    assert "<strong>AFI 7.</strong> The force should improve how it records" in text
    assert "<strong>Cause of concern 1.</strong>" in text
    assert "Accelerated</strong>" in text
    second = report["second"].pk
    assert f'<a href="#finding-{second}">Recommendation 2</a>' in text
    assert "Made to College of Policing" in text
    assert "By 1 September 2023" in text
    concern = report["concern"].pk
    assert f'Accompanies <a href="#finding-{concern}">cause of concern 1</a>' in text


def test_a_sensitive_recommendation_is_not_linked_for_the_public(client, report):
    Finding.objects.filter(pk=report["second"].pk).update(
        marking=Marking.OFFICIAL_SENSITIVE
    )
    text = client.get(report["inspection"].get_absolute_url()).text
    assert "College of Policing" not in text
    assert f"#finding-{report['second'].pk}" not in text
    assert "Its recommendation: " in text  # the one the public may read


def test_the_database_refuses_a_recommendations_links_on_another_kind(report):
    area = report["area"]
    for change in (
        {"is_accelerated": True},
        {"concern": report["concern"]},
        {"addressed_to": report["college"]},
        {"deadline": datetime.date(2024, 1, 1)},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Finding.objects.filter(pk=area.pk).update(**change)


def test_a_number_is_unique_per_kind_within_an_inspection(report):
    with pytest.raises(IntegrityError), transaction.atomic():
        FindingFactory(
            inspection=report["inspection"],
            kind=FindingKind.AREA_FOR_IMPROVEMENT,
            number=7,
        )
    # the same number for another kind is how reports number them
    FindingFactory(inspection=report["inspection"], kind=FindingKind.STRENGTH, number=7)


def _admin_data(finding, **changes):
    data = {
        "inspection": finding.inspection_id,
        "kind": finding.kind,
        "number": finding.number or "",
        "theme": finding.theme,
        "text": finding.text,
        "order": finding.order,
        "marking": finding.marking,
        "concern": finding.concern_id or "",
        "addressed_to": finding.addressed_to_id or "",
        "deadline": finding.deadline.isoformat() if finding.deadline else "",
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
        **{
            f"inspectorate_views-{name}": value
            for name, value in [
                ("TOTAL_FORMS", "0"),
                ("INITIAL_FORMS", "0"),
                ("MIN_NUM_FORMS", "0"),
                ("MAX_NUM_FORMS", "1000"),
            ]
        },  # fmt: skip
    }
    if finding.is_accelerated:
        data["is_accelerated"] = "on"
    data.update(changes)
    return data


def test_the_admin_explains_each_link_it_refuses(client, report):
    sign_in(client, user_in_role(Role.COMMISSIONERS_OFFICE))
    other = FindingFactory(kind=FindingKind.CAUSE_OF_CONCERN)  # another inspection
    cases = [
        (report["area"], {"is_accelerated": "on"},
         "Only a cause of concern is accelerated."),
        (report["area"], {"deadline": "2024-01-01"}, "Only a recommendation has a "
         "deadline."),
        (report["first"], {"concern": other.pk},
         "Choose a cause of concern from the same inspection."),
        (report["first"], {"deadline": "2023-05-31"},
         "The deadline cannot be before the report was published (1 June 2023)."),
        (report["first"], {"deadline": "31/02/2024"}, "Enter a valid date."),
        (report["first"], {"number": "-1"},
         "Ensure this value is greater than or equal to 0."),
    ]  # fmt: skip
    for finding, changes, message in cases:
        url = reverse("admin:inspections_finding_change", args=[finding.pk])
        page = client.post(url, _admin_data(finding, **changes))
        assert page.status_code == 200, changes
        assert message in page.text, changes
    report["first"].refresh_from_db()
    assert report["first"].concern == report["concern"]
    assert report["first"].deadline == datetime.date(2023, 9, 1)


def test_the_admin_links_a_recommendation_to_its_cause_and_addressee(client, report):
    sign_in(client, user_in_role(Role.COMMISSIONERS_OFFICE))
    finding = FindingFactory(
        inspection=report["inspection"], kind=FindingKind.RECOMMENDATION
    )
    url = reverse("admin:inspections_finding_change", args=[finding.pk])
    page = client.post(
        url,
        _admin_data(
            finding,
            number="3",
            concern=report["concern"].pk,
            addressed_to=report["college"].pk,
            deadline="2024-03-31",
        ),
    )
    assert page.status_code == 302, page.text
    finding.refresh_from_db()
    assert finding.reference == "Recommendation 3"
    assert finding.concern == report["concern"]
    assert finding.addressed_to == report["college"]
    assert finding.deadline == datetime.date(2024, 3, 31)
    listing = client.get(reverse("admin:inspections_finding_changelist"))
    assert "AFI 7: The force should improve" in listing.text


def test_the_paper_numbers_its_areas_for_improvement(client, report):
    paper = make_report(report["inspection"], include_action_appendix=True)
    sign_in(client, user_in_role(Role.COMMISSIONERS_OFFICE))
    page = client.get(paper.get_absolute_url())
    assert page.status_code == 200
    # in the areas for improvement section, and heading its appendix rows
    assert page.text.count("AFI 7. The force should improve how it records") == 2
