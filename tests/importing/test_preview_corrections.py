"""The preview is where the person corrects what was misread: a grade, a kind,
a theme, a number; rows removed, joined, split or added; the programme and
round. They see the result before anything is written, the import keeps what
they corrected, and every finding keeps where it came from."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from importing.models import DocumentImport
from inspections.choices import FindingKind, Grade
from inspections.models import Finding, Inspection
from tests.conftest import sign_in
from tests.factories import ForceFactory, user_in_role
from tests.importing.documents import NORTHSHIRE
from tests.importing.test_admin_import import confirm_fields, preview_of, upload
from tests.page_forms import form_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def preview(client, staff_officer):
    sign_in(client, staff_officer)
    return preview_of(upload(client, NORTHSHIRE.read_bytes(), "northshire.md"))


def rows(values: dict, prefix: str) -> list[dict]:
    count = int(values[f"{prefix}-TOTAL_FORMS"])
    return [
        {
            key.split("-", 2)[2]: value
            for key, value in values.items()
            if key.startswith(f"{prefix}-{index}-")
        }
        for index in range(count)
    ]


def posted(values: dict, **rows_by_prefix: list[dict]) -> dict:
    """The form's values with the rows of a formset replaced."""
    data = {k: v for k, v in values.items() if not _in_rows(k, rows_by_prefix)}
    for prefix, new_rows in rows_by_prefix.items():
        data[f"{prefix}-TOTAL_FORMS"] = str(len(new_rows))
        for index, row in enumerate(new_rows):
            data |= {f"{prefix}-{index}-{key}": value for key, value in row.items()}
    return data


def _in_rows(key: str, rows_by_prefix: dict) -> bool:
    head, _, rest = key.partition("-")
    return head in rows_by_prefix and rest[:1].isdigit()


def find(found: list[dict], starts: str) -> dict:
    return next(row for row in found if row.get("text", "").startswith(starts))


def test_corrections_show_in_the_preview_and_are_kept_with_the_import(client, preview):
    page = client.get(preview).text
    values = form_values(page)
    questions, findings = rows(values, "question"), rows(values, "finding")
    assert len(findings) == 8 + 2  # as read, and two empty rows to add to

    # a grade misread; a question that is not one removed
    questions[0]["grade"] = Grade.ADEQUATE
    # a kind, a theme and a number corrected
    bail = find(findings, "The force should make better use of bail")
    bail |= {"kind": FindingKind.RECOMMENDATION, "theme": "Bail", "number": "3"}
    # one finding split in two where the person left a blank line
    supervision = find(findings, "The force should improve the supervision")
    supervision["text"] = (
        "The force should improve the supervision of investigations.\n\n"
        "The force should review each case within seven days."
    )
    # a strength joined to the one above it, another removed
    find(findings, "Neighbourhood teams know")["merge"] = "on"
    # a finding added in an empty row
    findings[-1] |= {
        "kind": FindingKind.AREA_FOR_IMPROVEMENT,
        "text": "The force should publish its stop and search data.",
        "theme": "Legitimacy",
    }
    data = posted(
        {**values, "programme": "PEEL", "preview": "Show"},
        question=questions,
        finding=findings,
    )
    shown = client.post(preview, data, follow=True)
    assert "The preview now shows your corrections" in shown.text
    assert not Inspection.objects.exists()  # nothing written yet
    text = shown.text
    assert "Your corrections (" in text
    regraded = "Grade of “Preventing crime and tackling anti-social behaviour”"
    assert f"{regraded}: good → adequate" in text
    assert "Finding added: area for improvement (Legitimacy)" in text

    response = client.post(preview, confirm_fields(text))
    assert response.status_code == 302, response.content[:3000]
    inspection = Inspection.objects.get()
    assert inspection.questions.get(order=1).grade == Grade.ADEQUATE
    bail_finding = Finding.objects.get(text__startswith="The force should make better")
    assert (bail_finding.kind, bail_finding.theme, bail_finding.number) == (
        FindingKind.RECOMMENDATION,
        "Bail",
        3,
    )
    assert Finding.objects.filter(text__startswith="The force should improve the s")
    assert Finding.objects.filter(text__startswith="The force should review each")
    strengths = inspection.findings.filter(kind=FindingKind.STRENGTH)
    assert [s.text for s in strengths] == [
        "The force works well with partner agencies to prevent crime. "
        "Neighbourhood teams know their communities"
    ]
    added = Finding.objects.get(text__startswith="The force should publish")
    assert added.source == "northshire.md, added in the preview"
    assert bail_finding.source.startswith("northshire.md, line ")
    record = DocumentImport.objects.get(inspection=inspection)
    assert record.file_name == "northshire.md"
    assert record.read.startswith("Read as Markdown: 4 graded question(s)")
    corrected = record.correction_list
    assert any(line.startswith("Grade of “Preventing crime") for line in corrected)
    assert any("recommendation 3 (Bail)" in line for line in corrected)
    assert any(line.startswith("Finding added") for line in corrected)
    assert len(corrected) >= 5


