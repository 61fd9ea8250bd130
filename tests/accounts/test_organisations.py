"""Roles are held in organisations: what a role may do, it may do in its own
organisation and in those it oversees, and nowhere else. Two Commissioners'
areas side by side; neither's people read or change the other's material."""

import pytest
from django.urls import reverse

from accounts.access import reach
from accounts.models import Organisation, OrganisationKind
from accounts.roles import Role
from actions.choices import Status
from actions.models import Action
from demo.areas import commissioners_area
from inspections.choices import Marking
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    FindingFactory,
    ForceFactory,
    InspectionFactory,
    user_in_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    """Two forces made first, then their offices and panels: a force made
    while there is just one office would join it (Force.save)."""
    north, south = ForceFactory(name="North Police"), ForceFactory(name="South Police")
    made = {}
    for force in (north, south):
        office, panel = commissioners_area(force)
        secret = InspectionFactory(force=force, is_published=False)
        sensitive = ActionFactory(
            finding=FindingFactory(inspection=InspectionFactory(force=force)),
            title=f"CANARY-{force.slug}-sensitive",
            marking=Marking.OFFICIAL_SENSITIVE,
            status=Status.COMPLETED,
            percent_complete=100,
        )
        made[force.slug] = {
            "force": force,
            "office": office,
            "panel": panel,
            "secret": secret,
            "sensitive": sensitive,
        }
    return made


def member(role, organisation):
    return user_in_role(role, organisation=organisation)


def test_a_chief_officer_reads_their_own_forces_sensitive_actions_only(client, areas):
    north, south = areas[areas_keys(areas)[0]], areas[areas_keys(areas)[1]]
    chief = member(Role.CHIEF_OFFICER, north["force"].organisation)
    sign_in(client, chief)
    assert client.get(north["sensitive"].get_absolute_url()).status_code == 200
    assert client.get(south["sensitive"].get_absolute_url()).status_code == 404
    tracker = client.get(reverse("actions:tracker")).text
    assert north["sensitive"].title in tracker
    assert "CANARY-" + south["force"].slug not in tracker
    csv = b"".join(client.get(reverse("actions:export_csv")).streaming_content)
    assert north["sensitive"].title.encode() in csv
    assert south["sensitive"].title.encode() not in csv


def test_a_chief_officer_signs_off_only_their_own_forces_actions(client, areas):
    north, south = (areas[key] for key in areas_keys(areas))
    chief = member(Role.CHIEF_OFFICER, north["force"].organisation)
    sign_in(client, chief)
    theirs = south["sensitive"]
    response = client.post(
        reverse("actions:sign_off", args=[theirs.pk]),
        {"comment": "Not mine to close.", "seen_version": theirs.version},
    )
    assert response.status_code == 404
    assert Action.objects.get(pk=theirs.pk).status == Status.COMPLETED
    ours = north["sensitive"]
    response = client.post(
        reverse("actions:sign_off", args=[ours.pk]),
        {"comment": "Checked.", "seen_version": ours.version},
    )
    assert response.status_code == 302
    assert Action.objects.get(pk=ours.pk).status == Status.CLOSED


def test_unpublished_inspections_are_read_by_the_office_that_oversees_the_force(
    client, areas
):
    north, south = (areas[key] for key in areas_keys(areas))
    officer = member(Role.COMMISSIONERS_OFFICE, north["office"])
    sign_in(client, officer)
    assert client.get(north["secret"].get_absolute_url()).status_code == 200
    assert client.get(south["secret"].get_absolute_url()).status_code == 404
    listed = client.get(reverse("inspections:list")).text
    assert str(south["secret"].pk) not in [
        part.split("/")[0] for part in listed.split("/inspections/")[1:]
    ]


def test_published_official_inspections_stay_public_to_everyone(client, areas):
    north, south = (areas[key] for key in areas_keys(areas))
    public = InspectionFactory(force=south["force"])
    sign_in(client, member(Role.PANEL_MEMBER, north["panel"]))
    assert client.get(public.get_absolute_url()).status_code == 200


