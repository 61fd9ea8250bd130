"""The eleven holes a hostile review of main found (issue 12), each through the
public surface. Each of these failed before the choke points were built."""

from __future__ import annotations

import csv
import datetime
import io
import logging
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.roles import Role
from actions.choices import Status
from governance.models import (
    Meeting,
    MeetingType,
    RecommendationOutcome,
    RecommendationResponse,
    Section55Response,
)
from importing.errors import DocumentError
from importing.formats import MAX_PARAGRAPHS, read_document
from inspections.choices import FindingKind, Grade, Marking
from inspections.models import Amendment, AmendmentSource
from reports.models import ReportSection, ReportStatus, SectionKind
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    FindingFactory,
    ForceFactory,
    GradedQuestionFactory,
    InspectionFactory,
    PanelReportFactory,
    ProgressUpdateFactory,
    user_in_role,
)
from tests.helpers import text_of
from tests.importing.documents import PARAGRAPH, SEED, pdf_bomb, word
from tests.page_forms import form_values

pytestmark = pytest.mark.django_db
SENSITIVE = Marking.OFFICIAL_SENSITIVE
UPLOAD = reverse("admin:inspections_inspection_import")
INADEQUATE_SOC = SEED.read_text().replace(
    "tackling serious and organised crime? **Good**",
    "tackling serious and organised crime? **Inadequate**",
)


def _preview(client, text: str):
    upload = client.post(
        UPLOAD, {"document": SimpleUploadedFile("report.txt", text.encode())}
    )
    assert upload.status_code == 302, upload.content[:500]
    return client.get(upload["Location"])


def _confirm_fields(page) -> dict:
    """The preview's form as the page filled it in, differences ticked."""
    return {
        **form_values(page.text),
        "apply_changes": "on",
        "confirm": "Apply the differences",
    }


# 1. The importer


def test_a_staff_officer_cannot_rewrite_a_published_inspection_by_import(
    client, staff_officer, demo_inspection
):
    question = demo_inspection.questions.get(wording__icontains="serious and organ")
    sign_in(client, staff_officer)
    preview = _preview(client, INADEQUATE_SOC)
    assert "your role may not change it" in preview.text
    response = client.post(preview.request["PATH_INFO"], _confirm_fields(preview))
    assert response.status_code == 200
    assert "only chief officers and the Commissioner's office" in response.text
    question.refresh_from_db()
    assert question.grade == Grade.GOOD
    assert not Amendment.objects.exists()


def test_a_chief_officers_import_over_a_published_inspection_is_an_amendment(
    client, chief_officer, demo_inspection
):
    sign_in(client, chief_officer)
    preview = _preview(client, INADEQUATE_SOC)
    client.post(preview.request["PATH_INFO"], _confirm_fields(preview))
    question = demo_inspection.questions.get(wording__icontains="serious and organ")
    assert question.grade == Grade.INADEQUATE
    amendment = Amendment.objects.get(inspection=demo_inspection)
    assert amendment.made_by == chief_officer
    assert amendment.source == AmendmentSource.IMPORT
    assert amendment.was_published
    assert "Good → Inadequate" in amendment.changes
    # and those who read the record see it on the inspection's page
    page = client.get(demo_inspection.get_absolute_url()).text
    assert "Good → Inadequate" in page and "Amended" in page
    public = Client().get(demo_inspection.get_absolute_url()).text
    assert "Amended" in public and "Good → Inadequate" not in public