def test_the_programme_and_round_are_set_in_the_preview(client, preview):
    values = form_values(client.get(preview).text)
    assert values["framework"] == "none"  # a pillar report after 2018: no round
    data = {**values, "framework": "peel-2018-19", "preview": "Show"}
    shown = client.post(preview, data, follow=True)
    assert "Programme and round: none of the rounds → PEEL 2018/19" in shown.text
    assert form_values(shown.text)["framework"] == "peel-2018-19"
    refused = client.post(preview, confirm_fields(shown.text))
    assert "PEEL 2018/19 gives no overall grade" in refused.text  # the round's rule
    assert not Inspection.objects.exists()
    data = {**form_values(shown.text), "overall_grade": "", "preview": "Show"}
    shown = client.post(preview, data, follow=True)
    client.post(preview, confirm_fields(shown.text))
    inspection = Inspection.objects.get()
    assert (inspection.framework, inspection.overall_grade) == ("peel-2018-19", "")


def test_nothing_is_written_if_the_rows_were_changed_but_not_previewed(client, preview):
    values = form_values(client.get(preview).text)
    questions = rows(values, "question")
    questions[0]["grade"] = Grade.INADEQUATE
    data = posted({**values, "confirm": "Create"}, question=questions)
    response = client.post(preview, data, follow=True)
    assert "The preview now shows your corrections" in response.text
    assert not Inspection.objects.exists()


def test_a_preview_with_nothing_changed_says_so(client, preview):
    values = form_values(client.get(preview).text)
    response = client.post(preview, {**values, "preview": "Show"}, follow=True)
    assert "nothing is corrected" in response.text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text": ""}, "Give the finding&#x27;s text, or tick Remove."),
        ({"number": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"number": "1000"}, "Ensure this value is less than or equal to 999."),
        ({"number": "three"}, "Enter a whole number."),
        ({"theme": "x" * 201}, "Ensure this value has at most 200 characters"),
        ({"kind": "opinion"}, "Select a valid choice."),
        ({"origin": "999"}, "This row is not in the preview."),
        ({"question": "99"}, "Select a valid choice."),
    ],
)
def test_a_bad_row_is_explained_and_nothing_is_kept(client, preview, change, message):
    values = form_values(client.get(preview).text)
    findings = rows(values, "finding")
    findings[1] |= change
    response = client.post(
        preview, posted({**values, "preview": "Show"}, finding=findings)
    )
    assert response.status_code == 200
    assert message in response.text
    assert "Some rows need correcting" in response.text
    assert "Your corrections" not in client.get(preview).text
    assert not Inspection.objects.exists()


