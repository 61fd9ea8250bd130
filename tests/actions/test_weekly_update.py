"""The weekly update page in the site: progress, evidence and no lost updates."""

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from actions.choices import RAG, Status
from actions.models import Evidence, ProgressUpdate
from inspections.choices import Marking
from tests.actions.test_admin_weekly_update import change_form_data
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    EvidenceFactory,
    ProgressUpdateFactory,
    user_in_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(staff_officer):
    return ActionFactory(owner=staff_officer, percent_complete=40)


def update_data(action, **changes):
    return {
        "status": Status.IN_PROGRESS,
        "percent_complete": 60,
        "rag": RAG.AMBER,
        "narrative": "Second cohort trained.",
        "date": "2017-05-05",
        "marking": Marking.OFFICIAL,
        "seen_version": action.version,
        **changes,
    }


def url_of(action):
    return reverse("actions:update", args=[action.pk])


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def stored_files() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def test_owner_records_a_weekly_update_with_evidence(client, staff_officer, action):
    sign_in(client, staff_officer)
    page = client.get(url_of(action))
    assert page.status_code == 200
    assert "Progress updates" in page.text  # the history sits below the form
    files = [
        SimpleUploadedFile("minutes.pdf", b"%PDF-1.7 minutes"),
        SimpleUploadedFile("plan.docx", docx_bytes()),
        SimpleUploadedFile("cohorts.csv", b"cohort,trained\n1,40\n"),
    ]
    response = client.post(url_of(action), update_data(action, evidence=files))
    assert response.status_code == 302
    assert response["Location"] == action.get_absolute_url()
    action.refresh_from_db()
    assert (action.percent_complete, action.rag) == (60, RAG.AMBER)
    update = action.updates.get()
    assert update.author == staff_officer
    names = sorted(e.original_name for e in update.evidence.all())
    assert names == ["cohorts.csv", "minutes.pdf", "plan.docx"]
    for evidence in update.evidence.all():
        assert Path(evidence.file.name).stem != Path(evidence.original_name).stem
    detail = client.get(action.get_absolute_url()).text
    assert "Second cohort trained." in detail and "minutes.pdf" in detail


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("empty.pdf", b""), "The submitted file is empty."),
        (
            SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf at all"),
            "report.pdf is named as a PDF, but its content is not one.",
        ),
        (
            SimpleUploadedFile("photo.png", b"%PDF-1.4 a pdf in disguise"),
            "photo.png is named as a PNG image, but its content is not one.",
        ),
        (
            SimpleUploadedFile("script.exe", b"MZ\x90\x00"),
            "script.exe is not a PDF, Word (DOCX), Excel (XLSX), CSV, PNG or JPG file.",
        ),
        (
            SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024)),
            "big.pdf is 10.0 MB: evidence files can be at most 10 MB.",
        ),
    ],
    ids=["empty", "wrong-content", "pdf-named-png", "not-accepted", "oversize"],
)
def test_bad_evidence_is_refused_clearly_and_nothing_is_stored(
    client, staff_officer, action, upload, message
):
    sign_in(client, staff_officer)
    response = client.post(url_of(action), update_data(action, evidence=[upload]))
    assert response.status_code == 200
    assert message in response.text
    assert not ProgressUpdate.objects.exists()
    assert not Evidence.objects.exists()
    assert stored_files() == []


