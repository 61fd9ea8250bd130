"""Panel members read the Police and Crime Panel's meetings and their
snapshots, as far as their panel's rights reach, and see on an inspection's
page what changed in its plan since the last Panel."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from accounts.roles import Role
from actions.choices import Status
from actions.models import Action
from demo.areas import commissioners_area, force_named
from governance.models import Meeting, MeetingType
from inspections.choices import Marking
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    FindingFactory,
    InspectionFactory,
    ProgressUpdateFactory,
    area_for_tests,
    user_in_role,
)

pytestmark = pytest.mark.django_db


def meeting(force, kind: str, days_ago: int, notes: str = "") -> Meeting:
    return Meeting.objects.create(
        force=force,
        meeting_type=MeetingType.objects.get(name=kind),
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        attendees="Chair of the Panel",
        notes=notes,
    )


@pytest.fixture
def meetings(db):
    inspection = InspectionFactory(
        publication_date=timezone.localdate() - datetime.timedelta(days=60)
    )
    force = inspection.force
    area_for_tests()  # the tests' area first: a force made later joins no office
    eastshire = force_named("Eastshire Police", "eastshire")
    commissioners_area(eastshire)
    return {
        "inspection": inspection,
        "panel": meeting(force, "Police and Crime Panel", 5, "PANEL-NOTES"),
        "chiefs": meeting(force, "Chief Officer Team", 4, "CHIEFS-NOTES"),
        "east": meeting(eastshire, "Police and Crime Panel", 5, "EAST-NOTES"),
    }


def test_a_panel_member_reads_the_panels_meetings_and_no_others(meetings, client):
    sign_in(client, user_in_role(Role.PANEL_MEMBER))
    page = client.get("/meetings/").content.decode()
    assert "Panel meetings" in page  # in the header's navigation
    assert len(re.findall(r'href="/meetings/\d+/"', page)) == 1
    snapshot = client.get(meetings["panel"].get_absolute_url())
    assert snapshot.status_code == 200
    assert "PANEL-NOTES" in snapshot.content.decode()
    assert 'href="/dashboard/"' not in snapshot.content.decode()
    for other in ("chiefs", "east"):
        assert client.get(meetings[other].get_absolute_url()).status_code == 404
    csv = client.get(f"/meetings/{meetings['panel'].pk}/snapshot.csv")
    assert csv.status_code == 200


def test_chief_officers_still_read_every_meeting_of_their_force(meetings, client):
    sign_in(client, user_in_role(Role.CHIEF_OFFICER))
    page = client.get("/meetings/").content.decode()
    assert len(re.findall(r'href="/meetings/\d+/"', page)) == 2
    assert "Panel meetings" not in page  # they have the dashboard instead


def test_a_staff_officer_is_still_refused_the_meetings(meetings, client):
    sign_in(client, user_in_role(Role.STAFF_OFFICER))
    response = client.get("/meetings/")
    assert response.status_code == 403
    assert "its members" in response.content.decode()


def backdate(action: Action, days: int) -> None:
    Action.history.filter(id=action.pk).update(
        history_date=timezone.now() - datetime.timedelta(days=days)
    )


def test_the_inspection_page_says_what_changed_since_the_last_panel(meetings, client):
    inspection = meetings["inspection"]
    finding = FindingFactory(inspection=inspection)
    today = timezone.localdate()
    kept = ActionFactory(finding=finding, title="Unchanged action", due_date=today)
    moved = ActionFactory(finding=finding, title="Moved action", due_date=today)
    closed = ActionFactory(finding=finding, title="Closed action", due_date=today)
    hidden = ActionFactory(
        finding=finding, title="HIDDEN-ACTION", marking=Marking.OFFICIAL_SENSITIVE
    )
    for action in (kept, moved, closed, hidden):
        backdate(action, 10)
    moved.due_date = today + datetime.timedelta(days=30)
    moved.status = Status.NOT_STARTED
    moved.save()
    closed.status, closed.percent_complete = Status.CLOSED, 100
    closed.save()
    ActionFactory(finding=finding, title="New action", due_date=today)
    ProgressUpdateFactory(action=kept, date=today)
    ProgressUpdateFactory(action=kept, date=today - datetime.timedelta(days=20))

    sign_in(client, user_in_role(Role.PANEL_MEMBER))
    page = client.get(inspection.get_absolute_url()).content.decode()
    section = page[page.index('id="since-the-last-panel"') :]
    section = section[: section.index("</table>")]
    assert "Police and Crime Panel of" in section
    assert "<strong>1</strong> action closed" in section
    assert "<strong>2</strong> moved status" in section
    assert "<strong>1</strong> with a new due date" in section
    assert "<strong>1</strong> added to the plan" in section
    assert "<strong>1</strong> progress update" in section  # only the one since
    for title in ("Moved action", "Closed action", "New action", "Unchanged action"):
        assert title in section
    assert "Not yet in the plan" in section
    assert "HIDDEN-ACTION" not in page


def test_no_section_without_a_panel_meeting_or_for_the_public(meetings, client):
    inspection = meetings["inspection"]
    assert (
        'id="since-the-last-panel"'
        not in client.get(inspection.get_absolute_url()).content.decode()
    )  # the public reads no action plan
    meetings["panel"].delete()
    sign_in(client, user_in_role(Role.PANEL_MEMBER))
    page = client.get(inspection.get_absolute_url()).content.decode()
    assert 'id="since-the-last-panel"' not in page


def test_the_section_costs_two_queries_whatever_the_plan(
    meetings, client, django_assert_max_num_queries
):
    inspection = meetings["inspection"]
    finding = FindingFactory(inspection=inspection)
    sign_in(client, user_in_role(Role.PANEL_MEMBER))
    for _ in range(12):
        ActionFactory(finding=finding)
    with django_assert_max_num_queries(12):
        page = client.get(inspection.get_absolute_url()).content.decode()
    assert page.count("Not yet in the plan") == 12
