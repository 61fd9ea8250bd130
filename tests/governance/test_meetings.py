"""Meetings and their progress snapshots, read from the audit trail."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from actions.choices import Status
from actions.models import Action
from governance.models import Meeting, MeetingType
from inspections.choices import Marking
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    FindingFactory,
    ProgressUpdateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def meeting(day, kind="Strategic Assurance Board") -> Meeting:
    return Meeting.objects.create(
        meeting_type=MeetingType.objects.get(name=kind),
        date=day,
        attendees="Police and Crime Commissioner\nChief Constable",
    )


def action_with_history(**kwargs) -> Action:
    """An action whose first history record is dated 1 May 2017."""
    action = ActionFactory(**kwargs)
    action.history.update(history_date=at(D(2017, 5, 1)))
    return action


def change(action, on: datetime.date, **fields) -> None:
    for name, value in fields.items():
        setattr(action, name, value)
    action._history_date = at(on)
    action.save()


@pytest.fixture
def story():
    moved = action_with_history(title="Moved one", percent_complete=30)
    change(moved, D(2017, 6, 1), status=Status.BLOCKED)
    change(moved, D(2017, 7, 1), status=Status.IN_PROGRESS, percent_complete=90)
    late = action_with_history(title="Late one", due_date=D(2017, 6, 10))
    ProgressUpdateFactory(action=late, date=D(2017, 6, 5))
    done = action_with_history(title="Done one")
    change(done, D(2017, 5, 20), status=Status.CLOSED, percent_complete=100)
    return meeting(D(2017, 5, 18)), meeting(D(2017, 6, 22))


def test_snapshot_shows_each_open_action_as_it_stood_at_the_meeting(
    client, chief_officer, story
):
    _, june = story
    sign_in(client, chief_officer)
    snapshot = client.get(june.get_absolute_url()).context["snapshot"]
    rows = {row.title: row for row in snapshot.rows}
    assert set(rows) == {"Moved one", "Late one"}  # the closed one is not open
    moved = rows["Moved one"]
    # changed again on 1 July, after the meeting: the snapshot does not move
    assert (moved.status, moved.percent_complete) == (Status.BLOCKED, 30)
    assert moved.was_status == Status.IN_PROGRESS and moved.moved
    assert rows["Late one"].newly_overdue and rows["Late one"].new_updates == 1
    assert not moved.newly_overdue


def test_snapshot_page_and_its_csv(client, chief_officer, story):
    _, june = story
    sign_in(client, chief_officer)
    page = client.get(june.get_absolute_url()).text
    assert "Moved one (In progress → Blocked)" in page
    assert "the Strategic Assurance Board of 18 May 2017" in page
    response = client.get(reverse("governance:meeting_csv", args=[june.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Action", "Owner", "Due date", "Status"]
    assert sorted(row[0] for row in rows[1:]) == ["Late one", "Moved one"]
    moved = next(row for row in rows if row[0] == "Moved one")
    assert moved[3] == "Blocked" and moved[6] == "In progress"


def test_the_first_meeting_of_a_kind_compares_with_nothing(
    client, chief_officer, story
):
    may, _ = story
    sign_in(client, chief_officer)
    response = client.get(may.get_absolute_url())
    assert response.context["snapshot"].previous is None
    assert "No earlier meeting of this kind" in response.text


def test_snapshot_hides_what_the_reader_may_not_see(client, commissioners_office):
    action_with_history(title="Secret one", marking=Marking.OFFICIAL_SENSITIVE)
    june = meeting(D(2017, 6, 22))
    sign_in(client, commissioners_office)  # may see sensitive items
    assert "Secret one" in client.get(june.get_absolute_url()).text


@pytest.mark.parametrize("who", ["panel_member", "staff_officer"])
def test_meetings_are_for_chief_officers_and_the_commissioners_office(
    client, request, who, story
):
    _, june = story
    sign_in(client, request.getfixturevalue(who))
    for url in (june.get_absolute_url(), reverse("governance:meetings")):
        refused = client.get(url)
        assert refused.status_code == 403
        assert "Meetings and their progress snapshots are for" in refused.text
        assert "The dashboard is for" not in refused.text  # says what was asked


@pytest.mark.parametrize("count", [10, 1000])
def test_snapshot_queries_do_not_grow_with_actions(
    client, django_assert_num_queries, chief_officer, count
):
    finding, owner = FindingFactory(), UserFactory()
    bulk_create_with_history(
        [
            Action(
                finding=finding,
                force=finding.inspection.force,
                title=f"Action {n}",
                owner=owner,
                lead=owner,
                due_date=D(2017, 6, 1),
                original_due_date=D(2017, 6, 1),
            )
            for n in range(count)
        ],
        Action,
        default_date=at(D(2017, 5, 1)),
    )
    meeting(D(2017, 5, 18))
    june = meeting(D(2017, 6, 22))
    sign_in(client, chief_officer)
    # ... and one for which actions sit under a sensitive finding or inspection
    with django_assert_num_queries(9):
        response = client.get(june.get_absolute_url())
    assert len(response.context["snapshot"].rows) == count
