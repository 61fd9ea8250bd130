"""Due dates: RAG by rule, overdue and due-soon lists, and extensions."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse

from actions.choices import RAG, Status
from actions.models import Action
from actions.rag import by_rule, rag_by_rule
from tests.conftest import sign_in
from tests.factories import ActionFactory, DueDateExtensionFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2017, 6, 1)
D = datetime.timedelta


@pytest.mark.parametrize(
    ("status", "percent", "due", "expected"),
    [
        (Status.IN_PROGRESS, 99, TODAY - D(days=1), RAG.RED),  # overdue
        (Status.IN_PROGRESS, 100, TODAY - D(days=1), RAG.RED),  # 100% but not done
        (Status.COMPLETED, 100, TODAY - D(days=1), RAG.GREEN),  # done, to sign off
        (Status.CLOSED, 100, TODAY - D(days=1), RAG.GREEN),
        (Status.BLOCKED, 0, TODAY, RAG.AMBER),  # due today is not yet overdue
        (Status.NOT_STARTED, 74, TODAY + D(days=30), RAG.AMBER),  # soon, under 75%
        (Status.IN_PROGRESS, 75, TODAY + D(days=30), RAG.GREEN),  # 75% is enough
        (Status.IN_PROGRESS, 74, TODAY + D(days=31), RAG.GREEN),  # not soon
    ],
)
def test_rag_by_rule_at_its_boundaries(status, percent, due, expected):
    rag = rag_by_rule(
        status=status, percent_complete=percent, due_date=due, today=TODAY
    )
    assert rag == expected
    # the filter the tracker and the dashboard use agrees with the predicate
    action = ActionFactory(status=status, percent_complete=percent, due_date=due)
    for each in RAG:
        matches = Action.objects.filter(pk=action.pk).filter(by_rule(each, TODAY))
        assert matches.exists() == (each == expected), each


@override_settings(RAG_AMBER_DAYS=10, RAG_AMBER_BELOW_PERCENT=50)
def test_rag_thresholds_are_settings():
    due, rule = TODAY + D(days=20), Status.IN_PROGRESS
    assert rag_by_rule(status=rule, percent_complete=40, due_date=due, today=TODAY) == (
        RAG.GREEN
    )
    due = TODAY + D(days=10)
    assert rag_by_rule(status=rule, percent_complete=40, due_date=due, today=TODAY) == (
        RAG.AMBER
    )


def test_red_by_rule_is_overdue_on_the_dashboard_tracker_and_my_actions(
    client, chief_officer
):
    """Owners say green or amber about late actions; every count and list
    goes by the rule, with the owner's own RAG beside it."""
    late = datetime.date(2017, 1, 1)
    for rag in (RAG.GREEN, RAG.AMBER, RAG.GREEN, RAG.RED):
        ActionFactory(due_date=late, rag=rag, owner=chief_officer)
    ActionFactory(rag=RAG.RED, due_date=datetime.date(2099, 1, 1), percent_complete=90)
    sign_in(client, chief_officer)
    figures = client.get("/dashboard/").context["figures"]
    assert figures["overdue"] == figures["rule_red"] == 4
    assert (figures["rule_amber"], figures["rule_green"]) == (0, 1)
    assert (figures["rag_red"], figures["rag_green"]) == (2, 2)  # the owners'
    tracker = client.get("/actions/", {"rag": "red"})
    assert tracker.context["paginator"].count == 4
    assert (
        client.get("/actions/", {"owners_rag": "red"}).context["paginator"].count == 2
    )
    text = tracker.text
    assert text.count("app-tag--rag-red") == 4
    assert text.count('<span class="app-hint">owner: Green</span>') == 2
    mine = client.get("/actions/mine/").text
    assert mine.count("app-tag--rag-red") == 4


def test_rule_rag_is_shown_beside_the_owners_when_they_differ(client, panel_member):
    late = ActionFactory(rag=RAG.GREEN, percent_complete=10)  # due in 2017
    agreed = ActionFactory(rag=RAG.RED, percent_complete=10)
    sign_in(client, panel_member)
    page = client.get(late.get_absolute_url()).text
    assert "by rule: red when overdue" in page
    assert "the owner's own assessment" in page
    assert (
        "the owner's own assessment" not in client.get(agreed.get_absolute_url()).text
    )


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
