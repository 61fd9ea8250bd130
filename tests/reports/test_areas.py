"""A panel paper sets out one force's response, and only the Commissioner's
office for that force's area writes, publishes or amends it: on the site, in
the admin and through the importer (reports.services.check_may_write)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.roles import Role
from demo.areas import commissioners_area, force_named
from importing.services import document_import
from reports.models import PanelReport, ReportStatus
from reports.services import ONLY_ITS_OFFICE, OUTSIDE_YOUR_AREA, report_publish
from tests.admin_forms import formset
from tests.conftest import sign_in
from tests.factories import (
    InspectionFactory,
    PanelReportFactory,
    ThematicInspectionFactory,
    user_in_role,
)
from tests.importing.documents import SEED
from tests.importing.test_admin_import import preview_of, upload
from tests.importing.test_import_service import extraction_of
from tests.reports.test_report_form import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    """North's and South's forces, each with its own Commissioner's office."""
    north = force_named("North Police", "north")
    south = force_named("South Police", "south")
    offices = {
        force.slug: user_in_role(
            Role.COMMISSIONERS_OFFICE,
            organisation=commissioners_area(force)[0],
            username=f"{force.slug}.office",
        )
        for force in (north, south)
    }
    return north, south, offices


def escaped(text: str) -> str:
    return text.replace("'", "&#x27;")


def test_an_office_writes_no_paper_on_another_areas_inspection(client, areas):
    north, south, offices = areas
    theirs = InspectionFactory(force=north)
    sign_in(client, offices["south"])
    page = client.post(reverse("reports:new"), form_data(theirs))
    assert page.status_code == 200
    assert escaped(OUTSIDE_YOUR_AREA) in page.text
    assert not PanelReport.objects.exists()
    # its own area's, and a thematic one answered for its own force, it writes
    ours = InspectionFactory(force=south)
    assert client.post(reverse("reports:new"), form_data(ours)).status_code == 302
    thematic = ThematicInspectionFactory(applies_to=[north, south])
    answered = form_data(thematic, force=north.pk)
    page = client.post(reverse("reports:new"), answered)
    assert (
        page.status_code == 200
        and not PanelReport.objects.filter(inspection=thematic).exists()
    )
    answered["force"] = south.pk
    assert client.post(reverse("reports:new"), answered).status_code == 302
    assert PanelReport.objects.get(inspection=thematic).force == south


def test_an_office_amends_and_publishes_no_paper_of_another_area(client, areas):
    north, _, offices = areas
    published = PanelReportFactory(
        inspection=InspectionFactory(force=north), status=ReportStatus.PUBLISHED
    )
    sign_in(client, offices["south"])
    edit = reverse("reports:edit", args=[published.pk])
    assert client.get(published.get_absolute_url()).status_code == 200  # public
    refused = client.get(edit)
    assert refused.status_code == 403
    assert escaped(ONLY_ITS_OFFICE) in refused.text
    changed = form_data(
        published.inspection, subject="Changed elsewhere", amendment_note="Not ours."
    )
    assert client.post(edit, changed).status_code == 403
    published.refresh_from_db()
    assert published.subject != "Changed elsewhere"
    assert not published.amendments.exists()
    draft = PanelReportFactory(
        inspection=published.inspection, status=ReportStatus.DRAFT
    )
    publish = reverse("reports:publish", args=[draft.pk])
    assert client.post(publish).status_code == 404  # another area's draft: unseen
    with pytest.raises(PermissionDenied):
        report_publish(report=draft, user=offices["south"])
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT
    # North's own office amends it
    sign_in(client, offices["north"])
    assert client.post(edit, changed).status_code == 302
    published.refresh_from_db()
    assert published.subject == "Changed elsewhere"


def test_the_admin_adds_no_paper_on_another_areas_inspection(client, areas):
    north, south, offices = areas
    theirs, ours = InspectionFactory(force=north), InspectionFactory(force=south)
    sign_in(client, offices["south"])
    add = reverse("admin:reports_panelreport_add")
    fields = {
        k: v for k, v in form_data(theirs).items() if not k.startswith("sections")
    } | formset("sections", [])
    page = client.post(add, fields)
    assert page.status_code == 200
    assert escaped(OUTSIDE_YOUR_AREA) in page.text
    assert not PanelReport.objects.exists()
    assert client.post(add, fields | {"inspection": ours.pk}).status_code == 302
    assert PanelReport.objects.get().force == south


def test_the_importer_writes_no_paper_or_inspection_for_another_area(client, areas):
    """The seed is Leicestershire's: held here in its own area."""
    leicestershire = force_named("Leicestershire Police", "leicestershire")
    commissioners_area(leicestershire)
    _, _, offices = areas
    with pytest.raises(PermissionDenied, match="outside the area your role covers"):
        document_import(
            extraction=extraction_of(SEED.read_bytes()), user=offices["south"]
        )
    assert not leicestershire.inspections.exists()
    assert not PanelReport.objects.exists()
    # the preview says so before anything is confirmed
    sign_in(client, offices["south"])
    page = client.get(preview_of(upload(client, SEED.read_bytes()))).text
    assert "Leicestershire Police, which is outside the area your role covers" in page