def test_the_first_row_cannot_be_joined_to_nothing(client, preview):
    values = form_values(client.get(preview).text)
    findings = rows(values, "finding")
    findings[0]["merge"] = "on"
    response = client.post(
        preview, posted({**values, "preview": "Show"}, finding=findings)
    )
    assert "The first row has no row above to join." in response.text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("publication_date", "31/02/2019", "Enter a valid date."),
        ("publication_date", "", "This field is required."),
        ("force", "", "This field is required."),
        ("pillar", "p" * 201, "Ensure this value has at most 200 characters"),
        ("overall_grade", "superb", "Select a valid choice."),
        ("framework", "peel-1999", "Select a valid choice."),
    ],
)
def test_bad_details_are_explained(client, preview, field, value, message):
    values = form_values(client.get(preview).text)
    response = client.post(preview, {**values, field: value, "confirm": "Create"})
    assert response.status_code == 200
    assert message in response.text
    assert not Inspection.objects.exists()


def test_two_findings_of_one_kind_with_one_number_are_refused_whole(client, preview):
    values = form_values(client.get(preview).text)
    findings = rows(values, "finding")
    for row in findings:
        if row.get("kind") == FindingKind.RECOMMENDATION:
            row["number"] = "1"
    shown = client.post(
        preview, posted({**values, "preview": "Show"}, finding=findings), follow=True
    )
    response = client.post(preview, confirm_fields(shown.text))
    assert response.status_code == 200
    assert "cannot be saved" in response.text
    assert not Inspection.objects.exists()  # one transaction: nothing half-written
    assert not DocumentImport.objects.exists()


def test_a_staff_officer_cannot_change_a_published_inspection_by_correcting(
    client, staff_officer
):
    sign_in(client, staff_officer)
    first = preview_of(upload(client, NORTHSHIRE.read_bytes(), "northshire.md"))
    client.post(first, confirm_fields(client.get(first).text))
    inspection = Inspection.objects.get()
    Inspection.objects.filter(pk=inspection.pk).update(is_published=True)
    again = preview_of(upload(client, NORTHSHIRE.read_bytes(), "northshire.md"))
    values = form_values(client.get(again).text)
    questions = rows(values, "question")
    questions[0]["grade"] = Grade.OUTSTANDING
    shown = client.post(
        again, posted({**values, "preview": "Show"}, question=questions), follow=True
    )
    assert "your role may not change it" in shown.text
    response = client.post(again, {**confirm_fields(shown.text), "apply_changes": "on"})
    assert response.status_code == 200
    inspection.refresh_from_db()
    assert inspection.questions.get(order=1).grade != Grade.OUTSTANDING
    assert DocumentImport.objects.count() == 1  # the first import only


def test_a_draft_of_a_force_the_importer_does_not_reach_says_so(client):
    mine = ForceFactory(name="Westshire Police")
    officer = user_in_role(
        Role.STAFF_OFFICER, organisation=mine.organisation, username="w.officer"
    )
    sign_in(client, officer)
    preview = preview_of(upload(client, NORTHSHIRE.read_bytes(), "northshire.md"))
    response = client.post(preview, confirm_fields(client.get(preview).text))
    assert response["Location"] == "/admin/inspections/inspection/"
    page = client.get(response["Location"]).text
    assert "Imported Northshire Constabulary" in page
    assert "is not a force your role reaches, so the draft is not listed" in page


def test_where_each_finding_was_read_is_on_its_admin_page_and_not_an_input(
    client, preview
):
    client.post(preview, confirm_fields(client.get(preview).text))
    finding = Finding.objects.get(text__startswith="The force should make better")
    question = Inspection.objects.get().questions.get(order=1)
    for url in (
        f"/admin/inspections/finding/{finding.pk}/change/",
        f"/admin/inspections/gradedquestion/{question.pk}/change/",
    ):
        page = client.get(url).text
        assert "Where in the document" in page
        assert "northshire.md, line " in page
        assert 'name="source"' not in page
