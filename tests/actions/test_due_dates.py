"""Due dates: RAG by rule, overdue and due-soon lists, and extensions."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

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


def long(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + D(days=days)


def request_extension(client, action, new_date=None, reason="Cohorts cancelled."):
    """Asks for 60 days after the current due date, unless told otherwise."""
    new_date = new_date or (action.due_date + D(days=60)).isoformat()
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
    due, later = in_days(30), in_days(90)
    action = ActionFactory(owner=staff_officer, due_date=due)
    sign_in(client, staff_officer)
    assert request_extension(client, action, later.isoformat()).status_code == 302
    extension = action.extensions.get()
    assert extension.is_pending
    assert decide(client, extension, "approve").status_code == 403

    sign_in(client, chief_officer)
    page = client.get(action.get_absolute_url()).text
    assert f"Decide on the new due date of {long(later)}" in page
    decide(client, extension, "approve", note="Agreed at COT.")
    action.refresh_from_db()
    assert action.due_date == later
    assert action.original_due_date == due
    page = client.get(action.get_absolute_url()).text
    assert long(later) in page
    assert f"Extended: originally due {long(due)}" in page
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
    ("due_in", "asked_in", "refused"),
    [
        (30, 30, "after the current due date"),  # the same date
        (30, 29, "after the current due date"),
        (30, -400, "after the current due date"),
        (0, 0, "after the current due date"),  # due today: tomorrow at the soonest
        (-90, -30, "after today"),  # overdue: later than it was, but passed
        (-90, 0, "after today"),
        (-90, 1, None),  # overdue: tomorrow will do
        (30, 31, None),
    ],
)
def test_an_extension_asks_for_a_date_after_the_due_date_and_after_today(
    client, staff_officer, due_in, asked_in, refused
):
    action = ActionFactory(owner=staff_officer, due_date=in_days(due_in))
    sign_in(client, staff_officer)
    asked = in_days(asked_in).isoformat()
    response = request_extension(client, action, new_date=asked)
    if refused is None:
        assert response.status_code == 302
        assert action.extensions.get().new_due_date == in_days(asked_in)
        return
    assert response.status_code == 200
    message = (
        f"Ask for a date after the current due date ({long(action.due_date)})."
        if refused == "after the current due date"
        else f"Ask for a date after today ({long(timezone.localdate())}): "
        f"the action was due on {long(action.due_date)}."
    )
    assert "<title>Error: " in response.text
    assert "There is a problem" in response.text and message in response.text
    assert '<details class="app-details" open>' in response.text
    assert f'value="{asked}"' in response.text  # what was typed is kept
    assert "Cohorts cancelled." in response.text
    assert not action.extensions.exists()


@pytest.mark.parametrize(("due_in", "earliest_in"), [(30, 31), (0, 1), (-90, 1)])
def test_the_date_picker_starts_at_the_earliest_date_allowed(
    client, staff_officer, due_in, earliest_in
):
    action = ActionFactory(owner=staff_officer, due_date=in_days(due_in))
    sign_in(client, staff_officer)
    page = client.get(action.get_absolute_url()).text
    assert f'min="{in_days(earliest_in).isoformat()}"' in page
    # and on the page that says what was wrong with a refused request
    page = request_extension(client, action, new_date="2001-01-01").text
    assert f'min="{in_days(earliest_in).isoformat()}"' in page


def test_one_request_at_a_time(client, staff_officer):
    action = ActionFactory(owner=staff_officer, due_date=in_days(30))
    sign_in(client, staff_officer)
    request_extension(client, action)
    response = request_extension(client, action, new_date=in_days(120).isoformat())
    assert response.status_code == 200
    assert action.extensions.count() == 1


def test_only_the_owner_or_a_delegate_may_ask(client, other_staff_officer):
    action = ActionFactory(due_date=in_days(30))
    sign_in(client, other_staff_officer)
    assert request_extension(client, action).status_code == 403
    action.delegates.add(other_staff_officer)
    assert request_extension(client, action).status_code == 302


def test_a_request_whose_date_has_passed_can_only_be_refused(client, chief_officer):
    """Asked for in time, but not decided until the date had gone: approving
    it would leave the action overdue at once, so the decision form offers
    only a refusal and the service refuses an approval on every path."""
    action = ActionFactory(due_date=in_days(-90))
    extension = DueDateExtensionFactory(action=action, new_due_date=in_days(-1))
    sign_in(client, chief_officer)
    page = client.get(action.get_absolute_url()).text
    assert "The date asked for has passed, so it cannot be approved" in page
    assert 'value="approve"' not in page
    assert "Date passed" in client.get(reverse("governance:dashboard")).text

    response = decide(client, extension, "approve")  # a form from before
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    extension.refresh_from_db()
    assert extension.is_pending

    admin = reverse("admin:actions_duedateextension_changelist")
    chosen = {"action": "approve", "_selected_action": [extension.pk]}
    listed = client.post(admin, chosen, follow=True)
    messages = [str(m) for m in listed.context["messages"]]
    assert any("has passed: approving it would leave" in m for m in messages)
    extension.refresh_from_db()
    action.refresh_from_db()
    assert extension.is_pending and action.due_date == in_days(-90)

    decide(client, extension, "refuse", note="Ask again with a date to come.")
    extension.refresh_from_db()
    assert extension.decision == "refused"


def test_a_request_due_tomorrow_may_still_be_approved(client, chief_officer):
    action = ActionFactory(due_date=in_days(-90))
    extension = DueDateExtensionFactory(action=action, new_due_date=in_days(1))
    sign_in(client, chief_officer)
    assert 'value="approve"' in client.get(action.get_absolute_url()).text
    decide(client, extension, "approve")
    action.refresh_from_db()
    assert action.due_date == in_days(1)