def test_the_import_command_refuses_a_staff_officer_with_its_own_exit_code(
    tmp_path, staff_officer, demo_inspection
):
    path = tmp_path / "report.txt"
    path.write_text(INADEQUATE_SOC)
    with pytest.raises(CommandError) as refusal:
        call_command(
            "import_report",
            str(path),
            "--commit",
            "--update",
            f"--user={staff_officer.username}",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert refusal.value.returncode == 5
    assert "your role may not change it" in str(refusal.value)
    assert demo_inspection.questions.filter(grade=Grade.INADEQUATE).count() == 0


def test_an_admin_edit_of_a_published_grade_is_recorded(client, chief_officer):
    question = GradedQuestionFactory(grade=Grade.GOOD, wording="How safe?")
    sign_in(client, chief_officer)
    url = reverse("admin:inspections_gradedquestion_change", args=[question.pk])
    response = client.post(
        url,
        {
            "inspection": question.inspection_id,
            "order": question.order,
            "wording": question.wording,
            "grade": Grade.INADEQUATE,
        },
    )
    assert response.status_code == 302
    amendment = Amendment.objects.get()
    assert amendment.source == AmendmentSource.ADMIN
    assert "Grade: Good → Inadequate" in amendment.changes


# 2. Section 55 answers to sensitive recommendations


@pytest.fixture
def answered():
    inspection = InspectionFactory()
    hidden = FindingFactory(
        inspection=inspection,
        kind=FindingKind.RECOMMENDATION,
        text="Review covert authorities",
        marking=SENSITIVE,
    )
    shown = FindingFactory(
        inspection=inspection,
        kind=FindingKind.RECOMMENDATION,
        text="Publish stop and search data",
    )
    response = Section55Response.objects.create(
        inspection=inspection,
        published_on=inspection.publication_date + datetime.timedelta(days=40),
    )
    for finding, text in ((hidden, "Authorities audited"), (shown, "Data online")):
        RecommendationResponse.objects.create(
            response=response,
            finding=finding,
            outcome=RecommendationOutcome.TAKEN,
            text=text,
        )
    return inspection


def test_sensitive_recommendations_and_their_answers_stay_off_the_public_page(
    client, answered
):
    page = client.get(answered.get_absolute_url())
    assert page.status_code == 200 and "Section 55 response" in page.text
    assert "Publish stop and search data" in page.text and "Data online" in page.text
    assert "Review covert authorities" not in page.text
    assert "Authorities audited" not in page.text


def test_staff_see_the_sensitive_answer_too(client, staff_officer, answered):
    sign_in(client, staff_officer)
    page = client.get(answered.get_absolute_url()).text
    assert "Review covert authorities" in page and "Authorities audited" in page


# 3. A published paper on an inspection the reader may not see


@pytest.mark.parametrize(
    "hidden", [{"is_published": False}, {"marking": SENSITIVE}], ids=str
)
def test_a_published_paper_shows_no_grades_of_an_inspection_one_may_not_see(
    client, hidden
):
    inspection = InspectionFactory(**hidden)
    GradedQuestionFactory(inspection=inspection, wording="How covert is it?")
    report = PanelReportFactory(inspection=inspection, status=ReportStatus.PUBLISHED)
    ReportSection.objects.create(
        report=report, kind=SectionKind.RATING, heading="The rating"
    )
    for url in (report.get_absolute_url(), reverse("reports:pdf", args=[report.pk])):
        response = client.get(url)
        assert response.status_code == 200
        text = text_of(response)
        assert "The rating" in text and "not yet published on this site" in text
        assert "How covert is it?" not in text


def test_a_staff_pdf_of_a_paper_with_sensitive_findings_is_marked_on_every_page(
    client, commissioners_office
):
    inspection = InspectionFactory()
    for n in range(60):
        FindingFactory(inspection=inspection, text=f"Area {n} " + "word " * 40)
    FindingFactory(inspection=inspection, text="Covert area", marking=SENSITIVE)
    report = PanelReportFactory(inspection=inspection)
    ReportSection.objects.create(
        report=report, kind=SectionKind.AREAS, heading="Areas for improvement"
    )
    sign_in(client, commissioners_office)
    from pypdf import PdfReader

    pdf = client.get(reverse("reports:pdf", args=[report.pk])).content
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) > 1
    assert all("OFFICIAL-SENSITIVE" in page for page in pages)
    public = text_of(Client().get(reverse("reports:pdf", args=[report.pk])))
    assert "Area 1 " in public and "OFFICIAL-SENSITIVE" not in public


# 4. Filter choices


def test_filters_offer_no_names_of_hidden_things(client, panel_member):
    InspectionFactory(force=ForceFactory(name="Openshire Police"))
    InspectionFactory(force=ForceFactory(name="Draftshire Police"), is_published=False)
    area = FindingFactory(theme="Open theme")
    ActionFactory(finding=area)
    ActionFactory(finding=FindingFactory(theme="Covert theme", marking=SENSITIVE))
    home = client.get(reverse("inspections:list"))
    assert "Openshire Police" in home.text and "Draftshire Police" not in home.text
    sign_in(client, panel_member)
    tracker = client.get(reverse("actions:tracker"))
    assert tracker.status_code == 200
    assert "Open theme" in tracker.text and "Covert theme" not in tracker.text