def test_evidence_is_served_only_to_those_who_may_see_it(
    client, panel_member, staff_officer
):
    official = EvidenceFactory()
    sensitive = EvidenceFactory(
        update=ProgressUpdateFactory(marking=Marking.OFFICIAL_SENSITIVE)
    )
    anonymous = Client().get(reverse("actions:evidence", args=[official.pk]))
    assert anonymous.status_code == 302
    sign_in(client, panel_member)
    response = client.get(reverse("actions:evidence", args=[official.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 minutes"
    assert (
        client.get(reverse("actions:evidence", args=[sensitive.pk])).status_code == 404
    )
    sign_in(client, staff_officer)
    assert (
        client.get(reverse("actions:evidence", args=[sensitive.pk])).status_code == 200
    )


def test_no_public_address_serves_uploaded_files(client):
    evidence = EvidenceFactory()
    assert client.get(f"/media/{evidence.file.name}").status_code == 404
    assert client.get(f"/{evidence.file.name}").status_code == 404


def test_only_moves_open_to_the_person_are_offered(client, staff_officer):
    action = ActionFactory(
        owner=staff_officer, status=Status.COMPLETED, percent_complete=100
    )
    sign_in(client, staff_officer)
    choices = client.get(url_of(action)).context["form"].fields["status"].choices
    assert [value for value, _ in choices] == [Status.COMPLETED, Status.BLOCKED]


def test_someone_elses_action_cannot_be_updated_in_the_site(
    client, other_staff_officer, action
):
    sign_in(client, other_staff_officer)
    assert client.get(url_of(action)).status_code == 403
    assert client.post(url_of(action), update_data(action)).status_code == 403
    assert not action.updates.exists()


def test_a_later_save_from_an_older_page_is_refused_with_what_changed(
    staff_officer, chief_officer, action
):
    mine, theirs = Client(), Client()
    sign_in(mine, staff_officer)
    sign_in(theirs, chief_officer)
    seen = update_data(action)  # both opened the page at the same version
    first = theirs.post(
        url_of(action), seen | {"percent_complete": 90, "narrative": "Nearly done."}
    )
    assert first.status_code == 302
    second = mine.post(url_of(action), seen | {"narrative": "My update."})
    assert second.status_code == 200
    assert "changed this action while you were editing it" in second.text
    assert "Percent complete: 40% → 90%" in second.text
    assert "Nothing you entered has been saved" in second.text
    action.refresh_from_db()
    assert action.percent_complete == 90
    assert list(action.updates.values_list("narrative", flat=True)) == ["Nearly done."]


def test_the_update_date_cannot_go_back_before_the_latest(
    client, staff_officer, action
):
    ProgressUpdateFactory(action=action, date=datetime.date(2017, 6, 1))
    sign_in(client, staff_officer)
    response = client.post(url_of(action), update_data(action, date="2017-05-01"))
    assert "cannot be dated before the latest one (1 June 2017)" in response.text
    assert action.updates.count() == 1


@pytest.mark.parametrize("updates", [1, 20])
def test_update_page_queries_do_not_grow_with_history(
    client, django_assert_num_queries, staff_officer, updates
):
    action = ActionFactory(owner=staff_officer)
    for _ in range(updates):
        EvidenceFactory(update=ProgressUpdateFactory(action=action))
    sign_in(client, staff_officer)
    # user with permissions, the action, its extensions, history and the people in
    # it, the count of its updates and a page of them, their evidence
    with django_assert_num_queries(8):
        client.get(url_of(action))


def test_the_admin_refuses_a_save_from_an_older_page_too(chief_officer):
    action = ActionFactory(title="Original title")
    first, second = Client(), Client()
    sign_in(first, chief_officer)
    sign_in(
        second, user_in_role(Role.CHIEF_OFFICER, first_name="Alex", last_name="Ray")
    )
    url = reverse("admin:actions_action_change", args=[action.pk])
    seen = change_form_data(action) | {"updates-TOTAL_FORMS": 0}
    assert second.post(url, seen | {"title": "Second's title"}).status_code == 302
    response = first.post(url, seen | {"title": "First's title"})
    assert response.status_code == 200
    assert (
        "Alex Ray changed this action while you were editing it: "
        "Title: Original title → Second&#x27;s title" in response.text
    )
    action.refresh_from_db()
    assert action.title == "Second's title"


@pytest.mark.parametrize(
    "changes, message",
    [
        (
            {"percent_complete": "150"},
            "Percent complete must be a whole number from 0 to 100",
        ),
        (
            {"percent_complete": "-1"},
            "Percent complete must be a whole number from 0 to 100",
        ),
        (
            {"percent_complete": "half"},
            "Percent complete must be a whole number from 0 to 100",
        ),
        ({"narrative": ""}, "Say what has been done since the last update"),
        (
            {"narrative": "x" * 66_000},
            "What has been done since the last update must be 10,000 characters "
            "or fewer: it has 66000",
        ),
        ({"date": "2017-02-31"}, "Date of the update must be a real date"),
        ({"status": ""}, "Select the status"),
        ({"seen_version": ""}, "This page was out of date"),
    ],
)
def test_a_bad_update_is_explained_in_plain_words_and_nothing_is_saved(
    client, staff_officer, action, changes, message
):
    sign_in(client, staff_officer)
    response = client.post(url_of(action), update_data(action, **changes))
    assert response.status_code == 200
    assert "<title>Error: " in response.text
    summary = response.text.split('id="error-summary"')[1].split("</div>")[0]
    assert message in summary
    assert not ProgressUpdate.objects.filter(action=action).exists()
