"""Every change is attributable: history rows name who made them, and an action's
page reads them out as a timeline."""

import datetime

import pytest
from django.urls import reverse

from actions.choices import RAG, Status
from actions.models import Action, ProgressUpdate
from inspections.models import Finding, Force, GradedQuestion, Inspection
from tests.actions.test_admin_weekly_update import change_form_data
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    GradedQuestionFactory,
    ProgressUpdateFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", [Force, Inspection, GradedQuestion, Finding, Action, ProgressUpdate]
)
def test_every_domain_model_keeps_history(model):
    update = ProgressUpdateFactory()  # one of each, with all it hangs off
    GradedQuestionFactory(inspection=update.action.finding.inspection)
    obj = model.objects.get()
    obj.save()
    assert obj.history.count() == 2


def report_completed(client, action) -> None:
    """The owner's update, in the admin, that the work is done."""
    response = client.post(
        reverse("admin:actions_action_change", args=[action.pk]),
        change_form_data(
            action,
            date="2017-04-03",
            narrative="Finished.",
            status=Status.COMPLETED,
            rag=RAG.GREEN,
            percent_complete=100,
        ),
    )
    assert response.status_code == 302


def test_an_update_in_the_admin_is_recorded_against_its_author(client, staff_officer):
    action = ActionFactory(owner=staff_officer, percent_complete=20)
    sign_in(client, staff_officer)
    report_completed(client, action)
    latest = action.history.first()
    assert latest.history_user == staff_officer
    assert (latest.status, latest.percent_complete) == (Status.COMPLETED, 100)
    update = action.updates.get()
    assert update.history.get().history_user == staff_officer


def test_a_chief_officers_edit_in_the_admin_is_recorded_against_them(
    client, chief_officer
):
    action = ActionFactory(title="Old title")
    sign_in(client, chief_officer)
    data = change_form_data(action)
    data["title"] = "New title"
    data["updates-TOTAL_FORMS"] = 0
    assert (
        client.post(
            reverse("admin:actions_action_change", args=[action.pk]), data
        ).status_code
        == 302
    )
    latest = action.history.first()
    assert (latest.history_user, latest.title) == (chief_officer, "New title")


def test_action_page_shows_the_history_as_a_readable_timeline(client, staff_officer):
    staff_officer.first_name, staff_officer.last_name = "Sam", "Carter"
    staff_officer.save()
    action = ActionFactory(owner=staff_officer, status=Status.IN_PROGRESS)
    sign_in(client, staff_officer)
    report_completed(client, action)
    page = client.get(action.get_absolute_url()).text
    assert "<strong>Status:</strong> In progress → Completed" in page
    assert "<strong>Percent complete:</strong> 40% → 100%" in page
    assert "<strong>Protective marking:</strong>" not in page  # unchanged
    assert "by Sam Carter," in page
    assert "Action created" in page


def test_panel_members_read_progress_but_not_the_audit_trail(client, panel_member):
    action = ActionFactory()
    sign_in(client, panel_member)
    page = client.get(action.get_absolute_url()).text
    assert "Progress updates" in page
    assert "Action created" not in page


@pytest.mark.parametrize("updates", [1, 15])
def test_action_page_queries_do_not_grow_with_its_history(
    client, django_assert_num_queries, chief_officer, updates
):
    action = ActionFactory()
    for percent in range(updates):
        action.percent_complete = percent
        action.save()
    sign_in(client, chief_officer)
    # user with permissions and role; the action with its owner and lead;
    # extensions; the count of updates (none, so no page of them); history;
    # people named in it
    with django_assert_num_queries(6):
        client.get(action.get_absolute_url())


def test_a_long_history_is_read_a_page_at_a_time(client, chief_officer):
    action = ActionFactory()
    for day in range(25):
        ProgressUpdateFactory(
            action=action, date=datetime.date(2017, 1, 1) + datetime.timedelta(days=day)
        )
    for percent in range(25):
        action.percent_complete = percent
        action.save()
    sign_in(client, chief_officer)
    url = action.get_absolute_url()
    first = client.get(url)
    assert len(first.context["updates"]) == 20
    assert first.context["updates"][0].date == datetime.date(2017, 1, 25)  # newest
    assert "Updates 1 to 20 of 25, newest first." in first.text
    assert 'href="?page=2"' in first.text
    timeline = first.context["timeline"]
    assert len(timeline.entries) == 20 and timeline.more
    assert "Action created" not in first.text
    assert "The whole history of this action" in first.text
    second = client.get(url, {"page": 2})
    assert [u.date.day for u in second.context["updates"]] == [5, 4, 3, 2, 1]
    assert second.context["timeline"] is None  # the history is on the first page
    assert client.get(url, {"page": "999"}).context["page_obj"].number == 2
    assert client.get(url, {"page": "x'"}).context["page_obj"].number == 1
    whole = client.get(url, {"history": "all"})
    assert not whole.context["timeline"].more
    assert "Action created" in whole.text
