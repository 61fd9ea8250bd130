"""Sign off: the button says it, and the action closes with the comment."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from actions.choices import Status
from actions.models import Action
from pcc_panel.lib.text_limits import NARRATIVE
from tests.conftest import sign_in
from tests.factories import ActionFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(staff_officer):
    action = ActionFactory(
        owner=staff_officer, status=Status.COMPLETED, percent_complete=100
    )
    ProgressUpdateFactory(
        action=action,
        status=Status.COMPLETED,
        percent_complete=100,
        narrative="All officers trained; register attached.",
    )
    return Action.objects.get(pk=action.pk)


def url(action):
    return reverse("actions:sign_off", args=[action.pk])


def test_the_action_page_sign_off_button_leads_to_the_sign_off(
    client, chief_officer, completed
):
    sign_in(client, chief_officer)
    page = client.get(completed.get_absolute_url()).text
    assert f'href="{url(completed)}">Sign off' in page
    form = client.get(url(completed))
    assert "What the owner reported" in form.text
    assert "All officers trained; register attached." in form.text
    assert "Sign off and close the action" in form.text


def test_signing_off_closes_the_action_with_the_comment(
    client, chief_officer, completed
):
    sign_in(client, chief_officer)
    response = client.post(
        url(completed),
        {"comment": "Checked the register.", "seen_version": completed.version},
    )
    assert response.status_code == 302
    completed.refresh_from_db()
    assert completed.status == Status.CLOSED
    assert completed.signed_off_by == chief_officer
    assert completed.sign_off_comment == "Checked the register."
    assert completed.latest_update.narrative == "Checked the register."
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert notes == [f"“{completed.title}” is signed off and closed."]


@pytest.mark.parametrize(
    "data, error",
    [
        ({"comment": ""}, "Enter your sign-off comment"),
        (
            {"comment": "x" * (NARRATIVE + 1)},
            "Your sign-off comment must be 10,000 characters or fewer",
        ),
    ],
)
def test_a_bad_sign_off_says_what_is_wrong_and_keeps_what_was_typed(
    client, chief_officer, completed, data, error
):
    sign_in(client, chief_officer)
    response = client.post(url(completed), data | {"seen_version": completed.version})
    assert response.status_code == 200
    assert "<title>Error: Sign off" in response.text
    assert error in response.text
    completed.refresh_from_db()
    assert completed.status == Status.COMPLETED


def test_a_sign_off_after_someone_else_saved_is_refused(
    client, chief_officer, completed
):
    sign_in(client, chief_officer)
    stale = completed.version
    Action.objects.filter(pk=completed.pk).update(version=stale + 1)
    response = client.post(url(completed), {"comment": "OK", "seen_version": stale})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "OK</textarea>" in response.text  # what was typed is kept
    completed.refresh_from_db()
    assert completed.status == Status.COMPLETED


def test_only_a_chief_officer_signs_off(client, staff_officer, completed):
    sign_in(client, staff_officer)
    assert client.get(url(completed)).status_code == 403
    response = client.post(url(completed), {"comment": "Mine", "seen_version": 1})
    assert response.status_code == 403
    completed.refresh_from_db()
    assert completed.status == Status.COMPLETED


def test_an_action_not_awaiting_sign_off_is_not_signed_off(client, chief_officer):
    action = ActionFactory(status=Status.IN_PROGRESS)
    sign_in(client, chief_officer)
    response = client.get(url(action))
    assert response.status_code == 302
    response = client.post(
        url(action), {"comment": "x", "seen_version": action.version}
    )
    assert "Only a completed action can be signed off" in response.text
    action.refresh_from_db()
    assert action.status == Status.IN_PROGRESS


def test_sign_off_page_queries(
    client, django_assert_num_queries, chief_officer, completed
):
    sign_in(client, chief_officer)
    # user with permissions, the action, extensions, count and page of updates
    # (the newest of them is what the owner reported), their evidence,
    # history, people in it: eight, however long the history (the page is the
    # action page's, with a form)
    with django_assert_num_queries(8):
        assert client.get(url(completed)).status_code == 200


def test_a_chief_officer_returns_a_completed_action_to_its_owner(
    client, chief_officer, completed
):
    sign_in(client, chief_officer)
    page = client.get(completed.get_absolute_url()).text
    returning = reverse("actions:return", args=[completed.pk])
    assert f'href="{returning}">Return to owner' in page
    form = client.get(returning)
    assert "Return the action to its owner" in form.text
    empty = client.post(returning, {"seen_version": completed.version})
    assert empty.status_code == 200 and "<title>Error:" in empty.text
    response = client.post(
        returning,
        {"reason": "The register is missing night shifts.",
         "seen_version": completed.version},
    )  # fmt: skip
    assert response.status_code == 302
    completed.refresh_from_db()
    assert completed.status == Status.IN_PROGRESS
    latest = completed.updates.order_by("-pk").first()
    assert (
        latest.narrative
        == "Returned to the owner: The register is missing night shifts."
    )
    assert latest.author == chief_officer
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said == [f"“{completed.title}” is returned to its owner, in progress."]


def test_an_owner_cannot_return_their_own_action(client, staff_officer, completed):
    sign_in(client, staff_officer)
    returning = reverse("actions:return", args=[completed.pk])
    assert client.get(returning).status_code == 403
    assert client.post(returning, {"reason": "x", "seen_version": 1}).status_code == 403
    assert "Return to owner" not in client.get(completed.get_absolute_url()).text
    completed.refresh_from_db()
    assert completed.status == Status.COMPLETED


def test_the_sign_off_page_shows_the_newest_report_on_any_page_of_history(
    client, chief_officer, staff_officer
):
    import datetime

    action = ActionFactory(
        owner=staff_officer, status=Status.COMPLETED, percent_complete=100
    )
    day = datetime.date(2024, 1, 1)
    for n in range(25):  # two pages of history
        ProgressUpdateFactory(
            action=action,
            status=Status.IN_PROGRESS if n < 24 else Status.COMPLETED,
            percent_complete=50 if n < 24 else 100,
            date=day + datetime.timedelta(days=n),
            narrative=f"Week {n}: done" if n == 24 else f"Week {n}",
        )
    sign_in(client, chief_officer)
    for page in ("", "?page=2"):
        response = client.get(url(action) + page)
        assert response.context["reported"].narrative == "Week 24: done", page
