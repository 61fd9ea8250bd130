"""The action's state machine, from the admin, where every status can be asked for."""

import itertools

import pytest
from django.urls import reverse

from actions.choices import RAG, Status
from actions.workflow import MOVES
from tests.actions.test_admin_weekly_update import change_form_data
from tests.conftest import sign_in
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db

PAIRS = list(itertools.product(Status, Status))
ALLOWED = {(a, b) for a, moves in MOVES.items() for b in moves}
STAYS = {(s, s) for s in Status if s not in Status.decided_values()}


def action_in(status, **kwargs):
    finished = status in (Status.COMPLETED, Status.CLOSED)
    return ActionFactory(
        status=status, percent_complete=100 if finished else 40, **kwargs
    )


def give_update(client, action, status, narrative="Moving on."):
    finished = status in (Status.COMPLETED, Status.CLOSED)
    return client.post(
        reverse("admin:actions_action_change", args=[action.pk]),
        change_form_data(
            action,
            date="2017-04-14",
            narrative=narrative,
            status=status,
            rag=RAG.GREEN,
            percent_complete=100 if finished else 50,
        ),
    )


@pytest.mark.parametrize(("current", "new"), PAIRS, ids=lambda s: s.value)
def test_only_the_state_machines_moves_are_possible(
    client, chief_officer, current, new
):
    action = action_in(current)
    sign_in(client, chief_officer)
    response = give_update(client, action, new)
    action.refresh_from_db()
    if (current, new) in ALLOWED | STAYS:
        assert response.status_code == 302
        assert action.status == new
        assert action.updates.get().status == new  # the move wrote its update
    else:
        assert response.status_code == 200
        refusals = ("cannot move to", "is closed", "is not adopted")
        assert any(refusal in response.text for refusal in refusals)
        assert action.status == current
        assert not action.updates.exists()


def test_the_machine_has_exactly_the_moves_of_the_issue():
    assert ALLOWED == {
        (Status.NOT_STARTED, Status.IN_PROGRESS),
        (Status.IN_PROGRESS, Status.COMPLETED),
        (Status.COMPLETED, Status.CLOSED),
        (Status.COMPLETED, Status.IN_PROGRESS),  # returned to the owner
        (Status.NOT_STARTED, Status.BLOCKED),
        (Status.IN_PROGRESS, Status.BLOCKED),
        (Status.COMPLETED, Status.BLOCKED),
        (Status.BLOCKED, Status.IN_PROGRESS),
        (Status.CLOSED, Status.IN_PROGRESS),
        # a chief officer's decision not to adopt, and its reopening
        (Status.NOT_STARTED, Status.NOT_ADOPTED),
        (Status.IN_PROGRESS, Status.NOT_ADOPTED),
        (Status.COMPLETED, Status.NOT_ADOPTED),
        (Status.BLOCKED, Status.NOT_ADOPTED),
        (Status.NOT_ADOPTED, Status.IN_PROGRESS),
    }


def test_a_forbidden_move_says_where_the_action_can_go(client, chief_officer):
    action = action_in(Status.NOT_STARTED)
    sign_in(client, chief_officer)
    response = give_update(client, action, Status.CLOSED)
    assert (
        "An action that is Not started cannot move to Closed. From Not started it "
        "can move to: In progress, Blocked, Not adopted." in response.text
    )


def test_sign_off_records_who_when_and_the_comment(client, chief_officer):
    action = action_in(Status.COMPLETED)
    sign_in(client, chief_officer)
    give_update(client, action, Status.CLOSED, narrative="Evidence accepted at COT.")
    action.refresh_from_db()
    assert action.signed_off_by == chief_officer
    assert action.signed_off_at is not None
    assert action.sign_off_comment == "Evidence accepted at COT."
    page = client.get(action.get_absolute_url()).text
    assert "Evidence accepted at COT." in page and "Signed off" in page


@pytest.mark.parametrize(
    ("current", "new", "message"),
    [
        (Status.COMPLETED, Status.CLOSED, "Only a chief officer can sign off"),
        (Status.CLOSED, Status.IN_PROGRESS, "Only a chief officer can reopen"),
        (
            Status.IN_PROGRESS,
            Status.NOT_ADOPTED,
            "Only a chief officer can decide that an action is not adopted",
        ),
        (Status.NOT_ADOPTED, Status.IN_PROGRESS, "Only a chief officer can reopen"),
    ],  # fmt: skip
)
def test_only_chief_officers_sign_off_and_reopen(
    client, staff_officer, current, new, message
):
    action = action_in(current, owner=staff_officer)
    sign_in(client, staff_officer)
    response = give_update(client, action, new)
    assert message in response.text
    action.refresh_from_db()
    assert action.status == current


def test_reopening_clears_the_sign_off_and_keeps_the_reason(client, chief_officer):
    action = action_in(Status.COMPLETED)
    sign_in(client, chief_officer)
    give_update(client, action, Status.CLOSED, narrative="Done.")
    action.refresh_from_db()
    give_update(
        client, action, Status.IN_PROGRESS, narrative="Re-inspection found gaps."
    )
    action.refresh_from_db()
    assert action.status == Status.IN_PROGRESS
    assert action.signed_off_by is None and action.sign_off_comment == ""
    assert action.updates.first().narrative == "Re-inspection found gaps."


def test_a_completed_action_invites_a_chief_officer_to_sign_off(
    client, chief_officer, staff_officer
):
    action = action_in(Status.COMPLETED, owner=staff_officer)
    sign_in(client, chief_officer)
    assert "Sign off<span" in client.get(action.get_absolute_url()).text
    sign_in(client, staff_officer)
    page = client.get(action.get_absolute_url()).text
    assert "Sign off<span" not in page and "Record progress" in page
