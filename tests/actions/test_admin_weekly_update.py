"""A staff officer's weekly update, done in the admin alone."""

import datetime

import pytest
from django.urls import reverse

from actions.choices import RAG, Status
from actions.models import Action, ProgressUpdate
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    ProgressUpdateFactory,
    StrengthFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(staff_officer):
    action = ActionFactory(owner=staff_officer, percent_complete=20)
    ProgressUpdateFactory(action=action, date=datetime.date(2017, 4, 7))
    return action


def change_form_data(action, **update):
    """What the action's admin page posts: the action unchanged, this week's update
    in the form at the top ("updates") and past updates listed, untouched, below
    ("updates-2")."""
    existing = list(action.updates.all())
    data = {
        "finding": action.finding_id,
        "title": action.title,
        "description": action.description,
        "owner": action.owner_id,
        "lead": action.lead_id,
        "due_date": action.due_date.isoformat(),
        "marking": action.marking,
        "seen_version": action.version,
        "updates-TOTAL_FORMS": 1,
        "updates-INITIAL_FORMS": 0,
        "updates-2-TOTAL_FORMS": len(existing),
        "updates-2-INITIAL_FORMS": len(existing),
    }
    for index, past in enumerate(existing):
        data[f"updates-2-{index}-id"] = past.pk
        data[f"updates-2-{index}-action"] = action.pk
    data["updates-0-action"] = action.pk
    data["updates-0-marking"] = "official"
    for field, value in update.items():
        data[f"updates-0-{field}"] = value
    return data


def test_staff_officer_records_a_weekly_update_in_the_admin(
    client, staff_officer, action
):
    sign_in(client, staff_officer)
    url = reverse("admin:actions_action_change", args=[action.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b"change only through a progress update" in page.content
    assert page.context["inline_admin_formsets"][0].formset.forms[0].initial == {
        "status": Status.IN_PROGRESS,
        "rag": RAG.GREEN,
        "percent_complete": 20,
        "marking": "official",  # where the action stands, marking included
    }

    response = client.post(
        url,
        change_form_data(
            action,
            date="2017-04-14",
            narrative="First cohort trained.",
            status=Status.IN_PROGRESS,
            rag=RAG.AMBER,
            percent_complete=55,
        ),
    )

    assert response.status_code == 302
    update = action.updates.get(date=datetime.date(2017, 4, 14))
    assert update.author == staff_officer
    assert update.narrative == "First cohort trained."
    action.refresh_from_db()
    assert (action.status, action.rag, action.percent_complete) == (
        Status.IN_PROGRESS,
        RAG.AMBER,
        55,
    )


def test_unchanged_blank_update_form_adds_nothing(admin_client, action):
    url = reverse("admin:actions_action_change", args=[action.pk])
    initial = {
        "status": action.status,
        "rag": action.rag,
        "percent_complete": action.percent_complete,
    }
    response = admin_client.post(url, change_form_data(action, **initial))
    assert response.status_code == 302
    assert action.updates.count() == 1


def test_an_update_dated_before_the_latest_is_refused(admin_client, action):
    url = reverse("admin:actions_action_change", args=[action.pk])
    response = admin_client.post(
        url,
        change_form_data(
            action,
            date="2017-03-31",
            narrative="Late entry for March.",
            status=Status.IN_PROGRESS,
            rag=RAG.RED,
            percent_complete=5,
        ),
    )
    assert response.status_code == 200
    assert "cannot be dated before the latest one (7 April 2017)" in response.text
    assert action.updates.count() == 1
    action.refresh_from_db()
    assert (action.rag, action.percent_complete) == (RAG.GREEN, 20)


def test_invalid_update_is_explained_and_nothing_is_written(admin_client, action):
    url = reverse("admin:actions_action_change", args=[action.pk])
    response = admin_client.post(
        url,
        change_form_data(
            action,
            date="2017-04-14",
            narrative="Done, nearly.",
            status=Status.COMPLETED,
            rag=RAG.GREEN,
            percent_complete=60,
        ),
    )
    assert response.status_code == 200
    assert "A completed or closed action is 100% complete." in response.text
    assert action.updates.count() == 1
    action.refresh_from_db()
    assert action.percent_complete == 20


def test_past_updates_are_read_only_in_the_admin(admin_client, action):
    past = action.updates.get()
    response = admin_client.get(
        reverse("admin:actions_progressupdate_change", args=[past.pk])
    )
    assert response.status_code == 200
    assert b'name="narrative"' not in response.content
    response = admin_client.post(
        reverse("admin:actions_progressupdate_change", args=[past.pk]),
        {"narrative": "Rewritten"},
    )
    assert response.status_code == 403
    past.refresh_from_db()
    assert past.narrative == "Work is under way."


def test_progress_update_added_on_its_own_page_moves_the_action(
    client, staff_officer, action
):
    sign_in(client, staff_officer)
    response = client.post(
        reverse("admin:actions_progressupdate_add"),
        {
            "action": action.pk,
            "date": "2017-05-05",
            "narrative": "All done.",
            "status": Status.COMPLETED,
            "rag": RAG.GREEN,
            "percent_complete": 100,
            "marking": "official",
        },
    )
    assert response.status_code == 302
    assert ProgressUpdate.objects.filter(action=action).count() == 2
    action.refresh_from_db()
    assert action.status == Status.COMPLETED


def test_admin_refuses_an_action_for_a_strength(admin_client):
    strength = StrengthFactory()
    owner = UserFactory()
    response = admin_client.post(
        reverse("admin:actions_action_add"),
        {
            "finding": strength.pk,
            "title": "Celebrate",
            "owner": owner.pk,
            "lead": owner.pk,
            "due_date": "2017-06-30",
            "status": Status.NOT_STARTED,
            "rag": RAG.GREEN,
            "percent_complete": 0,
            "marking": "official",
            "updates-TOTAL_FORMS": 0,
            "updates-INITIAL_FORMS": 0,
            "updates-2-TOTAL_FORMS": 0,
            "updates-2-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Action.objects.exists()


def test_action_page_lists_past_updates_newest_first_with_their_authors(
    admin_client, action
):
    ProgressUpdateFactory(
        action=action, date=datetime.date(2017, 5, 5), narrative="Second cohort."
    )
    response = admin_client.get(
        reverse("admin:actions_action_change", args=[action.pk])
    )
    html = response.text
    assert html.index("Second cohort.") < html.index("Work is under way.")
    assert str(action.owner) in html
