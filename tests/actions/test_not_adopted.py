"""Not adopted: a chief officer decides that the force will not do an action,
and says why. It is decided, like a sign-off, but it is not closed: it is neither
open, nor counted as closed, nor ever overdue."""

import datetime

import pytest
from django.urls import reverse

from actions.choices import RAG, Status
from actions.rules import Progress
from inspections.choices import Marking
from tests.conftest import sign_in
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db

REASON = "The Home Office has withdrawn the national system this would feed."


def decide(client, action, status=Status.NOT_ADOPTED, narrative=REASON):
    return client.post(
        reverse("actions:update", args=[action.pk]),
        {
            "status": status,
            "percent_complete": action.percent_complete,
            "rag": RAG.GREEN,
            "narrative": narrative,
            "date": datetime.date.today().isoformat(),
            "marking": Marking.OFFICIAL,
            "seen_version": action.version,
        },
    )


@pytest.fixture
def late(staff_officer):
    """An action overdue by a year, 30% done."""
    return ActionFactory(
        owner=staff_officer,
        status=Status.IN_PROGRESS,
        percent_complete=30,
        due_date=datetime.date.today() - datetime.timedelta(days=365),
    )


def test_a_chief_officer_records_not_adopted_with_the_reason(
    client, chief_officer, late
):
    sign_in(client, chief_officer)
    form = client.get(reverse("actions:update", args=[late.pk]))
    assert '<option value="not_adopted">Not adopted</option>' in form.text
    assert decide(client, late).status_code == 302
    late.refresh_from_db()
    assert late.status == Status.NOT_ADOPTED
    assert late.percent_complete == 30  # what was done stays as it was
    assert (late.signed_off_by, late.sign_off_comment) == (chief_officer, REASON)
    page = client.get(late.get_absolute_url()).text
    assert "<dt>Not adopted</dt>" in page and REASON in page
    assert "<dt>Signed off</dt>" not in page
    assert ">Reopen<" in page  # a chief officer may reopen it, with a reason


def test_an_owner_may_not_decide_not_to_adopt(client, staff_officer, late):
    sign_in(client, staff_officer)
    form = client.get(reverse("actions:update", args=[late.pk]))
    assert "not_adopted" not in form.text
    page = decide(client, late)
    assert page.status_code == 200
    late.refresh_from_db()
    assert late.status == Status.IN_PROGRESS


def test_not_adopted_is_neither_overdue_nor_closed_on_the_dashboard(
    client, chief_officer, late
):
    sign_in(client, chief_officer)
    before = client.get("/dashboard/").context["figures"]
    assert before["overdue"] == 1
    decide(client, late)
    after = client.get("/dashboard/").context["figures"]
    assert after["overdue"] == 0
    assert after["closed"] == 0 and after["closed_30"] == 0
    assert after["open"] == 0
    assert after["not_adopted"] == 1
    late.refresh_from_db()
    assert Progress.of([late]) == Progress(count=1, closed=0, mean_percent=30)
    tracker = client.get(reverse("actions:tracker"), {"due": "overdue"})
    assert late.title not in tracker.text


def test_an_update_may_not_keep_an_action_not_adopted(client, chief_officer, late):
    sign_in(client, chief_officer)
    decide(client, late)
    late.refresh_from_db()
    form = client.get(reverse("actions:update", args=[late.pk]))
    assert '<option value="not_adopted"' not in form.text  # only reopening is
    page = decide(client, late, narrative="Still not.")
    assert page.status_code == 200
    assert (
        "You cannot give this action that status now. The statuses you can give "
        "it are: In progress." in page.text
    )
    assert decide(client, late, Status.IN_PROGRESS, "The system is back.").status_code
    late.refresh_from_db()
    assert late.status == Status.IN_PROGRESS
    assert late.signed_off_by is None and late.sign_off_comment == ""
