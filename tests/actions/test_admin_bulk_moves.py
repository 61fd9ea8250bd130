"""The admin's bulk actions make only the moves the state machine allows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.choices import Status
from tests.conftest import sign_in
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:actions_action_changelist"


def bulk(client, name, actions, **extra):
    return client.post(
        reverse(CHANGELIST),
        {"action": name, "_selected_action": [a.pk for a in actions], **extra},
        follow=bool(extra),
    )


def test_sign_off_asks_for_a_comment_and_moves_only_completed_actions(
    client, chief_officer
):
    done = ActionFactory(status=Status.COMPLETED, percent_complete=100)
    going = ActionFactory(status=Status.IN_PROGRESS)
    sign_in(client, chief_officer)
    confirm = bulk(client, "sign_off", [done, going])
    assert confirm.status_code == 200
    assert "1 of the 2 chosen actions can move to Closed" in confirm.text
    assert "Will not move: An action that is In progress cannot move" in confirm.text
    result = bulk(client, "sign_off", [done, going], confirm="yes", note="COT review.")
    assert "1 action moved to Closed." in result.text
    assert "Not moved: " in result.text
    done.refresh_from_db()
    going.refresh_from_db()
    assert (done.status, going.status) == (Status.CLOSED, Status.IN_PROGRESS)
    assert done.updates.get().narrative == "COT review."
    assert done.signed_off_by == chief_officer
    assert not going.updates.exists()


def test_a_bulk_move_needs_a_note(client, chief_officer):
    action = ActionFactory(status=Status.NOT_STARTED)
    sign_in(client, chief_officer)
    response = bulk(client, "move_to_in_progress", [action], confirm="yes", note=" ")
    assert "Write a note: it is recorded with each move." in response.text
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED


def test_staff_officers_are_not_offered_sign_off(client, staff_officer):
    ActionFactory(owner=staff_officer)
    sign_in(client, staff_officer)
    choices = client.get(reverse(CHANGELIST)).context["action_form"].fields["action"]
    names = [value for value, _ in choices.choices]
    assert "sign_off" not in names and "move_to_blocked" in names


def test_a_staff_officer_moves_only_their_own_actions_in_bulk(
    client, staff_officer, other_staff_officer
):
    mine = ActionFactory(owner=staff_officer)
    theirs = ActionFactory(owner=other_staff_officer)
    sign_in(client, staff_officer)
    bulk(client, "move_to_blocked", [mine, theirs], confirm="yes", note="Waiting.")
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == (Status.BLOCKED, Status.IN_PROGRESS)


@pytest.mark.parametrize(("due", "expected"), [("overdue", ["late"]), ("7", ["soon"])])
def test_admin_filters_overdue_and_due_soon(admin_client, due, expected):
    today = timezone.localdate()
    ActionFactory(title="late", due_date=today - datetime.timedelta(days=1))
    ActionFactory(title="soon", due_date=today + datetime.timedelta(days=3))
    ActionFactory(title="later", due_date=today + datetime.timedelta(days=40))
    response = admin_client.get(reverse(CHANGELIST), {"due": due})
    assert [a.title for a in response.context["cl"].result_list] == expected
