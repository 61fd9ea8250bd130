"""Meetings and their progress snapshots, read from the audit trail."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

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
    ForceFactory,
    ProgressUpdateFactory,
    UserFactory,
    user_in_role,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def the_force():
    """The force whose plan these meetings review."""
    return ForceFactory(name="Westshire Police", slug="westshire")


def meeting(day, kind="Strategic Assurance Board", force=None) -> Meeting:
    return Meeting.objects.create(
        force=force or the_force(),
        meeting_type=MeetingType.objects.get(name=kind),
        date=day,
        attendees="Police and Crime Commissioner\nChief Constable",
    )


def action_with_history(**kwargs) -> Action:
    """An action in the_force()'s plan whose first history record is dated
    1 May 2017."""
    kwargs.setdefault("finding__inspection__force", the_force())
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


def test_meetings_are_for_chief_officers_and_the_commissioners_office(
    client, staff_officer, story
):
    _, june = story
    sign_in(client, staff_officer)
    for url in (june.get_absolute_url(), reverse("governance:meetings")):
        refused = client.get(url)
        assert refused.status_code == 403
        assert "Meetings and their progress snapshots are for" in refused.text
        assert "The dashboard is for" not in refused.text  # says what was asked


def test_panel_members_read_only_the_panels_meetings(client, panel_member, story):
    _, june = story  # a Strategic Assurance Board or chief officers' meeting
    sign_in(client, panel_member)
    assert client.get(june.get_absolute_url()).status_code == 404
    listed = client.get(reverse("governance:meetings"))
    assert listed.status_code == 200
    assert june.get_absolute_url() not in listed.text


@pytest.mark.parametrize("count", [10, 1000])
def test_snapshot_queries_do_not_grow_with_actions(
    client, django_assert_num_queries, chief_officer, count
):
    finding, owner = FindingFactory(inspection__force=the_force()), UserFactory()
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


@pytest.fixture
def two_areas():
    """North's and South's forces, each in its own Commissioner's area, each
    with a Strategic Assurance Board on the same day."""
    north = force_named("North Police", "north")
    south = force_named("South Police", "south")
    offices = {force: commissioners_area(force)[0] for force in (north, south)}
    for force in (north, south):
        action_with_history(
            title=f"{force.name} action", finding__inspection__force=force
        )
    boards = {force: meeting(D(2017, 6, 22), force=force) for force in (north, south)}
    return north, south, offices, boards


def test_a_meeting_is_seen_only_in_its_own_area(client, two_areas):
    north, south, offices, boards = two_areas
    for person, force in [
        (user_in_role(Role.CHIEF_OFFICER, organisation=north.organisation), north),
        (user_in_role(Role.COMMISSIONERS_OFFICE, organisation=offices[south]), south),
    ]:
        sign_in(client, person)
        listed = client.get(reverse("governance:meetings")).context["object_list"]
        assert list(listed) == [boards[force]]
        other = boards[south if force == north else north]
        assert client.get(other.get_absolute_url()).status_code == 404
        csv_url = reverse("governance:meeting_csv", args=[other.pk])
        assert client.get(csv_url).status_code == 404
        page = client.get(boards[force].get_absolute_url())
        rows = [row.title for row in page.context["snapshot"].rows]
        assert rows == [f"{force.name} action"]
        assert f"Action plan of</dt><dd>{force.name}" in page.text


def test_a_snapshot_compares_with_the_same_forces_previous_meeting(
    client, two_areas, commissioners_office
):
    north, south, _, boards = two_areas
    may_north = meeting(D(2017, 5, 18), force=north)
    meeting(D(2017, 6, 1), force=south)  # later, but South's
    sign_in(client, commissioners_office)  # the tests' office: every force
    snapshot = client.get(boards[north].get_absolute_url()).context["snapshot"]
    assert snapshot.previous == may_north
    assert [row.title for row in snapshot.rows] == ["North Police action"]


def test_the_admin_keeps_each_areas_meetings_to_its_own_people(client, two_areas):
    north, south, _, boards = two_areas
    sign_in(client, user_in_role(Role.CHIEF_OFFICER, organisation=south.organisation))
    listed = client.get(reverse("admin:governance_meeting_changelist"))
    assert list(listed.context["cl"].result_list) == [boards[south]]
    north_page = reverse("admin:governance_meeting_change", args=[boards[north].pk])
    assert client.get(north_page).status_code == 302  # "does not exist"
    add = reverse("admin:governance_meeting_add")
    offered = client.get(add).context["adminform"].form.fields["force"].queryset
    assert list(offered) == [south]
    form = {
        "force": north.pk,
        "meeting_type": boards[north].meeting_type_id,
        "date": "2017-07-20",
        "attendees": "Chief Constable",
        "notes": "",
    }
    refused = client.post(add, form)
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.text
    assert not Meeting.objects.filter(date=D(2017, 7, 20)).exists()
    assert "This field is required" in client.post(add, {**form, "force": ""}).text
    assert client.post(add, {**form, "force": south.pk}).status_code == 302
    assert Meeting.objects.get(date=D(2017, 7, 20)).force == south


def test_a_meeting_recorded_before_meetings_named_their_force(
    client, two_areas, superuser
):
    """With several forces, the migration cannot tell whose an older meeting
    was: only someone whose role reaches everywhere sees it, to give it one."""
    north, _, _, _ = two_areas
    old = Meeting.objects.create(
        meeting_type=MeetingType.objects.get(name="Chief Officer Team"),
        date=D(2017, 4, 3),
        attendees="Chief Constable",
    )
    sign_in(client, user_in_role(Role.CHIEF_OFFICER, organisation=north.organisation))
    assert client.get(old.get_absolute_url()).status_code == 404
    sign_in(client, superuser)
    page = client.get(old.get_absolute_url())
    assert "Not recorded: every force you may see" in page.text
