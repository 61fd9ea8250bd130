"""Who may change an action, record progress on it and sign it off, in the admin
and by a crafted request alike."""

import datetime

import pytest
from django.urls import reverse

from actions.choices import RAG, Status
from actions.models import Action
from tests.actions.test_admin_weekly_update import change_form_data
from tests.conftest import sign_in
from tests.factories import ActionFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def others_action(other_staff_officer):
    action = ActionFactory(owner=other_staff_officer, percent_complete=20)
    ProgressUpdateFactory(action=action)
    return action


def weekly_update(**changes):
    return {
        "date": "2017-04-21",
        "narrative": "Done.",
        "status": Status.IN_PROGRESS,
        "rag": RAG.GREEN,
        "percent_complete": 50,
        **changes,
    }


def test_staff_officer_sees_anothers_action_read_only_in_the_admin(
    client, staff_officer, others_action
):
    sign_in(client, staff_officer)
    url = reverse("admin:actions_action_change", args=[others_action.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.text
    assert "Add a progress update" not in page.text


def test_staff_officer_cannot_change_anothers_action_by_a_crafted_post(
    client, staff_officer, others_action
):
    sign_in(client, staff_officer)
    url = reverse("admin:actions_action_change", args=[others_action.pk])
    data = change_form_data(others_action, **weekly_update())
    data["title"] = "Hijacked"
    assert client.post(url, data).status_code == 403
    others_action.refresh_from_db()
    assert others_action.title != "Hijacked"
    assert others_action.updates.count() == 1


def test_staff_officer_cannot_add_progress_to_anothers_action_directly(
    client, staff_officer, others_action
):
    sign_in(client, staff_officer)
    response = client.post(
        reverse("admin:actions_progressupdate_add"),
        {"action": others_action.pk, **weekly_update(), "marking": "official"},
    )
    assert response.status_code == 200
    assert "You can only update actions you own" in response.text
    assert others_action.updates.count() == 1


def test_a_named_delegate_may_update_the_action(client, staff_officer, others_action):
    others_action.delegates.add(staff_officer)
    sign_in(client, staff_officer)
    url = reverse("admin:actions_action_change", args=[others_action.pk])
    response = client.post(url, change_form_data(others_action, **weekly_update()))
    assert response.status_code == 302
    assert others_action.updates.count() == 2


def test_owner_cannot_reassign_or_move_the_due_date(client, staff_officer):
    action = ActionFactory(owner=staff_officer)
    sign_in(client, staff_officer)
    url = reverse("admin:actions_action_change", args=[action.pk])
    data = change_form_data(action, **weekly_update())
    data.update(owner=action.lead_id, due_date="2030-01-01", description="Clearer.")
    assert client.post(url, data).status_code == 302
    action.refresh_from_db()
    assert action.owner == staff_officer
    assert action.due_date == datetime.date(2017, 9, 30)
    assert action.description == "Clearer."


def test_staff_officer_cannot_close_their_own_action(client, staff_officer):
    action = ActionFactory(
        owner=staff_officer, status=Status.COMPLETED, percent_complete=100
    )
    sign_in(client, staff_officer)
    url = reverse("admin:actions_action_change", args=[action.pk])
    response = client.post(
        url,
        change_form_data(
            action, **weekly_update(status=Status.CLOSED, percent_complete=100)
        ),
    )
    assert response.status_code == 200
    assert "Only a chief officer can sign off (close) an action." in response.text
    action.refresh_from_db()
    assert action.status == Status.COMPLETED


def test_chief_officer_signs_off_any_action(client, chief_officer, others_action):
    others_action.status, others_action.percent_complete = Status.COMPLETED, 100
    others_action.save()
    sign_in(client, chief_officer)
    url = reverse("admin:actions_action_change", args=[others_action.pk])
    response = client.post(
        url,
        change_form_data(
            others_action,
            **weekly_update(status=Status.CLOSED, percent_complete=100),
        ),
    )
    assert response.status_code == 302
    others_action.refresh_from_db()
    assert others_action.status == Status.CLOSED


def test_commissioners_office_reads_actions_but_cannot_change_them(
    client, commissioners_office, others_action
):
    sign_in(client, commissioners_office)
    url = reverse("admin:actions_action_change", args=[others_action.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, change_form_data(others_action, **weekly_update()))
    assert response.status_code == 403
    assert Action.objects.get().updates.count() == 1


def test_action_page_offers_recording_progress_only_to_who_may(
    client, staff_officer, other_staff_officer, others_action
):
    sign_in(client, other_staff_officer)
    assert "Record progress" in client.get(others_action.get_absolute_url()).text
    sign_in(client, staff_officer)
    assert "Record progress" not in client.get(others_action.get_absolute_url()).text


def test_nobody_rewrites_an_action_through_its_history_page(
    client, staff_officer, others_action
):
    """django-simple-history's page for a past version would save a valid form."""
    sign_in(client, staff_officer)
    record = others_action.history.first()
    url = reverse(
        "admin:actions_action_simple_history", args=[others_action.pk, record.pk]
    )
    assert client.get(url).status_code == 200
    data = change_form_data(others_action)
    data["title"] = "Rewritten through the history"
    assert client.post(url, data).status_code == 403
    others_action.refresh_from_db()
    assert others_action.title != "Rewritten through the history"
