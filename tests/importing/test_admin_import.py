"""The admin's import: upload, preview, confirm; who may; and what it costs."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspections.choices import Grade
from inspections.models import Inspection
from reports.models import PanelReport
from tests.conftest import sign_in
from tests.factories import UserFactory
from tests.importing.documents import NORTHSHIRE, SEED, encrypted_pdf
from tests.page_forms import form_values

pytestmark = pytest.mark.django_db
UPLOAD = reverse("admin:inspections_inspection_import")
# user with permissions (session from the cache), force, inspection, questions,
# findings, themes, panel report; the same for one new finding or forty
PREVIEW_QUERIES = 7


def upload(client, data: bytes, name: str = "report.txt"):
    return client.post(UPLOAD, {"document": SimpleUploadedFile(name, data)})


def preview_of(response) -> str:
    assert response.status_code == 302, response.content[:2000]
    return response["Location"]


def confirm_fields(page: str) -> dict[str, str]:
    """The preview's form as the page filled it in, sent with its confirm
    button."""
    return {**form_values(page), "confirm": "Create the draft inspection"}


def test_a_staff_officer_goes_from_the_seed_to_a_draft_inspection(
    client, staff_officer
):
    sign_in(client, staff_officer)
    changelist = client.get(reverse("admin:inspections_inspection_changelist"))
    assert f'href="{UPLOAD}"' in changelist.text  # "Import a document"
    preview = client.get(preview_of(upload(client, SEED.read_bytes())))
    page = preview.text
    assert "Nothing has been saved yet" in page
    assert "Leicestershire Police" in page and "New force" in page
    assert "Findings (21: 9 strengths, 12 areas for improvement)" in page
    assert (
        "only the Commissioner&#x27;s office for the force&#x27;s area creates "
        "its panel reports" in page
    )
    assert not Inspection.objects.exists()

    response = client.post(preview.request["PATH_INFO"], confirm_fields(page))
    inspection = Inspection.objects.get()
    assert response["Location"] == reverse(
        "admin:inspections_inspection_change", args=[inspection.pk]
    )
    assert inspection.findings.count() == 21 and not inspection.is_published
    assert not PanelReport.objects.exists()
    # the preview is used up
    again = client.get(preview.request["PATH_INFO"])
    assert again["Location"] == UPLOAD


def test_the_commissioners_office_also_gets_the_panel_report(
    client, commissioners_office
):
    sign_in(client, commissioners_office)
    preview = client.get(preview_of(upload(client, SEED.read_bytes())))
    assert "A draft panel report will be created" in preview.text
    client.post(preview.request["PATH_INFO"], confirm_fields(preview.text))
    assert PanelReport.objects.get().sections.count() == 8


def test_a_bad_file_is_explained_on_the_upload_page(client, staff_officer):
    sign_in(client, staff_officer)
    response = client.post(UPLOAD, {})
    assert "This field is required." in response.text
    response = upload(client, encrypted_pdf(), "report.pdf")
    assert response.status_code == 200
    assert "The PDF is password-protected." in response.text
    response = upload(client, b"", "empty.txt")
    assert "The submitted file is empty." in response.text


def test_a_file_over_20_mb_is_refused(client, staff_officer):
    sign_in(client, staff_officer)
    response = upload(client, b"a" * (20 * 1024 * 1024 + 1))
    assert "the importer reads files up to 20 MB" in response.text


def test_differences_must_be_ticked_before_they_are_applied(
    client, chief_officer, demo_inspection
):
    sign_in(client, chief_officer)
    text = SEED.read_text().replace("**Good**", "**Outstanding**", 1)
    preview = client.get(preview_of(upload(client, text.encode())))
    assert "Already held" in preview.text
    assert "<td>Good</td><td>Outstanding</td>" in preview.text
    fields = confirm_fields(preview.text)
    response = client.post(preview.request["PATH_INFO"], fields)
    assert response.status_code == 200
    assert "Review the differences and confirm to apply them." in response.text
    assert demo_inspection.questions.get(order=1).grade == Grade.GOOD

    client.post(preview.request["PATH_INFO"], {**fields, "apply_changes": "on"})
    assert demo_inspection.questions.get(order=1).grade == Grade.OUTSTANDING


def test_changing_the_force_shows_the_preview_again_before_writing(
    client, staff_officer
):
    sign_in(client, staff_officer)
    preview = client.get(preview_of(upload(client, NORTHSHIRE.read_bytes())))
    fields = {**confirm_fields(preview.text), "force": "Wessex Police"}
    response = client.post(preview.request["PATH_INFO"], fields, follow=True)
    assert "The preview now shows your corrections" in response.text
    assert "Force or service: Northshire Constabulary → Wessex Police" in response.text
    assert not Inspection.objects.exists()
    client.post(preview.request["PATH_INFO"], confirm_fields(response.text))
    assert Inspection.objects.get().force.name == "Wessex Police"


def test_an_empty_confirmation_is_refused_with_messages(client, staff_officer):
    sign_in(client, staff_officer)
    preview = client.get(preview_of(upload(client, NORTHSHIRE.read_bytes())))
    response = client.post(preview.request["PATH_INFO"], {"confirm": "Create"})
    assert response.status_code == 200
    assert "This field is required." in response.text  # the details
    assert "Some rows need correcting" in response.text  # rows: none sent
    assert not Inspection.objects.exists()


def test_panel_members_cannot_reach_the_import(client, panel_member):
    sign_in(client, panel_member)
    assert client.get(UPLOAD).status_code == 302  # the admin is for staff only
    assert not Inspection.objects.exists()


def test_staff_without_the_import_permission_are_refused(client):
    sign_in(client, UserFactory(is_staff=True))
    assert client.get(UPLOAD).status_code == 403
    assert upload(client, SEED.read_bytes()).status_code == 403
    changelist = client.get(reverse("admin:inspections_inspection_changelist"))
    assert changelist.status_code == 403  # nor may they see inspections at all


@pytest.mark.parametrize("extra_areas", [1, 40])
def test_the_preview_costs_the_same_however_long_the_document(
    client, staff_officer, demo_inspection, django_assert_num_queries, extra_areas
):
    sign_in(client, staff_officer)
    more = "".join(f"- Improving thing number {n};\n" for n in range(extra_areas))
    text = SEED.read_text().replace(
        "Service to victims\n\n", f"Service to victims\n\n{more}"
    )
    location = preview_of(upload(client, text.encode()))
    with django_assert_num_queries(PREVIEW_QUERIES):
        response = client.get(location)
    assert response.text.count(">New</strong>") == extra_areas
