"""Evidence of effect: an action may need an outcome measure shown over a
demonstration period before it is signed off. The chief officer team sets the
measure and the period; the owner records what it showed; sign-off waits for
both, on the site and in the admin alike, and says why in plain words."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from actions.choices import RAG, Status
from actions.models import Action
from tests.actions.test_admin_weekly_update import change_form_data
from tests.conftest import sign_in
from tests.factories import ActionFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db
MEASURE = "At least 90% of 999 calls answered within 10 seconds, every week."


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def completed_action(owner, *, starts=-60, ends=-7, shown="") -> Action:
    action = ActionFactory(
        owner=owner,
        status=Status.COMPLETED,
        percent_complete=100,
        outcome_measure=MEASURE,
        demonstration_starts=days(starts),
        demonstration_ends=days(ends),
        outcome_shown=shown,
    )
    ProgressUpdateFactory(
        action=action, status=Status.COMPLETED, percent_complete=100, date=days(-8)
    )
    return Action.objects.get(pk=action.pk)


def sign_off(client, action):
    return client.post(
        reverse("actions:sign_off", args=[action.pk]),
        {"comment": "Checked.", "seen_version": action.version},
    )


def test_sign_off_waits_for_the_demonstration_period_to_end(
    client, chief_officer, staff_officer
):
    action = completed_action(staff_officer, starts=-30, ends=14)
    sign_in(client, chief_officer)
    page = client.get(action.get_absolute_url()).text
    assert "Not ready to sign off." in page
    assert f"to {days(14):%-d %B %Y}, and it can be signed off once" in page
    assert "Sign off<span" not in page and "Return to owner" in page
    assert MEASURE in page  # the evidence wanted, on the action's summary
    form = client.get(reverse("actions:sign_off", args=[action.pk]))
    assert form.status_code == 302
    notes = [str(m) for m in get_messages(form.wsgi_request)]
    assert any("demonstration period runs from" in note for note in notes)
    response = sign_off(client, action)
    assert "it can be signed off once the period has ended" in response.text
    action.refresh_from_db()
    assert action.status == Status.COMPLETED


def test_sign_off_waits_for_what_the_measure_showed(
    client, chief_officer, staff_officer
):
    action = completed_action(staff_officer)
    sign_in(client, chief_officer)
    response = sign_off(client, action)
    assert "its owner records what the measure showed" in response.text
    action.refresh_from_db()
    assert action.status == Status.COMPLETED
    # nor through the admin's weekly update
    admin = client.post(
        reverse("admin:actions_action_change", args=[action.pk]),
        change_form_data(
            action,
            date=days(0).isoformat(),
            narrative="Closing.",
            status=Status.CLOSED,
            rag=RAG.GREEN,
            percent_complete=100,
        )
        | {
            "outcome_measure": MEASURE,
            "demonstration_starts": action.demonstration_starts.isoformat(),
            "demonstration_ends": action.demonstration_ends.isoformat(),
        },
    )
    assert "its owner records what the measure showed" in admin.text
    action.refresh_from_db()
    assert action.status == Status.COMPLETED


def test_the_owner_records_the_outcome_and_the_chief_officer_signs_off(
    client, chief_officer, staff_officer
):
    action = completed_action(staff_officer)
    sign_in(client, staff_officer)
    data = change_form_data(action) | {
        "outcome_shown": "Six weeks at 91% to 94%.",
        "outcome_measure": "Anything, which the owner may not set",
        "updates-TOTAL_FORMS": 0,
    }
    response = client.post(
        reverse("admin:actions_action_change", args=[action.pk]), data
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.outcome_shown == "Six weeks at 91% to 94%."
    assert action.outcome_measure == MEASURE  # the chief officer team's to set
    client.logout()
    sign_in(client, chief_officer)
    assert "Sign off<span" in client.get(action.get_absolute_url()).text
    assert sign_off(client, action).status_code == 302
    action.refresh_from_db()
    assert action.status == Status.CLOSED
    assert "Six weeks at 91% to 94%." in client.get(action.get_absolute_url()).text


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"demonstration_starts": "", "demonstration_ends": ""},
            "demonstration_starts",
            "An outcome measure needs its demonstration period",
        ),
        (
            {"outcome_measure": ""},
            "outcome_measure",
            "Say what the measure is, or clear the demonstration period.",
        ),
        (
            {"demonstration_ends": "2020-01-01"},
            "demonstration_ends",
            "The demonstration period cannot end before it starts.",
        ),
    ],
)
def test_the_chief_officer_sets_a_measure_with_a_whole_period(
    client, chief_officer, staff_officer, changes, field, message
):
    action = ActionFactory(owner=staff_officer, status=Status.IN_PROGRESS)
    sign_in(client, chief_officer)
    url = reverse("admin:actions_action_change", args=[action.pk])
    whole = {
        "outcome_measure": MEASURE,
        "demonstration_starts": days(10).isoformat(),
        "demonstration_ends": days(70).isoformat(),
        "updates-TOTAL_FORMS": 0,
    }
    response = client.post(url, change_form_data(action) | whole | changes)
    assert response.status_code == 200
    assert message in response.text
    assert response.context["adminform"].form.errors[field]
    good = client.post(url, change_form_data(action) | whole)
    assert good.status_code == 302
    action.refresh_from_db()
    assert (action.outcome_measure, action.demonstration_ends) == (MEASURE, days(70))
