"""Who is asking: the person, their roles and what those reach are read in
one query at the start of each signed-in request (CachedModelBackend.get_user),
and read again on the next request, so a change holds at once."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Membership
from accounts.roles import Role
from tests.conftest import sign_in
from tests.factories import user_in_role

pytestmark = pytest.mark.django_db
MINE = reverse("actions:mine")
DASHBOARD = reverse("governance:dashboard")


def test_the_person_and_their_roles_are_one_query(client, staff_officer):
    sign_in(client, staff_officer)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(MINE).status_code == 200
    who = [
        q["sql"]
        for q in queries
        if "accounts_membership" in q["sql"]
        or re.search(r'FROM "accounts_user"(?: u)?\s', q["sql"])
    ]
    assert len(who) == 1
    assert "accounts_membership" in who[0]


def test_what_the_person_is_comes_through_whole(client, staff_officer):
    staff_officer.last_login = datetime.datetime(
        2026, 11, 2, 9, 30, tzinfo=datetime.UTC
    )
    staff_officer.save()
    sign_in(client, staff_officer)
    person = client.get(MINE).wsgi_request.user
    reloaded = type(staff_officer).objects.get(pk=staff_officer.pk)
    assert person.pk == staff_officer.pk
    assert person.username == "staff.officer"
    assert person.last_login == reloaded.last_login
    assert person.date_joined == reloaded.date_joined
    assert person.has_perm("actions.change_action")


def test_a_role_given_holds_on_the_next_page(client, staff_officer):
    sign_in(client, staff_officer)
    assert client.get(DASHBOARD).status_code == 403
    membership = Membership.objects.get(user=staff_officer)
    membership.role = Role.CHIEF_OFFICER
    membership.save()
    assert client.get(DASHBOARD).status_code == 200


def test_a_role_taken_away_holds_on_the_next_page(client, chief_officer):
    sign_in(client, chief_officer)
    assert client.get(DASHBOARD).status_code == 200
    Membership.objects.filter(user=chief_officer).delete()
    assert client.get(DASHBOARD).status_code == 403


def test_someone_with_no_role_is_signed_in_with_no_rights(client, staff_officer):
    Membership.objects.filter(user=staff_officer).delete()
    sign_in(client, staff_officer)
    request = client.get(reverse("inspections:list")).wsgi_request
    assert request.user.is_authenticated
    assert request.user.get_all_permissions() == set()


def test_a_deactivated_account_is_signed_out_on_its_next_page(client, staff_officer):
    sign_in(client, staff_officer)
    staff_officer.is_active = False
    staff_officer.save()
    response = client.get(MINE)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_a_session_naming_no_account_is_signed_out(client, staff_officer):
    sign_in(client, staff_officer)
    session = client.session
    session["_auth_user_id"] = "999999"
    session.save()
    assert client.get(MINE).status_code == 302


def test_a_superuser_has_every_permission(admin_client):
    request = admin_client.get(reverse("admin:index")).wsgi_request
    assert request.user.has_perm("actions.delete_action")
    assert "inspections.view_sensitive" in request.user.get_all_permissions()


def test_a_chief_officer_of_one_force_reaches_that_force_only(client):
    from accounts.backends import reach_of
    from tests.factories import ForceFactory

    north, south = ForceFactory(name="North"), ForceFactory(name="South")
    chief = user_in_role(Role.CHIEF_OFFICER, organisation=north.organisation)
    sign_in(client, chief)
    person = client.get(DASHBOARD).wsgi_request.user
    reached = reach_of(person, "governance.view_dashboard")
    assert north.organisation_id in reached
    assert south.organisation_id not in reached