# 6. A Word document that inflates enormously


def _word_bomb(paragraphs: int, varied: bool = False) -> bytes:
    if varied:  # text that does not compress: only the count gives it away
        return word(
            b"".join(
                b"<w:p><w:r><w:t>"
                + os.urandom(12).hex().encode()
                + b"</w:t></w:r></w:p>"
                for _ in range(paragraphs)
            )
        )
    return word(PARAGRAPH * paragraphs)


def test_a_word_document_that_inflates_60_mb_is_refused_unread(client, staff_officer):
    bomb = _word_bomb(1_700_000)
    assert len(bomb) < 300_000
    with pytest.raises(DocumentError, match="far larger inside than a report"):
        read_document(bomb)
    sign_in(client, staff_officer)
    response = client.post(
        UPLOAD, {"document": SimpleUploadedFile("report.docx", bomb)}
    )
    assert response.status_code == 200
    assert "far larger inside than a report" in response.text


def test_a_word_document_of_too_many_short_paragraphs_is_refused():
    bomb = _word_bomb(MAX_PARAGRAPHS + 10, varied=True)
    with pytest.raises(DocumentError, match="paragraphs or more"):
        read_document(bomb)


def test_a_pdf_page_that_inflates_hundreds_of_times_over_is_refused_unread():
    with pytest.raises(DocumentError, match="inflates 3[0-9]{2} times over"):
        read_document(pdf_bomb(1_000_000))
    with pytest.raises(DocumentError, match="content inflates past 2 MB"):
        read_document(pdf_bomb(200 * 1024 * 1024))


# 7. Sign-in throttling behind the proxy


def _sign_in_attempt(client, username: str, address: str, proxy: str = "10.0.0.1"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": "wrong-password-here"},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=address,
    )


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    settings.SIGN_IN_ADDRESS_LIMIT = 8


