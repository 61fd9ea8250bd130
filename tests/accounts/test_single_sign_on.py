"""Single sign-on against a real OpenID Connect provider process on the loopback
interface (tests/oidc_provider): the whole redirect flow, the provider's own
sign-in page, the code exchanged over HTTP, the ID token verified. Nothing of
the protocol is mocked; the provider is asked to spoil a token where a test
needs a bad one."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from accounts.models import (
    AccountEvent,
    ExternalIdentity,
    Membership,
    Organisation,
    OrganisationKind,
    User,
)
from accounts.roles import Role
from pcc_panel.lib.env import ROLES, role_map
from tests.oidc_provider.process import running, sign_in_at_provider

pytestmark = pytest.mark.django_db
FORCE = "Northmoor Police (SSO tests)"
CHIEF_GROUP = "b1e8c3a0-chief-officers"
PANEL_GROUP = "5d2f-panel-members"
Kind = AccountEvent.Kind

PEOPLE = [
    {
        "username": "jo.bloggs@northmoor.police.uk",
        "first_name": "Jo",
        "last_name": "Bloggs",
        "email": "jo.bloggs@northmoor.police.uk",
        "groups": [CHIEF_GROUP, "did-mfa"],
    },
    {
        "username": "sam.nogroup@northmoor.police.uk",
        "first_name": "Sam",
        "last_name": "Nogroup",
        "groups": ["some-other-group", "did-mfa"],
    },
    {
        "username": "pat.nomfa@northmoor.police.uk",
        "first_name": "Pat",
        "last_name": "Nomfa",
        "groups": [CHIEF_GROUP],
    },
]


@pytest.fixture(scope="module")
def provider():
    with running(PEOPLE) as provider:
        yield provider


@pytest.fixture
def sso(settings, provider):
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    settings.OIDC_ROLE_MAP = [(CHIEF_GROUP, Role.CHIEF_OFFICER.value, FORCE)]
    Organisation.objects.create(name=FORCE, kind=OrganisationKind.POLICE_FORCE)
    return provider


def through(client: Client, username: str, next_url: str = "/dashboard/", **spoil):
    start = client.get(reverse("accounts:sso_start"), {"next": next_url})
    assert start.status_code == 302
    authorise = urlsplit(start["Location"])
    asked = parse_qs(authorise.query)
    assert asked["code_challenge_method"] == ["S256"] and asked["code_challenge"]
    assert asked["state"] and asked["nonce"]
    assert asked["redirect_uri"] == ["http://testserver/accounts/sign-in/sso/callback/"]
    callback = sign_in_at_provider(start["Location"], username)
    return client.get(callback.removeprefix("http://testserver"))


def test_a_first_sign_in_with_a_mapped_group_makes_an_account_with_that_role(
    client, sso
):
    page = client.get(reverse("accounts:login"))
    assert "Sign in with Northmoor Police account" in page.text
    back = through(client, "jo.bloggs@northmoor.police.uk")
    assert back.status_code == 302 and back["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200  # no TOTP asked: the provider's
    user = User.objects.get(username="jo.bloggs@northmoor.police.uk")
    assert (user.first_name, user.last_name, user.is_staff, user.is_superuser) == (
        "Jo",
        "Bloggs",
        True,
        False,
    )
    assert not user.has_usable_password()
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.organisation.name) == (
        Role.CHIEF_OFFICER,
        FORCE,
    )
    assert membership.from_identity_provider
    assert ExternalIdentity.objects.get(user=user).issuer == sso.issuer
    event = AccountEvent.objects.get(user=user, kind=Kind.SIGNED_IN)
    assert event.detail == "through Northmoor Police account"

    client.post(reverse("accounts:logout"))
    through(client, "jo.bloggs@northmoor.police.uk")  # the same account again
    assert User.objects.filter(first_name="Jo").count() == 1


def test_a_first_sign_in_without_a_mapped_group_has_no_role(client, sso):
    back = through(client, "sam.nogroup@northmoor.police.uk", "/reports/")
    assert back["Location"] == "/reports/"
    user = User.objects.get(username="sam.nogroup@northmoor.police.uk")
    assert not user.memberships.exists()
    assert not user.is_staff and not user.is_superuser
    assert client.get("/dashboard/").status_code == 403
    assert client.get(reverse("admin:index"))["Location"].startswith("/admin/login/")


def test_roles_follow_the_groups_and_others_are_kept(client, sso, settings):
    through(client, "jo.bloggs@northmoor.police.uk")
    user = User.objects.get(username="jo.bloggs@northmoor.police.uk")
    office = Organisation.objects.create(
        name="Office (SSO tests)", kind=OrganisationKind.COMMISSIONERS_OFFICE
    )
    Membership.objects.create(user=user, organisation=office, role=Role.PANEL_MEMBER)
    settings.OIDC_ROLE_MAP = []  # the group no longer grants the role
    client.post(reverse("accounts:logout"))
    through(client, "jo.bloggs@northmoor.police.uk")
    held = list(Membership.objects.filter(user=user).values_list("role", flat=True))
    assert held == [Role.PANEL_MEMBER]  # given by hand: kept
    user.refresh_from_db()
    assert not user.is_staff
    removed = AccountEvent.objects.get(user=user, kind=Kind.ROLE_REMOVED)
    assert removed.detail == f"Chief officer, {FORCE}"


def test_a_local_account_with_the_same_username_is_not_taken_over(client, sso):
    local = User.objects.create_user("jo.bloggs@northmoor.police.uk", password="x")
    through(client, "jo.bloggs@northmoor.police.uk")
    made = ExternalIdentity.objects.get().user
    assert made != local and made.username == "jo.bloggs@northmoor.police.uk-2"


@pytest.mark.parametrize("spoil", ["signature", "audience", "expired"])
def test_a_tampered_or_misdirected_id_token_is_refused(client, sso, spoil):
    sso.spoil_next_token(spoil)
    back = through(client, "jo.bloggs@northmoor.police.uk")
    assert back["Location"] == reverse("accounts:login")
    page = client.get(back["Location"])
    assert "could not be verified, so you are not signed in" in page.text
    assert not page.context["user"].is_authenticated
    assert not User.objects.filter(first_name="Jo").exists()
    refused = AccountEvent.objects.get(kind=Kind.SIGN_IN_FAILED)
    assert refused.detail.startswith("single sign-on: The answer")


def test_a_sign_in_without_a_second_factor_is_refused_where_required(
    client, sso, settings
):
    back = through(client, "pat.nomfa@northmoor.police.uk")
    page = client.get(back["Location"])
    assert "did not include a second factor" in page.text
    assert not page.context["user"].is_authenticated
    assert not User.objects.filter(first_name="Pat").exists()
    settings.OIDC_REQUIRE_MFA = False
    through(client, "pat.nomfa@northmoor.police.uk")
    assert client.get("/dashboard/").status_code == 200


def test_a_callback_with_a_state_this_browser_did_not_start_is_refused(client, sso):
    other = Client()
    start = other.get(reverse("accounts:sso_start"))
    callback = sign_in_at_provider(start["Location"], "jo.bloggs@northmoor.police.uk")
    stolen = client.get(callback.removeprefix("http://testserver"))  # another browser
    page = client.get(stolen["Location"])
    assert "expired or was started in another browser" in page.text
    assert not page.context["user"].is_authenticated


def test_a_deactivated_account_cannot_sign_in_through_the_provider(client, sso):
    through(client, "jo.bloggs@northmoor.police.uk")
    User.objects.filter(first_name="Jo").update(is_active=False)
    client.post(reverse("accounts:logout"))
    page = client.get(through(client, "jo.bloggs@northmoor.police.uk")["Location"])
    assert "Your PCC Panel account is switched off" in page.text


def test_confirming_it_is_you_goes_through_the_provider_again(client, sso):
    through(client, "jo.bloggs@northmoor.police.uk")
    confirm = client.get(reverse("accounts:confirm"), {"next": "/dashboard/"})
    assert "Sign in again with Northmoor Police account" in confirm.text
    again = client.get(
        reverse("accounts:sso_start"), {"again": "1", "next": "/dashboard/"}
    )
    asked = parse_qs(urlsplit(again["Location"]).query)
    assert asked["prompt"] == ["login"] and asked["max_age"] == ["0"]
    callback = sign_in_at_provider(again["Location"], "jo.bloggs@northmoor.police.uk")
    back = client.get(callback.removeprefix("http://testserver"))
    assert back["Location"] == "/dashboard/"
    user = User.objects.get(first_name="Jo")
    assert AccountEvent.objects.filter(user=user, kind=Kind.IDENTITY_CONFIRMED).exists()


def test_local_sign_in_can_be_switched_off(client, sso, settings):
    settings.LOCAL_SIGN_IN = False
    User.objects.create_user("local.person", password="correct-horse-battery")
    page = client.get(reverse("accounts:login"))
    assert 'name="password"' not in page.text
    refused = client.post(
        reverse("accounts:login"),
        {"username": "local.person", "password": "correct-horse-battery"},
    )
    assert "usernames and passwords are switched off" in refused.text
    assert not refused.context["user"].is_authenticated


def test_without_a_provider_the_sign_in_page_offers_only_passwords(client):
    page = client.get(reverse("accounts:login"))
    assert "Sign in with" not in page.text
    assert client.get(reverse("accounts:sso_start")).status_code == 404


def test_the_role_map_is_read_and_checked_at_start_up():
    assert role_map("g1=Chief officer@Northmoor Police;") == [
        ("g1", "Chief officer", "Northmoor Police")
    ]
    for bad in ("g1", "g1=Chief officer", "=Chief officer@X", "g1=Admiral@X"):
        with pytest.raises(ImproperlyConfigured, match="OIDC_ROLE_MAP"):
            role_map(bad)
    assert set(ROLES) == set(Role.values)
