"""Due dates: RAG by rule, overdue and due-soon lists, and extensions."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse

from actions.choices import RAG, Status
from actions.models import Action
from actions.rag import rag_by_rule
from tests.conftest import sign_in
from tests.factories import ActionFactory, DueDateExtensionFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2017, 6, 1)
D = datetime.timedelta


@pytest.mark.parametrize(
    ("percent", "due", "expected"),
    [
        (99, TODAY - D(days=1), RAG.RED),  # overdue, unfinished
        (100, TODAY - D(days=1), RAG.GREEN),  # overdue, but done
        (0, TODAY, RAG.AMBER),  # due today is not yet overdue
        (74, TODAY + D(days=30), RAG.AMBER),  # within 30 days, under 75%
        (75, TODAY + D(days=30), RAG.GREEN),  # 75% is enough
        (74, TODAY + D(days=31), RAG.GREEN),  # more than 30 days away
    ],
)
def test_rag_by_rule_at_its_boundaries(percent, due, expected):
    assert rag_by_rule(percent_complete=percent, due_date=due, today=TODAY) == expected


@override_settings(RAG_AMBER_DAYS=10, RAG_AMBER_BELOW_PERCENT=50)
def test_rag_thresholds_are_settings():
    due = TODAY + D(days=20)
    assert rag_by_rule(percent_complete=40, due_date=due, today=TODAY) == RAG.GREEN
    due = TODAY + D(days=10)
    assert rag_by_rule(percent_complete=40, due_date=due, today=TODAY) == RAG.AMBER


def test_rule_rag_is_shown_beside_the_owners_when_they_differ(client, panel_member):
    late = ActionFactory(rag=RAG.GREEN, percent_complete=10)  # due in 2017
    agreed = ActionFactory(rag=RAG.RED, percent_complete=10)
    sign_in(client, panel_member)
    assert "by rule" in client.get(late.get_absolute_url()).text
    assert "by rule" not in client.get(agreed.get_absolute_url()).text


def test_due_within_counts_today_and_the_last_day_and_skips_finished():
    inside = [
        ActionFactory(due_date=TODAY),
        ActionFactory(due_date=TODAY + D(days=7)),
    ]
    ActionFactory(due_date=TODAY + D(days=8))
    ActionFactory(due_date=TODAY - D(days=1))
    ActionFactory(due_date=TODAY, status=Status.COMPLETED, percent_complete=100)
    assert set(Action.objects.due_within(7, today=TODAY)) == set(inside)


def request_extension(
    client, action, new_date="2018-03-31", reason="Cohorts cancelled."
):
    return client.post(
        reverse("actions:extension_request", args=[action.pk]),
        {"new_due_date": new_date, "reason": reason},
    )


def decide(client, extension, decision, note=""):
    return client.post(
        reverse("actions:extension_decision", args=[extension.pk]),
        {"decision": decision, "note": note},
    )


def test_owner_asks_chief_officer_approves_and_both_dates_show(
    client, staff_officer, chief_officer
):
    action = ActionFactory(owner=staff_officer)
    sign_in(client, staff_officer)
    assert request_extension(client, action).status_code == 302
    extension = action.extensions.get()
    assert extension.is_pending
    assert decide(client, extension, "approve").status_code == 403

    sign_in(client, chief_officer)
    page = client.get(action.get_absolute_url()).text
    assert "Decide on the new due date of 31 March 2018" in page
    decide(client, extension, "approve", note="Agreed at COT.")
    action.refresh_from_db()
    assert action.due_date == datetime.date(2018, 3, 31)
    assert action.original_due_date == datetime.date(2017, 9, 30)
    page = client.get(action.get_absolute_url()).text
    assert "31 March 2018" in page
    assert "Extended: originally due 30 September 2017" in page
    assert "Agreed at COT." in page


def test_a_refused_extension_leaves_the_due_date(client, chief_officer):
    extension = DueDateExtensionFactory()
    sign_in(client, chief_officer)
    decide(client, extension, "refuse", note="Not agreed.")
    extension.refresh_from_db()
    assert extension.decision == "refused"
    extension.action.refresh_from_db()
    assert extension.action.due_date == extension.current_due_date
    response = decide(client, extension, "approve")
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages[-1] == "This request was already refused."


@pytest.mark.parametrize(
    ("new_date", "message"),
    [
        (
            "2017-09-30",
            "Ask for a date after the current due date (30 September 2017).",
        ),
        (
            "2017-01-01",
            "Ask for a date after the current due date (30 September 2017).",
        ),
    ],
)
def test_an_extension_must_move_the_date_later(
    client, staff_officer, new_date, message
):
    action = ActionFactory(owner=staff_officer)
    sign_in(client, staff_officer)
    response = request_extension(client, action, new_date=new_date)
    assert response.status_code == 200
    assert "<title>Error: " in response.text
    assert "There is a problem" in response.text and message in response.text
    assert '<details class="app-details" open>' in response.text
    assert not action.extensions.exists()


def test_one_request_at_a_time(client, staff_officer):
    action = ActionFactory(owner=staff_officer)
    sign_in(client, staff_officer)
    request_extension(client, action)
    response = request_extension(client, action, new_date="2018-06-30")
    assert response.status_code == 200
    assert action.extensions.count() == 1


def test_only_the_owner_or_a_delegate_may_ask(client, other_staff_officer):
    action = ActionFactory()
    sign_in(client, other_staff_officer)
    assert request_extension(client, action).status_code == 403
    action.delegates.add(other_staff_officer)
    assert request_extension(client, action).status_code == 302
