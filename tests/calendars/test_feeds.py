"""Calendar feeds: a private, revocable link per person, read by a calendar
application without a session, holding what that person may see."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from accounts.models import AccountEvent
from accounts.roles import Role
from governance.models import Meeting, MeetingType, Section55Response
from inspections.choices import Marking
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    FindingFactory,
    InspectionFactory,
    ThematicInspectionFactory,
    user_in_role,
)

pytestmark = pytest.mark.django_db


def make_link(client: Client) -> str:
    """The address the page shows once, after "Make a link"."""
    response = client.post("/calendar/link/")
    assert response.status_code == 200
    shown = r">(http://testserver/calendar/[^<]+\.ics)</textarea>"
    [address] = re.findall(shown, response.content.decode())
    return address.removeprefix("http://testserver")


def events(address: str) -> dict[str, dict]:
    response = Client().get(address)  # a calendar application: no session
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    calendar = Calendar.from_ical(response.content)
    return {
        str(event["summary"]): {
            "start": event.decoded("dtstart"),
            "url": str(event["url"]),
            "description": str(event.get("description", "")),
        }
        for event in calendar.walk("VEVENT")
    }


@pytest.fixture
def plan(db):
    today = timezone.localdate()
    inspection = InspectionFactory(publication_date=today - datetime.timedelta(days=20))
    owner = user_in_role(Role.STAFF_OFFICER)
    finding = FindingFactory(inspection=inspection)
    mine = ActionFactory(
        finding=finding,
        owner=owner,
        title="Retrain call handlers",
        due_date=today + datetime.timedelta(days=7),
    )
    ActionFactory(
        finding=finding,
        owner=owner,
        title="SECRET-TITLE",
        marking=Marking.OFFICIAL_SENSITIVE,
        due_date=today + datetime.timedelta(days=9),
    )
    ActionFactory(
        finding=finding,
        title="Someone else's action",
        due_date=today + datetime.timedelta(days=8),
    )
    ActionFactory(
        finding=finding,
        owner=owner,
        title="Long ago",
        due_date=today - datetime.timedelta(days=200),
    )
    Meeting.objects.create(
        force=inspection.force,
        meeting_type=MeetingType.objects.get(name="Chief Officer Team"),
        date=today + datetime.timedelta(days=3),
        attendees="Chief Constable",
    )
    return {"owner": owner, "inspection": inspection, "action": mine, "today": today}


def test_the_page_asks_for_a_sign_in_first(client):
    response = client.get("/calendar/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/?next=/calendar/")


def test_an_owner_sees_their_actions_and_meetings(plan, client):
    sign_in(client, plan["owner"])
    assert "You have no calendar link." in client.get("/calendar/").content.decode()
    seen = events(make_link(client))
    today = plan["today"]
    due = seen["Action due: Retrain call handlers"]
    assert due["start"] == today + datetime.timedelta(days=7)
    assert due["url"] == f"http://127.0.0.1:8000/actions/{plan['action'].pk}/"
    assert "Action due: an OFFICIAL-SENSITIVE action" in seen  # its title stays here
    assert not any("SECRET-TITLE" in s + e["description"] for s, e in seen.items())
    assert "Action due: Someone else's action" not in seen
    assert "Action due: Long ago" not in seen
    page = client.get("/calendar/").content.decode()
    assert "You made a link on" in page and "no calendar has read it yet" not in page
    # a staff officer is not offered the meetings pages, nor keeps responses
    assert not any(s.startswith(("Chief Officer Team", "Section 55")) for s in seen)
    assert client.get("/meetings/").status_code == 403


def test_a_chief_officer_sees_meetings_and_the_deadlines_they_may_keep(plan, client):
    sign_in(client, user_in_role(Role.CHIEF_OFFICER))
    seen = events(make_link(client))
    [meeting] = [s for s in seen if s.startswith("Chief Officer Team")]
    assert seen[meeting]["start"] == plan["today"] + datetime.timedelta(days=3)
    path = seen[meeting]["url"].removeprefix("http://127.0.0.1:8000")
    assert client.get(path).status_code == 200
    inspection = plan["inspection"]
    assert f"Section 55 comments due: {inspection.force}, {inspection.name}" in seen


def test_the_office_sees_its_section_55_deadlines(plan, client):
    office = user_in_role(Role.COMMISSIONERS_OFFICE)
    inspection = plan["inspection"]
    answered = InspectionFactory(
        force=inspection.force,
        publication_date=plan["today"] - datetime.timedelta(days=10),
    )
    Section55Response.objects.create(inspection=answered, published_on=plan["today"])
    thematic = ThematicInspectionFactory(
        applies_to=[inspection.force],
        publication_date=plan["today"] - datetime.timedelta(days=5),
    )
    sign_in(client, office)
    seen = events(make_link(client))
    deadlines = {s: e["start"] for s, e in seen.items() if s.startswith("Section 55")}
    due = datetime.timedelta(days=56)
    force = inspection.force
    assert deadlines == {
        f"Section 55 comments due: {force}, {inspection.name}": (
            inspection.publication_date + due
        ),
        f"Section 55 comments due: {force}, {thematic.name}": (
            thematic.publication_date + due
        ),
    }
    panel = Client()
    sign_in(panel, user_in_role(Role.PANEL_MEMBER))
    seen_by_panel = events(make_link(panel))
    assert not any(s.startswith(("Section 55", "Action due")) for s in seen_by_panel)


def test_a_new_link_replaces_the_old_and_stopping_ends_it(plan, client):
    sign_in(client, plan["owner"])
    said = "The link you made before has stopped working"
    assert said not in client.post("/calendar/link/").content.decode()  # the first
    first = make_link(client)
    assert said in client.post("/calendar/link/").content.decode()
    second = make_link(client)
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    response = client.post("/calendar/link/stop/", follow=True)
    assert "Your calendar link has stopped working." in response.content.decode()
    assert Client().get(second).status_code == 404
    assert (
        "You had no calendar link."
        in client.post("/calendar/link/stop/", follow=True).content.decode()
    )
    kinds = list(
        AccountEvent.objects.filter(user=plan["owner"]).values_list("kind", flat=True)
    )
    assert kinds.count(AccountEvent.Kind.CALENDAR_LINK_MADE) == 4
    assert kinds.count(AccountEvent.Kind.CALENDAR_LINK_STOPPED) == 1


def test_a_closed_account_has_no_calendar(plan, client):
    sign_in(client, plan["owner"])
    address = make_link(client)
    plan["owner"].is_active = False
    plan["owner"].save()
    assert Client().get(address).status_code == 404


@pytest.mark.parametrize("secret", ["x", "a" * 43, "a" * 500, "%00", "..%2F..%2Fetc"])
def test_an_unknown_address_is_not_found(client, secret):
    response = client.get(f"/calendar/{secret}.ics")
    assert response.status_code == 404


def test_only_the_secret_opens_it_not_a_session(plan, client):
    sign_in(client, plan["owner"])
    make_link(client)
    assert (
        client.get("/calendar/not-the-secret-but-long-enough-1234.ics").status_code
        == 404
    )


def test_the_page_and_buttons_take_the_right_methods(plan, client):
    sign_in(client, plan["owner"])
    assert client.get("/calendar/link/").status_code == 405
    assert client.get("/calendar/link/stop/").status_code == 405
    assert client.post("/calendar/").status_code == 405


def test_queries_do_not_grow_with_the_calendar(
    plan, client, django_assert_max_num_queries
):
    sign_in(client, user_in_role(Role.COMMISSIONERS_OFFICE))
    address = make_link(client)
    reader = Client()
    with django_assert_max_num_queries(12) as counted:
        reader.get(address)
    before = len(counted.captured_queries)
    finding = FindingFactory(inspection=plan["inspection"])
    for n in range(5):
        ActionFactory(finding=finding, owner=plan["owner"], due_date=plan["today"])
        InspectionFactory(
            force=plan["inspection"].force,
            publication_date=plan["today"] - datetime.timedelta(days=n + 1),
        )
    with django_assert_max_num_queries(before):
        reader.get(address)
