"""What the inspectorate says and does after a report: its own view of each
finding, with dated comments, beside the force's status; and its Scan/Engage
monitoring of a force. Recorded in the admin by the organisation's chief
officers and Commissioner's office only; shown on the site to every reader."""

import datetime

import pytest
from django.urls import reverse

from accounts.roles import Role
from demo.areas import commissioners_area
from inspections.choices import FindingKind, InspectorateStatus, MonitoringStage
from inspections.models import InspectorateView, MonitoringPeriod
from tests.admin_forms import formset
from tests.conftest import sign_in
from tests.factories import (
    FindingFactory,
    ForceFactory,
    InspectionFactory,
    PanelReportFactory,
    user_in_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_areas():
    north, south = ForceFactory(name="North Police"), ForceFactory(name="South Police")
    for force in (north, south):
        commissioners_area(force)
    return north, south


@pytest.fixture
def recommendation(two_areas):
    north, _ = two_areas
    inspection = InspectionFactory(
        force=north, publication_date=datetime.date(2024, 1, 10)
    )
    return FindingFactory(
        inspection=inspection, kind=FindingKind.RECOMMENDATION, number=1
    )


def finding_form(finding, views: list[dict]) -> dict:
    return {
        "inspection": finding.inspection_id,
        "kind": finding.kind,
        "number": finding.number or "",
        "theme": finding.theme,
        "text": finding.text,
        "order": finding.order,
        "marking": finding.marking,
        **formset("actions", []),
        **formset("inspectorate_views", views),
    }


def test_the_forces_chief_officer_records_the_inspectorates_view(
    client, two_areas, recommendation
):
    north, _ = two_areas
    chief = user_in_role(Role.CHIEF_OFFICER, organisation=north.organisation)
    sign_in(client, chief)
    url = reverse("admin:inspections_finding_change", args=[recommendation.pk])
    assert 'name="inspectorate_views-TOTAL_FORMS"' in client.get(url).text
    views = [
        {"status": InspectorateStatus.BEING_PROGRESSED, "date": "2024-06-01",
         "comment": "Call answering improved; not yet sustained."},
        {"status": InspectorateStatus.AWAITING_REVIEW, "date": "2024-02-01",
         "comment": ""},
    ]  # fmt: skip
    page = client.post(url, finding_form(recommendation, views))
    assert page.status_code == 302, page.text
    newest = InspectorateView.objects.filter(finding=recommendation).first()
    assert newest.status == InspectorateStatus.BEING_PROGRESSED
    assert newest.recorded_by == chief
    # not an amendment of the report: the inspectorate's doing, kept apart
    assert not recommendation.inspection.amendments.exists()
    public = client.get(recommendation.inspection.get_absolute_url()).text
    assert (
        "The inspectorate's view:</span> <strong>Being progressed</strong>, "
        "1 June 2024: Call answering improved; not yet sustained." in public
    )
    assert (
        "Its earlier views (1)" in public
        and "Awaiting review, 1 February 2024" in public
    )


def test_another_forces_chief_officer_may_not_record_it(
    client, two_areas, recommendation
):
    _, south = two_areas
    sign_in(client, user_in_role(Role.CHIEF_OFFICER, organisation=south.organisation))
    url = reverse("admin:inspections_finding_change", args=[recommendation.pk])
    page = client.get(url)
    if page.status_code == 200:  # the published finding is readable; not theirs
        assert 'name="inspectorate_views-MAX_NUM_FORMS" value="0"' in page.text
    views = [{"status": InspectorateStatus.COMPLETE, "date": "2024-06-01"}]
    client.post(url, finding_form(recommendation, views))
    assert not InspectorateView.objects.exists()


def test_a_view_is_dated_after_the_report_and_not_in_the_future(
    client, two_areas, recommendation
):
    north, _ = two_areas
    sign_in(client, user_in_role(Role.COMMISSIONERS_OFFICE))
    url = reverse("admin:inspections_finding_change", args=[recommendation.pk])
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    for date, message in [
        ("2023-12-31", "The view cannot be dated before the report was published "
         "(10 January 2024)."),
        (tomorrow, "The view cannot be dated in the future."),
        ("2024-13-01", "Enter a valid date."),
        ("", "This field is required."),
    ]:  # fmt: skip
        views = [{"status": InspectorateStatus.COMPLETE, "date": date}]
        page = client.post(url, finding_form(recommendation, views))
        assert page.status_code == 200 and message in page.text, date
    assert not InspectorateView.objects.exists()


def force_form(force, periods: list[dict]) -> dict:
    return {
        "name": force.name,
        "slug": force.slug,
        **formset("years", []),
        **formset("monitoring_periods", periods),
    }


def test_the_office_records_engage_and_every_page_shows_it(client, two_areas):
    north, south = two_areas
    report = InspectionFactory(force=north, publication_date=datetime.date(2024, 1, 10))
    draft = InspectionFactory(force=north, is_published=False)
    office = user_in_role(Role.COMMISSIONERS_OFFICE, organisation=north.organisation)
    office.memberships.update(organisation=north.organisation.overseen_by.get())
    sign_in(client, office)
    url = reverse("admin:inspections_force_change", args=[north.pk])
    period = {
        "stage": MonitoringStage.ENGAGE, "entered": "2024-03-01", "left": "",
        "reasons": "Inadequate at responding to the public.",
        "inspections": [report.pk, draft.pk],
        "improvement_plan": "Published on the force's website; reviewed monthly.",
    }  # fmt: skip
    page = client.post(url, force_form(north, [period]))
    assert page.status_code == 302, page.text
    engage = MonitoringPeriod.objects.get(force=north)
    assert set(engage.inspections.all()) == {report, draft}

    dashboard = client.get("/dashboard/").text
    assert "In HMICFRS monitoring" in dashboard
    assert "North Police has been in <strong>Engage</strong> since 1 March 2024" in (
        dashboard
    )
    client.logout()
    grades = client.get(reverse("inspections:grades", args=[north.slug])).text
    assert "Inadequate at responding to the public." in grades
    assert report.get_absolute_url() in grades
    assert draft.get_absolute_url() not in grades  # unpublished: not to the public
    assert (
        "Engage</strong> since 1 March 2024"
        in client.get(report.get_absolute_url()).text
    )
    paper = PanelReportFactory(
        inspection=report, meeting_date=datetime.date(2024, 4, 2)
    )
    assert (
        "On the day of this meeting North Police was in HMICFRS's <strong>Engage"
        "</strong> monitoring, which it entered on 1 March 2024."
    ) in client.get(paper.get_absolute_url()).text
    south_report = InspectionFactory(force=south)
    assert "HMICFRS monitoring" not in client.get(south_report.get_absolute_url()).text


def test_a_force_has_one_current_period_and_leaves_after_it_entered(client, two_areas):
    north, south = two_areas
    MonitoringPeriod.objects.create(
        force=north, stage=MonitoringStage.SCAN, entered=datetime.date(2024, 1, 1),
        reasons="Concerns about crime recording.",
    )  # fmt: skip
    sign_in(client, user_in_role(Role.COMMISSIONERS_OFFICE))
    url = reverse("admin:inspections_force_change", args=[north.pk])
    cases = [
        ({"entered": "2024-05-01", "left": ""}, "North Police is already in "
         "monitoring with no end date"),
        ({"entered": "2024-05-01", "left": "2024-04-01"},
         "It cannot leave monitoring before it entered."),
        ({"entered": "2999-01-01", "left": ""},
         "It cannot have entered monitoring in the future."),
    ]  # fmt: skip
    for dates, message in cases:
        period = {"stage": MonitoringStage.ENGAGE, "reasons": "Worse.", **dates}
        form = force_form(north, [period])
        page = client.post(url, form)
        assert page.status_code == 200 and message in page.text, dates
    assert MonitoringPeriod.objects.count() == 1


def test_another_areas_people_may_not_record_monitoring(client, two_areas):
    north, south = two_areas
    sign_in(client, user_in_role(Role.CHIEF_OFFICER, organisation=south.organisation))
    url = reverse("admin:inspections_force_change", args=[north.pk])
    page = client.get(url)
    if page.status_code == 200:
        assert 'name="monitoring_periods-MAX_NUM_FORMS" value="0"' in page.text
    period = {"stage": MonitoringStage.ENGAGE, "entered": "2024-03-01",
              "reasons": "Made up."}  # fmt: skip
    form = force_form(north, [period]) | {"name": "Renamed by South"}
    client.post(url, form)
    assert not MonitoringPeriod.objects.exists()
    north.refresh_from_db()
    assert north.name == "North Police"  # nor may they change the force itself