def test_the_lockout_keys_on_the_client_not_the_proxy(behind_proxy, caplog):
    target = user_in_role(Role.STAFF_OFFICER, username="target")
    attacker = Client()
    with caplog.at_level(logging.WARNING, logger="pcc_panel.security"):
        for _ in range(5):
            _sign_in_attempt(attacker, "target", "203.0.113.9")
    assert "failed sign-in: target from 203.0.113.9 (through 10.0.0.1)" in caplog.text
    honest = Client().post(
        reverse("accounts:login"),
        {"username": "target", "password": "correct-horse-battery"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert honest.status_code == 302  # signed in from their own address
    assert honest.wsgi_request.user == target


def test_a_client_cannot_choose_its_address(behind_proxy):
    user_in_role(Role.STAFF_OFFICER, username="target")
    client = Client()
    for n in range(6):  # a forged left-hand address changes with every try
        response = _sign_in_attempt(client, "target", f"192.0.2.{n}, 203.0.113.9")
    assert response.status_code == 429  # locked: the proxy's entry is the client


def test_one_address_trying_many_usernames_is_paused(behind_proxy):
    for n in range(8):
        _sign_in_attempt(Client(), f"user{n}", "203.0.113.50")
    response = _sign_in_attempt(Client(), "someone.else", "203.0.113.50")
    assert response.status_code == 200
    assert "too many wrong attempts to sign in from your network address" in (
        response.text
    )
    other = _sign_in_attempt(Client(), "someone.else", "203.0.113.51")
    assert "network address" not in other.text


def test_without_a_trusted_proxy_forwarded_addresses_are_ignored(settings):
    settings.TRUSTED_PROXIES = []
    response = _sign_in_attempt(Client(), "nobody", "203.0.113.9", proxy="10.0.0.1")
    assert response.wsgi_request.META["REMOTE_ADDR"] == "10.0.0.1"


# 8. Formula cells in the meeting snapshot


def test_the_meeting_snapshot_csv_neutralises_formulas(client, chief_officer):
    evil = ActionFactory(
        title='=HYPERLINK("http://evil")', due_date=timezone.localdate()
    )
    ActionFactory(title="@SUM(A1)", marking=SENSITIVE, finding=evil.finding)
    meeting = Meeting.objects.create(
        force=evil.force,
        meeting_type=MeetingType.objects.get(name="Chief Officer Team"),
        date=timezone.localdate(),
        attendees="Chief Constable",
    )
    sign_in(client, chief_officer)
    response = client.get(reverse("governance:meeting_csv", args=[meeting.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0].startswith("OFFICIAL-SENSITIVE")
    titles = [row[0] for row in rows[2:]]
    assert '\'=HYPERLINK("http://evil")' in titles and "'@SUM(A1)" in titles


def test_an_excel_cell_too_long_says_so_and_where_the_whole_text_is(
    client, chief_officer
):
    action = ActionFactory()
    ProgressUpdateFactory(action=action, narrative="x" * 9_000)
    FindingFactory(inspection=action.finding.inspection)
    action.finding.text = "Long finding " + "y" * 40_000
    action.finding.save()
    sign_in(client, chief_officer)
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("actions:export_xlsx")).content)
    ).active
    header, row = list(sheet.iter_rows(values_only=True))[:2]
    finding = dict(zip(header, row, strict=True))["Finding"]
    assert len(finding) <= 32_767
    assert "[Shortened to fit an Excel cell. The whole text is at http" in finding
    assert f"/actions/{action.pk}/" in finding


# 9. Browser caches


def test_signed_in_pages_and_exports_are_not_stored(client, chief_officer):
    public = client.get(reverse("inspections:list"))
    assert "no-store" not in public.get("Cache-Control", "")
    sign_in(client, chief_officer)
    for name in ("actions:tracker", "actions:export_csv", "governance:dashboard"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert response["Cache-Control"] == "private, no-store", name


def test_a_draft_papers_pdf_is_not_stored(client, commissioners_office):
    report = PanelReportFactory(status=ReportStatus.DRAFT)
    sign_in(client, commissioners_office)
    response = client.get(reverse("reports:pdf", args=[report.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


# 10. Odd query strings


def test_odd_query_strings_are_bad_requests_not_errors(admin_client):
    action = ActionFactory()
    update = ProgressUpdateFactory(action=action)
    too_big = "99999999999999999999"
    for url, wanted in (
        (f"/admin/actions/progressupdate/?date__year={too_big}", {400, 302}),
        (
            f"/admin/actions/progressupdate/?date__year=2017&date__month={too_big}",
            {400, 302},
        ),
        (f"/admin/actions/action/{action.pk}/history/abc/", {404}),
        (f"/admin/actions/progressupdate/{update.pk}/history/9{too_big}/", {404}),
        # PostgreSQL finds nothing; SQLite's driver overflows, answered 400
        (f"/admin/actions/action/?force={too_big}", {200, 400}),
        (f"/admin/r/{too_big}/{action.pk}/", {404}),
        (f"/admin/r/1/{too_big}x/", {404}),
    ):
        assert admin_client.get(url).status_code in wanted, url


def test_odd_values_on_the_sites_filters_are_ignored_or_refused(client, chief_officer):
    sign_in(client, chief_officer)
    for name, query in (
        ("inspections:list", {"force": "x" * 500, "page": "abc"}),
        ("actions:tracker", {"owner": "-1", "due": "999", "page": "2x"}),
        ("actions:export_csv", {"theme": "\x00", "force": "1e400"}),
        ("governance:dashboard", {"inspection": "99999999999999999999"}),
    ):
        assert client.get(reverse(name), query).status_code in (200, 400, 404), name


# 11. "View on site" in the admin


def test_view_on_site_does_not_tell_whether_a_draft_paper_exists(client, staff_officer):
    from django.contrib.contenttypes.models import ContentType

    draft = PanelReportFactory(status=ReportStatus.DRAFT)
    kind = ContentType.objects.get_for_model(draft).pk
    sign_in(client, staff_officer)
    exists = client.get(f"/admin/r/{kind}/{draft.pk}/")
    missing = client.get(f"/admin/r/{kind}/{draft.pk + 1000}/")
    assert exists.status_code == missing.status_code == 404


def test_view_on_site_still_takes_staff_to_what_they_may_see(client, staff_officer):
    from django.contrib.contenttypes.models import ContentType

    action = ActionFactory(status=Status.IN_PROGRESS)
    kind = ContentType.objects.get_for_model(action).pk
    sign_in(client, staff_officer)
    response = client.get(f"/admin/r/{kind}/{action.pk}/")
    assert response.status_code == 302
    assert response["Location"] == action.get_absolute_url()
