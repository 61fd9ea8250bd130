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


def published_report(client, inspection) -> PanelReport:
    """A report written in the site and published, by whoever is signed in."""
    client.post(reverse("reports:new"), form_data(inspection))
    report = PanelReport.objects.get()
    client.post(reverse("reports:publish", args=[report.pk]))
    return report


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
    report = published_report(client, inspection)
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
    report = published_report(client, inspection)
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


def test_add_another_section_keeps_what_was_typed_and_saves_nothing(
    client, commissioners_office
):
    sign_in(client, commissioners_office)
    data = form_data(InspectionFactory(), subject="")  # not yet complete
    data["add_section"] = "1"
    response = client.post(reverse("reports:new"), data)
    assert response.status_code == 200
    assert not PanelReport.objects.exists()
    page = response.text
    assert "There is a problem" not in page and "Error:" not in page
    assert "is-invalid" not in page  # typed, not yet checked
    assert "First paragraph." in page  # what was typed is kept
    assert response.context["sections"].total_form_count() == 3
    assert "A blank section is added at the end" in page
    # its place is after the last; left blank, it is not saved
    assert 'name="sections-2-order" value="3"' in page
    data = form_data(InspectionFactory()) | {
        "sections-TOTAL_FORMS": 3,
        "sections-2-order": 3,
        "sections-2-kind": SectionKind.NARRATIVE,
    }
    assert client.post(reverse("reports:new"), data).status_code == 302
    assert PanelReport.objects.get().sections.count() == 2


def test_sections_are_added_removed_and_reordered_in_one_save(
    client, commissioners_office
):
    inspection = InspectionFactory()
    sign_in(client, commissioners_office)
    client.post(reverse("reports:new"), form_data(inspection))
    report = PanelReport.objects.get()
    background, rating = report.sections.order_by("order")
    data = form_data(
        inspection,
        **{
            "sections-TOTAL_FORMS": 4,
            "sections-INITIAL_FORMS": 2,
            "sections-0-id": background.pk,
            "sections-0-order": 3,  # moved to the end
            "sections-1-id": rating.pk,
            "sections-1-DELETE": "on",  # taken out
            "sections-2-order": 1,  # two new ones
            "sections-2-kind": SectionKind.NARRATIVE,
            "sections-2-heading": "Introduction",
            "sections-3-order": 2,
            "sections-3-kind": SectionKind.AREAS,
            "sections-3-heading": "Areas for improvement",
        },
    )
    assert (
        client.post(reverse("reports:edit", args=[report.pk]), data).status_code == 302
    )
    headings = [s.heading for s in report.sections.order_by("order", "pk")]
    assert headings == ["Introduction", "Areas for improvement", "Background"]


def test_too_long_text_and_missing_answers_are_explained_in_plain_words(
    client, commissioners_office
):
    sign_in(client, commissioners_office)
    data = form_data(
        InspectionFactory(),
        subject="",
        purpose="x" * 30_001,
        **{"sections-1-heading": ""},
    )
    response = client.post(reverse("reports:new"), data)
    assert response.status_code == 200
    assert not PanelReport.objects.exists()
    page = response.text
    assert "<title>Error: " in page
    assert "Enter the subject" in page
    assert "Purpose of report must be 30,000 characters or fewer: it has 30001" in page
    assert "Section 2: Enter the heading" in page
    assert 'href="#id_subject"' in page and 'href="#id_sections-1-heading"' in page
    assert "x" * 30_001 in page  # nothing typed is lost


def test_a_forged_section_count_is_refused_plainly(client, commissioners_office):
    sign_in(client, commissioners_office)
    for count in ("lots", "-5", "100000"):
        data = form_data(InspectionFactory(), **{"sections-TOTAL_FORMS": count})
        response = client.post(reverse("reports:new"), data | {"add_section": "1"})
        assert response.status_code == 200
    response = client.post(
        reverse("reports:new"),
        form_data(InspectionFactory(), **{"sections-TOTAL_FORMS": 61}),
    )
    assert response.status_code == 200
    assert "A paper holds at most 60 sections" in response.text
    assert not PanelReport.objects.exists()
