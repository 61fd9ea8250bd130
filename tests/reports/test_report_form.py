"""The Commissioner's office writes a report in the site."""

import pytest
from django.urls import reverse

from reports.models import PanelReport, ReportStatus, SectionKind
from tests.conftest import sign_in
from tests.factories import InspectionFactory

pytestmark = pytest.mark.django_db


def form_data(inspection, **changes):
    data = {
        "panel_name": "Police & Crime Panel",
        "meeting_date": "2017-03-29",
        "report_of": "Police and Crime Commissioner",
        "subject": "HMIC Inspection – PEEL Effectiveness",
        "author": "Chief Constable",
        "inspection": inspection.pk,
        "purpose": "To update the Panel.",
        "recommendation": "To discuss it.",
        "implications_financial": "None",
        "contact_name": "Sgt A Officer",
        "sections-TOTAL_FORMS": 2,
        "sections-INITIAL_FORMS": 0,
        "sections-0-order": 1,
        "sections-0-kind": SectionKind.NARRATIVE,
        "sections-0-heading": "Background",
        "sections-0-text": "First paragraph.\n\nSecond paragraph.",
        "sections-1-order": 2,
        "sections-1-kind": SectionKind.RATING,
        "sections-1-heading": "The rating",
    }
    return data | changes


def test_the_commissioners_office_writes_a_draft_in_the_site(
    client, commissioners_office
):
    inspection = InspectionFactory()
    sign_in(client, commissioners_office)
    assert client.get(reverse("reports:new")).status_code == 200
    response = client.post(reverse("reports:new"), form_data(inspection))
    report = PanelReport.objects.get()
    assert response["Location"] == report.get_absolute_url()
    assert report.status == ReportStatus.DRAFT
    assert [s.heading for s in report.sections.all()] == ["Background", "The rating"]
    page = client.get(report.get_absolute_url())
    numbers = [p.number for b in page.context["paper"].blocks for p in b.paragraphs]
    assert numbers == [1, 2, 3, 4, 5]


def test_a_report_with_a_missing_subject_is_explained_and_not_saved(
    client, commissioners_office
):
    sign_in(client, commissioners_office)
    response = client.post(
        reverse("reports:new"), form_data(InspectionFactory(), subject="")
    )
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert not PanelReport.objects.exists()


@pytest.mark.parametrize("who", ["panel_member", "staff_officer", "chief_officer"])
def test_only_the_commissioners_office_writes_reports(client, request, who):
    sign_in(client, request.getfixturevalue(who))
    assert client.get(reverse("reports:new")).status_code == 403
    response = client.post(reverse("reports:new"), form_data(InspectionFactory()))
    assert response.status_code == 403
    assert not PanelReport.objects.exists()


def test_a_published_report_is_amended_with_a_note_its_readers_see(
    client, commissioners_office
):
    inspection = InspectionFactory()
    sign_in(client, commissioners_office)
    client.post(reverse("reports:new"), form_data(inspection))
    report = PanelReport.objects.get()
    client.post(reverse("reports:publish", args=[report.pk]))
    edit = reverse("reports:edit", args=[report.pk])
    assert "Amend the published report" in client.get(edit).text
    sections = list(report.sections.order_by("order"))
    data = form_data(
        inspection,
        subject="HMIC Inspection – corrected",
        **{"sections-INITIAL_FORMS": 2},
        **{f"sections-{n}-id": section.pk for n, section in enumerate(sections)},
    )
    refused = client.post(edit, data)
    assert refused.status_code == 200
    assert refused.context["form"].errors["amendment_note"]
    report.refresh_from_db()
    assert report.subject == "HMIC Inspection – PEEL Effectiveness"
    data["amendment_note"] = "Corrected the inspection's title."
    assert client.post(edit, data).status_code == 302
    client.logout()
    page = client.get(report.get_absolute_url()).text
    assert "HMIC Inspection – corrected" in page
    assert "Amended after publication" in page
    assert "Corrected the inspection&#x27;s title." in page


def test_a_published_report_is_read_only_in_the_admin(client, commissioners_office):
    inspection = InspectionFactory()
    sign_in(client, commissioners_office)
    client.post(reverse("reports:new"), form_data(inspection))
    report = PanelReport.objects.get()
    client.post(reverse("reports:publish", args=[report.pk]))
    url = reverse("admin:reports_panelreport_change", args=[report.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Amend it on the site" in page.text
    assert 'name="subject"' not in page.text  # read only
    client.post(url, {"subject": "Quietly changed"})
    report.refresh_from_db()
    assert report.subject == "HMIC Inspection – PEEL Effectiveness"


def test_each_earlier_version_of_an_amended_paper_stays_readable(
    client, commissioners_office, django_assert_max_num_queries
):
    inspection = InspectionFactory()
    sign_in(client, commissioners_office)
    client.post(reverse("reports:new"), form_data(inspection))
    report = PanelReport.objects.get()
    client.post(reverse("reports:publish", args=[report.pk]))
    edit = reverse("reports:edit", args=[report.pk])
    first, second = report.sections.order_by("order")
    ids = {"sections-INITIAL_FORMS": 2, "sections-0-id": first.pk}
    ids["sections-1-id"] = second.pk
    # first amendment: new words in the Background section
    client.post(
        edit,
        form_data(
            inspection,
            **ids,
            **{"sections-0-text": "Corrected paragraph."},
            amendment_note="Corrected the background.",
        ),
    )
    # second: the rating section removed
    client.post(
        edit,
        form_data(
            inspection,
            **ids,
            **{"sections-0-text": "Corrected paragraph.", "sections-1-DELETE": "on"},
            amendment_note="Removed the rating.",
        ),
    )
    assert report.sections.count() == 1
    client.logout()  # as the public reads it
    current = client.get(report.get_absolute_url()).text
    links = [reverse("reports:version", args=[report.pk, n]) for n in (0, 1)]
    assert all(link in current for link in links)
    assert reverse("reports:version", args=[report.pk, 2]) not in current
    with django_assert_max_num_queries(12):
        published = client.get(links[0])
    assert "An earlier version." in published.text
    assert "Second paragraph." in published.text
    assert "The rating" in published.text
    assert "Corrected paragraph." not in published.text
    assert "DRAFT" not in published.text
    amended = client.get(links[1]).text
    assert "Corrected paragraph." in amended and "The rating" in amended
    assert "Removed the rating" not in amended  # that came later
    later = reverse("reports:version", args=[report.pk, 2])  # the paper as it is
    assert client.get(later).status_code == 404


def test_a_draft_has_no_earlier_versions(client, commissioners_office):
    sign_in(client, commissioners_office)
    client.post(reverse("reports:new"), form_data(InspectionFactory()))
    report = PanelReport.objects.get()
    url = reverse("reports:version", args=[report.pk, 0])
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404  # nor may the public know of it
