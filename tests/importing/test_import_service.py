"""Writing an import: what is created, what an existing inspection shows as
differences, and who may create what."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from demo import seed
from importing.formats import read_document
from importing.parser import parse_document
from importing.plan import plan_import
from importing.services import (
    ImportDiffers,
    ImportIncomplete,
    document_import,
)
from inspections.choices import FindingKind, Grade
from inspections.models import (
    Finding,
    Force,
    Inspection,
    RaisedBefore,
    RaisedBeforeState,
)
from reports.models import PanelReport, ReportStatus
from tests.conftest import sign_in
from tests.factories import FindingFactory, InspectionFactory
from tests.importing.documents import NORTHSHIRE, SEED

pytestmark = pytest.mark.django_db


def extraction_of(data: bytes | str):
    return parse_document(
        read_document(data if isinstance(data, bytes) else data.encode())
    )


@pytest.fixture
def seed_extraction():
    return extraction_of(SEED.read_bytes())


def test_the_seed_becomes_a_draft_inspection_with_its_questions_and_findings(
    seed_extraction, staff_officer
):
    inspection = document_import(extraction=seed_extraction, user=staff_officer)
    assert (inspection.force.name, inspection.name) == (
        "Leicestershire Police",
        "PEEL Effectiveness",
    )
    assert inspection.publication_date == datetime.date(2017, 3, 2)
    assert inspection.overall_grade == Grade.REQUIRES_IMPROVEMENT
    assert not inspection.is_published  # a draft until someone publishes it
    assert [(q.order, q.wording, q.grade) for q in inspection.questions.all()] == [
        (order, wording, grade)
        for order, (wording, _, grade) in enumerate(seed.QUESTIONS, start=1)
    ]
    findings = inspection.findings.order_by("kind", "order")
    assert [f.text for f in findings.filter(kind=FindingKind.STRENGTH)] == [
        text for text, _ in seed.STRENGTHS
    ]
    areas = findings.filter(kind=FindingKind.AREA_FOR_IMPROVEMENT)
    assert {area.theme for area in areas} == {
        "Crime and Incident management",
        "Service to victims",
    }
    history = inspection.history.get()
    assert history.history_user == staff_officer
    # a staff officer does not write panel reports
    assert not PanelReport.objects.exists()


def test_the_commissioners_office_gets_the_panel_paper_as_a_draft_report(
    seed_extraction, commissioners_office, client
):
    inspection = document_import(extraction=seed_extraction, user=commissioners_office)
    report = PanelReport.objects.get()
    assert (report.inspection, report.status) == (inspection, ReportStatus.DRAFT)
    assert (report.meeting_date, report.subject, report.author) == (
        datetime.date(2017, 3, 29),
        "HMIC Inspection – PEEL Effectiveness",
        "Chief Constable",
    )
    assert report.contact_email == "glen.iceton@leicestershire.pnn.police.uk"
    # the paper reads as the seed does, numbered 1 to 16
    page = sign_in(client, commissioners_office).get(report.get_absolute_url())
    numbers = re.findall(r'<span class="paper__number">(\d+)\.</span>', page.text)
    assert numbers == [str(n) for n in range(1, 17)]


def test_a_theme_already_in_use_is_spelled_the_same_way(
    seed_extraction, demo_inspection
):
    Inspection.objects.filter(pk=demo_inspection.pk).update(pillar="Efficiency")
    inspection = document_import(extraction=seed_extraction, user=None)
    themes = set(inspection.findings.exclude(theme="").values_list("theme", flat=True))
    assert themes == {"Crime and incident management", "Service to victims"}


def test_reimporting_what_is_held_changes_nothing(seed_extraction, demo_inspection):
    plan = plan_import(seed_extraction, user=None)
    assert plan.existing == demo_inspection and not plan.has_changes
    history = demo_inspection.history.count()
    assert document_import(extraction=seed_extraction, user=None) == demo_inspection
    assert demo_inspection.history.count() == history


def test_reimporting_a_different_version_shows_the_differences_and_waits(
    demo_inspection, chief_officer
):
    text = (
        SEED.read_text()
        .replace(
            "tackling serious and organised crime? **Good**",
            "tackling serious and organised crime? **Outstanding**",
        )
        .replace(
            "- Improving initial investigative response;",
            "- Improving initial investigative response;\n- Improving call handling;",
        )
    )
    extraction = extraction_of(text)
    plan = plan_import(extraction, user=chief_officer)
    assert [(c.what, c.current, c.proposed) for c in plan.changes] == [
        ("Grade: Serious and organised crime", "Good", "Outstanding")
    ]
    assert [f.text for f in plan.new_findings] == ["Improving call handling"]
    findings = Finding.objects.count()
    with pytest.raises(ImportDiffers, match="differs from it in 2 places"):
        document_import(extraction=extraction, user=chief_officer)
    assert Finding.objects.count() == findings
    assert demo_inspection.questions.get(order=2).grade == Grade.GOOD

    document_import(extraction=extraction, user=chief_officer, apply_changes=True)
    assert demo_inspection.questions.get(order=2).grade == Grade.OUTSTANDING
    added = Finding.objects.get(text="Improving call handling")
    assert (added.theme, added.inspection) == (
        "Crime and incident management",
        demo_inspection,
    )
    assert Finding.objects.count() == findings + 1  # and none removed


def test_an_import_without_a_publication_date_asks_for_one():
    extraction = extraction_of(NORTHSHIRE.read_text().replace("on 14 May 2019", ""))
    with pytest.raises(ImportIncomplete, match="No publication date"):
        document_import(extraction=extraction, user=None)
    assert not Inspection.objects.exists()
    inspection = document_import(
        extraction=extraction, user=None, publication_date=datetime.date(2019, 5, 14)
    )
    assert inspection.publication_date == datetime.date(2019, 5, 14)


def test_the_force_given_overrides_the_document_and_matches_a_force_held(db):
    wessex = Force.objects.create(name="Wessex Police", slug="wessex")
    extraction = extraction_of(NORTHSHIRE.read_bytes())
    inspection = document_import(extraction=extraction, user=None, force_name="wessex")
    assert inspection.force == wessex
    assert Force.objects.count() == 1


def test_a_new_force_is_created_with_a_free_address(db):
    Force.objects.create(name="Old Northshire Police", slug="northshire-constabulary")
    inspection = document_import(
        extraction=extraction_of(NORTHSHIRE.read_bytes()), user=None
    )
    assert (inspection.force.name, inspection.force.slug) == (
        "Northshire Constabulary",
        "northshire-constabulary-2",
    )


def test_dates_that_cannot_be_saved_are_explained_not_written(db):
    text = NORTHSHIRE.read_text().replace("14 May 2019", "1 January 2019")
    with pytest.raises(
        ImportIncomplete, match="cannot be published before its fieldwork"
    ):
        document_import(extraction=extraction_of(text), user=None)
    assert not Inspection.objects.exists() and not Force.objects.exists()


def test_panel_members_may_not_import(seed_extraction, panel_member):
    with pytest.raises(PermissionDenied):
        document_import(extraction=seed_extraction, user=panel_member)
    assert not Inspection.objects.exists()


def test_a_paper_for_a_held_inspection_adds_its_report_once_confirmed(
    seed_extraction, demo_inspection, commissioners_office
):
    PanelReport.objects.all().delete()
    plan = plan_import(seed_extraction, user=commissioners_office)
    assert plan.existing == demo_inspection and plan.creates_report
    with pytest.raises(ImportDiffers, match="differs from it in 1 place"):
        document_import(extraction=seed_extraction, user=commissioners_office)
    document_import(
        extraction=seed_extraction, user=commissioners_office, apply_changes=True
    )
    assert PanelReport.objects.get().inspection == demo_inspection


def _leicestershire_finding(published: datetime.date) -> Finding:
    force = Force.objects.create(name="Leicestershire Police", slug="leicestershire")
    return FindingFactory(
        inspection=InspectionFactory(force=force, publication_date=published),
        kind=FindingKind.AREA_FOR_IMPROVEMENT,
        text="Improving the initial investigative response.",
    )


def test_an_import_suggests_the_earlier_findings_it_reads_like(
    seed_extraction, commissioners_office, client
):
    earlier = _leicestershire_finding(datetime.date(2015, 2, 1))
    inspection = document_import(extraction=seed_extraction, user=commissioners_office)
    again = inspection.findings.get(text="Improving initial investigative response")
    link = RaisedBefore.objects.filter(earlier=earlier).order_by("-score").first()
    assert link is not None
    assert (link.finding, link.earlier, link.state) == (
        again,
        earlier,
        RaisedBeforeState.SUGGESTED,
    )
    # on the review page at once, for the office to confirm or dismiss
    sign_in(client, commissioners_office)
    page = client.get(reverse("inspections:raised_before", args=[inspection.pk]))
    assert f'id="link-{link.pk}"' in page.content.decode()


def test_an_earlier_report_imported_afterwards_is_suggested_to_the_later_one(
    seed_extraction, commissioners_office
):
    later = _leicestershire_finding(datetime.date(2021, 9, 1))
    seed = document_import(extraction=seed_extraction, user=commissioners_office)
    earlier = seed.findings.get(text="Improving initial investigative response")
    best = RaisedBefore.objects.filter(finding=later).order_by("-score").first()
    assert best is not None and best.earlier == earlier
