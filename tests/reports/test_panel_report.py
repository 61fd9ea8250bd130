"""The panel report: the committee paper, filled in from the inspection record."""

import datetime
import io
import itertools
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from actions.choices import RAG, Status
from demo import seed
from inspections.choices import FindingKind, Grade, Marking
from reports.models import PanelReport, ReportSection, ReportStatus, SectionKind
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    FindingFactory,
    GradedQuestionFactory,
    InspectionFactory,
    PanelReportFactory,
)

pytestmark = pytest.mark.django_db

SEED_HEADINGS = [
    "Purpose of Report",
    "Recommendation",
    "Background",
    "Report Outcomes",
    "The rating",
    "The context",
    "The positives",
    "Areas for improvement",
    "Police and Crime Commissioner Oversight",
    "Conclusion",
    "Implications",
    "List of Appendices",
    "Background Papers",
    "Person to Contact",
]


def pdf_text(content: bytes) -> str:
    return " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(content)).pages
    )


def text_of(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture
def demo_report(demo_inspection) -> PanelReport:
    return PanelReport.objects.get(inspection=demo_inspection)


def make_report(inspection, **kwargs) -> PanelReport:
    """A report on the inspection with its three sections filled in from it."""
    report = PanelReportFactory(inspection=inspection, **kwargs)
    for order, kind in enumerate(
        [SectionKind.RATING, SectionKind.POSITIVES, SectionKind.AREAS], start=1
    ):
        ReportSection.objects.create(
            report=report, order=order, kind=kind, heading=kind.label
        )
    return report


def test_the_demo_paper_carries_the_seeds_headings_in_order(client, demo_report):
    page = text_of(client.get(demo_report.get_absolute_url()).text)
    positions = [page.index(heading) for heading in SEED_HEADINGS]
    assert positions == sorted(positions)
    assert (
        "POLICE AND CRIME COMMISSIONER FOR LEICESTERSHIRE POLICE & CRIME PANEL" in page
    )
    for fact in (
        "Report of POLICE AND CRIME COMMISSIONER",
        "WEDNESDAY 29 MARCH 2017",
        "HMIC INSPECTION – PEEL EFFECTIVENESS",
        "Author CHIEF CONSTABLE",
    ):
        assert fact in page


def test_paragraphs_are_numbered_right_through_as_in_the_seed(client, demo_report):
    response = client.get(demo_report.get_absolute_url())
    numbers = [
        p.number for block in response.context["paper"].blocks for p in block.paragraphs
    ]
    assert numbers == list(range(1, 17))
    page = text_of(response.text)
    assert "6. The overall rating reached by HMIC" in page
    assert "11. The HMIC report highlights many areas" in page
    assert "13. The Force is constantly striving" in page
    assert "16. With continued support" in page


def test_the_rating_positives_and_areas_come_from_the_record(client, demo_report):
    page = text_of(client.get(demo_report.get_absolute_url()).text)
    for wording, _short, grade in seed.QUESTIONS:
        assert f"{wording} {Grade(grade).label}" in page
    for text, _question in seed.STRENGTHS:
        assert text in page
    for _theme, text in seed.AREAS_FOR_IMPROVEMENT:
        assert text in page
    assert page.index("Crime and incident management") < page.index(
        "Service to victims"
    )


def test_the_paper_follows_changes_to_the_inspection(client):
    inspection = InspectionFactory()
    question = GradedQuestionFactory(inspection=inspection, grade=Grade.GOOD)
    report = make_report(inspection)
    FindingFactory(inspection=inspection, text="Improve call handling", theme="Calls")
    assert "Improve call handling" in client.get(report.get_absolute_url()).text
    question.grade = Grade.INADEQUATE
    question.save()
    FindingFactory(inspection=inspection, kind=FindingKind.STRENGTH, text="Good at X")
    page = text_of(client.get(report.get_absolute_url()).text)
    assert f"{question.wording} Inadequate" in page and "Good at X" in page


def test_the_public_paper_leaves_out_sensitive_findings(client, commissioners_office):
    inspection = InspectionFactory()
    report = make_report(inspection)
    FindingFactory(
        inspection=inspection, text="Covert tactics", marking=Marking.OFFICIAL_SENSITIVE
    )
    assert "Covert tactics" not in client.get(report.get_absolute_url()).text
    sign_in(client, commissioners_office)
    assert "Covert tactics" in client.get(report.get_absolute_url()).text


def test_the_implications_table(client, demo_report):
    page = text_of(client.get(demo_report.get_absolute_url()).text)
    assert "Financial: None Legal: None. Equality impact assessment: None" in page
    assert "Risks and impact: There is a reputational risk" in page
    assert "Link to Police and Crime Plan: The findings of the HMIC" in page


def test_the_pdf_is_a_pdf_with_the_subject_grades_and_areas(client, demo_report):
    response = client.get(reverse("reports:pdf", args=[demo_report.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "HMIC Inspection – PEEL Effectiveness" in text  # the footer
    assert "Page 1 of" in text
    assert text.count("Requires improvement") >= 2 and text.count("Good") >= 2
    for _theme, area in seed.AREAS_FOR_IMPROVEMENT:
        assert re.sub(r"\s+", " ", area) in text, area


@pytest.mark.parametrize(
    "who", [None, "panel_member", "staff_officer", "chief_officer"], ids=str
)
def test_drafts_are_not_found_by_anyone_but_the_commissioners_office(
    client, request, who
):
    report = make_report(InspectionFactory(), status=ReportStatus.DRAFT)
    if who:
        sign_in(client, request.getfixturevalue(who))
    assert client.get(report.get_absolute_url()).status_code == 404
    assert client.get(reverse("reports:pdf", args=[report.pk])).status_code == 404
    assert report not in client.get(reverse("reports:list")).context["object_list"]


def test_the_commissioners_office_previews_and_publishes_a_draft(
    client, commissioners_office
):
    report = make_report(InspectionFactory(), status=ReportStatus.DRAFT)
    sign_in(client, commissioners_office)
    draft = client.get(report.get_absolute_url()).text
    assert "<strong>Draft.</strong>" in draft
    assert 'href="?as=public"' in draft and 'href="?as=panel"' in draft
    # the button asks first: a GET publishes nothing
    publish = reverse("reports:publish", args=[report.pk])
    confirm = client.get(publish)
    assert confirm.status_code == 200
    assert "anyone can read the report" in confirm.text
    report.refresh_from_db()
    assert not report.is_published
    response = client.post(publish)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_published and report.published_by == commissioners_office
    assert report.published_at is not None
    assert client.get(publish).status_code == 302  # already published
    assert client.logout() is None
    assert client.get(report.get_absolute_url()).status_code == 200


def test_a_preview_reads_as_the_public_or_a_panel_member_would(
    client, commissioners_office
):
    inspection = InspectionFactory()
    area = FindingFactory(inspection=inspection, text="Improve victim contact")
    ActionFactory(
        finding=area, title="Quiet vetting work", marking="official_sensitive"
    )
    ActionFactory(finding=area, title="Triage call-backs")
    report = make_report(
        inspection,
        status=ReportStatus.DRAFT,
        include_action_appendix=True,
        meeting_date=timezone.localdate(),  # the appendix is as at the meeting
    )
    sign_in(client, commissioners_office)
    own = text_of(client.get(report.get_absolute_url()).text)
    assert "Quiet vetting work" in own and "OFFICIAL-SENSITIVE" in own
    panel = text_of(client.get(report.get_absolute_url(), {"as": "panel"}).text)
    assert "as a panel member will read it once it is published" in panel
    assert "Triage call-backs" in panel and "Quiet vetting work" not in panel
    assert "OFFICIAL-SENSITIVE" not in panel
    public = text_of(client.get(report.get_absolute_url(), {"as": "public"}).text)
    assert "Appendix" not in public and "Triage call-backs" not in public
    assert "Edit the report" not in public  # a preview has no controls


def test_a_preview_is_only_for_those_who_write_reports(client, panel_member):
    report = make_report(InspectionFactory(), status=ReportStatus.PUBLISHED)
    ActionFactory(finding__inspection=report.inspection, marking="official_sensitive")
    sign_in(client, panel_member)
    response = client.get(report.get_absolute_url(), {"as": "public"})
    assert response.context["preview"] == ""


def test_a_draft_pdf_is_marked_draft_and_a_published_one_is_not(
    client, commissioners_office
):
    report = make_report(InspectionFactory(), status=ReportStatus.DRAFT)
    sign_in(client, commissioners_office)
    response = client.get(reverse("reports:pdf", args=[report.pk]))
    assert "-draft.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert text.count("DRAFT – NOT PUBLISHED") >= 2  # the first page, and its header
    report.status = ReportStatus.PUBLISHED
    report.save()
    response = client.get(reverse("reports:pdf", args=[report.pk]))
    assert "DRAFT" not in pdf_text(response.content)


@pytest.mark.parametrize("findings", [3, 30])
def test_report_page_queries_do_not_grow(client, django_assert_num_queries, findings):
    inspection = InspectionFactory()
    FindingFactory.create_batch(findings, inspection=inspection)
    report = make_report(inspection)
    # report with its inspection, whether the person may see that inspection,
    # sections, questions, findings; the force's HMICFRS monitoring on the
    # day; a published report's amendments; the Panel's questions it publishes;
    # which findings were raised before
    with django_assert_num_queries(9):
        client.get(report.get_absolute_url())


def test_the_progress_appendix_shows_actions_as_at_the_meeting(client, panel_member):
    inspection = InspectionFactory(publication_date=datetime.date(2017, 3, 2))
    area = FindingFactory(inspection=inspection, text="Improve victim contact")
    FindingFactory(inspection=inspection, text="Improve attendance")
    action = ActionFactory(
        finding=area,
        title="Triage call-backs",
        percent_complete=40,
        rag=RAG.GREEN,
        due_date=datetime.date(2017, 3, 10),  # overdue by the meeting
    )
    action.history.update(
        history_date=timezone.make_aware(datetime.datetime(2017, 3, 20, 12))
    )
    action.status, action.percent_complete = Status.COMPLETED, 100
    action.save()  # today: long after the meeting
    report = make_report(inspection, include_action_appendix=True)
    report.meeting_date = datetime.date(2017, 3, 29)
    report.save()
    assert "Appendix" not in client.get(report.get_absolute_url()).text  # public
    sign_in(client, panel_member)
    page = text_of(client.get(report.get_absolute_url()).text)
    assert "Appendix: Action plan progress as at 29 March 2017" in page
    # RAG by rule as at the meeting, the owner's own beside it
    assert "Triage call-backs In progress Red (owner: Green) 40%" in page
    assert "RAG by rule: red when overdue" in page
    assert "Improve attendance No action that you can see." in page


def structure(node, depth=0) -> list[str]:
    """The tag names of a PDF's structure tree, in reading order."""
    node = node.get_object()
    names = [str(node["/S"])] if "/S" in node else []
    kids = node.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict):
            names += structure(kid, depth + 1)
    return names


def test_the_pdf_is_tagged_pdf_ua_with_title_language_headings_and_tables(
    client, demo_report
):
    """What the accessibility statement says of the PDFs: PDF/UA-1, marked,
    in English, titled, its headings, lists, table headers and paragraphs
    tagged in reading order."""
    demo_report.include_action_appendix = True
    demo_report.save()
    response = client.get(reverse("reports:pdf", args=[demo_report.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title == demo_report.subject
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfuaid:part(="1"|>1<)', xmp)
    tags = structure(root["/StructTreeRoot"])
    headings = [tag for tag in tags if re.fullmatch(r"/H[1-6]", tag)]
    assert headings[0] == "/H1" and headings.count("/H1") == 1  # then H2s, H3s
    levels = [int(tag[2]) for tag in headings]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))  # none skipped
    assert headings.count("/H2") >= len(SEED_HEADINGS) - 2
    assert "/L" in tags and "/LI" in tags  # the areas for improvement
    assert "/Table" in tags and "/TH" in tags and "/TD" in tags  # the grades
    assert tags.count("/P") > 10
    # reading order: the title, the paper's facts, then its numbered sections
    assert tags.index("/H1") < tags.index("/Table") < tags.index("/H2")
    assert all("/StructParents" in page for page in reader.pages)
