"""The fields kept so that pages read them from one row, checked against what
they summarise: an action's latest update and closing date against its
updates; each force's kept dashboard figures against a count of its data."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.roles import Role
from actions.choices import RAG, Status
from actions.models import Action
from actions.services import action_edit, progress_update_record
from governance.figures import figures_of, kept_figures
from governance.models import FiguresTotal, ForceFigures
from inspections.models import Finding
from tests.factories import (
    ActionFactory,
    FindingFactory,
    InspectionFactory,
    user_in_role,
)

pytestmark = pytest.mark.django_db
D = datetime.timedelta
# moves an owner and a chief officer may make between them
MOVES = [Status.IN_PROGRESS, Status.BLOCKED, Status.COMPLETED, Status.CLOSED]


def truth(action: Action) -> tuple:
    """What the kept fields should say, from the updates themselves."""
    updates = list(action.updates.order_by("date", "pk"))
    latest = max(updates, key=lambda u: (u.date, u.pk), default=None)
    closed_on = None
    if action.status == Status.CLOSED:
        closing = [u for u in updates if u.status == Status.CLOSED]
        closed_on = closing[-1].date if closing else None
    return (latest.pk if latest else None, latest.date if latest else None, closed_on)


def kept(action: Action) -> tuple:
    action.refresh_from_db()
    return (action.latest_update_id, action.last_update_on, action.closed_on)


def record(action, who, status, days_ago):
    percent = 100 if status in (Status.COMPLETED, Status.CLOSED) else 50
    who.identity_confirmed = True  # as SessionLimitsMiddleware notes it for a request
    return progress_update_record(
        action=action,
        author=who,
        narrative=f"Moved to {status}.",
        status=status,
        rag=RAG.GREEN,
        percent_complete=percent,
        date=timezone.localdate() - D(days=days_ago),
    )


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(moves=st.lists(st.tuples(st.sampled_from(MOVES), st.integers(0, 60)),
                      min_size=1, max_size=8))  # fmt: skip
def test_the_kept_fields_say_what_the_updates_say(moves):
    owner = user_in_role(Role.STAFF_OFFICER)
    chief = user_in_role(Role.CHIEF_OFFICER)
    action = ActionFactory(owner=owner, lead=chief)
    for status, days_ago in moves:
        current = Action.objects.get(pk=action.pk)
        who = (
            chief
            if status == Status.CLOSED or current.status == Status.CLOSED
            else owner
        )
        try:
            record(current, who, status, days_ago)
        except Exception:  # a move the state machine refuses changes nothing
            pass
        assert kept(action) == truth(action)
    assert figures_of_force(action) == kept_of_force(action)


def figures_of_force(action: Action):
    force = action.finding.inspection.force_id
    return figures_of(
        Action.objects.filter(finding__inspection__force=force),
        Finding.objects.filter(inspection__force=force),
        choices=True,
    )


def kept_of_force(action: Action):
    return kept_figures(action.finding.inspection.force_id)


def test_kept_figures_follow_every_kind_of_write(chief_officer):
    """Creating, editing, moving and deleting actions, findings and
    inspections, in two forces: each force's kept figures are its count."""
    north, south = InspectionFactory(), InspectionFactory()
    finding = FindingFactory(inspection=north, theme="Victims")
    action = ActionFactory(finding=finding, lead=chief_officer)
    other = ActionFactory(finding=FindingFactory(inspection=south))
    assert figures_of_force(action) == kept_of_force(action)
    record(Action.objects.get(pk=action.pk), chief_officer, Status.COMPLETED, 1)
    record(Action.objects.get(pk=action.pk), chief_officer, Status.CLOSED, 0)
    assert kept_of_force(action).headline()["closed"] == 1
    finding.theme = "Crime"
    finding.save()
    assert "Crime" in kept_of_force(action).themes
    # an action moved to the other force's finding leaves this force's figures
    moved = Action.objects.get(pk=other.pk)
    moved.finding = finding
    action_edit(action=moved, user=chief_officer, changed={"finding"})
    for which in (action, other):
        which.refresh_from_db()
        assert figures_of_force(which) == kept_of_force(which)
    assert kept_figures(south.force_id).total_actions == 0
    Action.objects.get(pk=other.pk).delete()
    assert kept_of_force(action).total_actions == 1
    every = kept_figures(None)
    assert every == figures_of(
        Action.objects.all(), Finding.objects.all(), choices=True
    )
    assert ForceFigures.objects.count() == 2


def test_the_total_of_every_force_is_counted_after_each_commit(
    chief_officer, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        action = ActionFactory(lead=chief_officer)
        record(Action.objects.get(pk=action.pk), chief_officer, Status.COMPLETED, 1)
        ActionFactory(finding=FindingFactory())  # another force, same commit
    assert len(callbacks) == 1  # one total count, however many forces
    with django_assert_num_queries(1):
        every = kept_figures(None)
    assert every == figures_of(
        Action.objects.all(), Finding.objects.all(), choices=True
    )
    assert every.headline()["completed"] == 1


def test_a_total_left_behind_is_counted_again_when_read(chief_officer):
    """A writer whose count of the total failed after its commit (or a test,
    whose commits never happen) leaves it behind its forces' figures."""
    action = ActionFactory(lead=chief_officer)
    stale = kept_figures(None)
    record(Action.objects.get(pk=action.pk), chief_officer, Status.COMPLETED, 1)
    assert FiguresTotal.objects.get().data == stale.as_json()  # not yet counted
    every = kept_figures(None)
    assert every.headline()["completed"] == 1
    assert every == figures_of(
        Action.objects.all(), Finding.objects.all(), choices=True
    )


def test_deleting_an_update_in_the_admin_leaves_the_newest_one_kept(admin_client):
    owner = user_in_role(Role.STAFF_OFFICER)
    action = ActionFactory(owner=owner)
    first = record(Action.objects.get(pk=action.pk), owner, Status.IN_PROGRESS, 3)
    last = record(Action.objects.get(pk=action.pk), owner, Status.BLOCKED, 1)
    assert kept(action)[0] == last.pk
    response = admin_client.post(
        f"/admin/actions/progressupdate/{last.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert kept(action) == (first.pk, first.date, None) == truth(action)