def test_a_panel_reads_the_action_plans_of_the_forces_its_commissioner_oversees(
    areas,
):
    north, south = (areas[key] for key in areas_keys(areas))
    plain = {
        key: ActionFactory(
            finding=FindingFactory(inspection=InspectionFactory(force=a["force"]))
        )
        for key, a in areas.items()
    }
    panel_member = member(Role.PANEL_MEMBER, north["panel"])
    seen = set(Action.objects.visible_to(panel_member))
    assert plain[north["force"].slug] in seen
    assert plain[south["force"].slug] not in seen
    assert north["sensitive"] not in seen  # panel members see no sensitive row


def test_one_person_in_two_organisations_holds_each_role_where_it_is_held(areas):
    """An office member of the north who is also a staff officer of the south
    keeps the section 55 response in the north only."""
    north, south = (areas[key] for key in areas_keys(areas))
    person = member(Role.COMMISSIONERS_OFFICE, north["office"])
    person.memberships.create(
        organisation=south["force"].organisation, role=Role.STAFF_OFFICER
    )
    person = type(person).objects.get(pk=person.pk)
    working = reach(person, "governance.change_section55response")
    assert north["force"].organisation.pk in working
    assert south["force"].organisation.pk not in working
    assert south["force"].organisation.pk in reach(person, "actions.view_action")


def test_a_pfccs_office_reaches_its_force_and_its_fire_and_rescue_service(areas):
    north = areas[areas_keys(areas)[0]]
    fire = ForceFactory(name="North Fire and Rescue Service")
    Organisation.objects.filter(pk=fire.organisation_id).update(
        kind=OrganisationKind.FIRE_AND_RESCUE
    )
    north["office"].oversees.add(fire.organisation)
    officer = member(Role.COMMISSIONERS_OFFICE, north["office"])
    unpublished = InspectionFactory(force=fire, is_published=False)
    from inspections.models import Inspection

    assert Inspection.objects.visible_to(officer).filter(pk=unpublished.pk).exists()


def areas_keys(areas):
    return sorted(areas)


def test_a_chief_officers_dashboard_counts_their_own_force_only(client, areas):
    north, south = (areas[key] for key in areas_keys(areas))
    sign_in(client, member(Role.CHIEF_OFFICER, north["force"].organisation))
    for query in ("", f"?force={south['force'].pk}", f"?force={north['force'].pk}"):
        page = client.get(reverse("governance:dashboard") + query)
        assert page.status_code == 200
        assert south["sensitive"].title not in page.text
        expected = 0 if query.endswith(str(south["force"].pk)) else 1
        assert page.context["figures"]["completed"] == expected


def test_the_access_rows_give_each_role_only_where_it_is_held(areas):
    north, south = (areas[key] for key in areas_keys(areas))
    chief = member(Role.CHIEF_OFFICER, north["force"].organisation)
    assert reach(chief, "actions.close_action") == {north["force"].organisation.pk}
    office = member(Role.COMMISSIONERS_OFFICE, south["office"])
    assert reach(office, "inspections.view_unpublished") == {
        south["office"].pk,
        south["force"].organisation.pk,
    }
    panel = member(Role.PANEL_MEMBER, south["panel"])
    assert reach(panel, "actions.view_action") == {
        south["panel"].pk,
        south["office"].pk,
        south["force"].organisation.pk,
    }


def test_an_administrator_gives_a_role_in_an_organisation_on_the_users_page(
    admin_client, areas
):
    north = areas[areas_keys(areas)[0]]
    person = user_in_role(Role.PANEL_MEMBER, organisation=north["panel"])
    url = reverse("admin:accounts_user_change", args=[person.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "Roles, each in an organisation" in page.text
    assert 'name="groups"' not in page.text  # groups say what a role may do only
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None and name != "password"
    }
    data |= {
        "date_joined_0": person.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": person.date_joined.strftime("%H:%M:%S"),
        "is_active": "on",
        "memberships-TOTAL_FORMS": "2",
        "memberships-INITIAL_FORMS": "1",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-id": person.memberships.get().pk,
        "memberships-0-user": person.pk,
        "memberships-0-organisation": north["panel"].pk,
        "memberships-0-role": Role.PANEL_MEMBER,
        "memberships-1-user": person.pk,
        "memberships-1-organisation": north["force"].organisation.pk,
        "memberships-1-role": Role.CHIEF_OFFICER,
    }
    data.pop("last_login", None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    person = type(person).objects.get(pk=person.pk)
    assert reach(person, "actions.close_action") == {north["force"].organisation.pk}
