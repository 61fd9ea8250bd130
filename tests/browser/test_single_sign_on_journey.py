"""Signing in through the organisation's provider in Chromium: the sign-in
page's button, the provider's own page (a real provider process on the
loopback interface, tests/oidc_provider), and back, as a new account whose
group makes it a chief officer; and one refused for want of a second factor."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from accounts.roles import Role
from tests.browser.conftest import axe_violations
from tests.oidc_provider.process import PASSWORD, running

FORCE = "Northmoor Police (invented)"
PEOPLE = [
    {
        "username": "jo.bloggs@northmoor.police.uk",
        "first_name": "Jo",
        "last_name": "Bloggs",
        "groups": ["chief-officers", "did-mfa"],
    },
    {"username": "pat.nomfa@northmoor.police.uk", "groups": ["chief-officers"]},
    {
        "username": "sam.nogroup@northmoor.police.uk",
        "first_name": "Sam",
        "last_name": "Nogroup",
        "groups": ["did-mfa"],
    },
]


@pytest.fixture(scope="module")
def provider():
    with running(PEOPLE) as provider:
        yield provider


@pytest.fixture
def site(live_demo, provider, settings):
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    settings.OIDC_ROLE_MAP = [("chief-officers", Role.CHIEF_OFFICER.value, FORCE)]
    # the provider accepts its loopback redirect address on any port (RFC 8252)
    return live_demo.url.replace("localhost", "127.0.0.1")


def at_the_provider(page: Page, username: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Test identity provider")
    page.get_by_label("Email or username").fill(username)
    page.get_by_label("Provider password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in to the provider").click()


def test_a_chief_officer_signs_in_through_the_provider(page, site):
    page.goto(site + "/accounts/sign-in/?next=/dashboard/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Sign in with Northmoor Police account").click()
    at_the_provider(page, "jo.bloggs@northmoor.police.uk")
    expect(page).to_have_url(site + "/dashboard/")
    expect(page.locator(".app-header__user")).to_contain_text(
        "Jo Bloggs (Chief officer)"
    )
    page.get_by_role("link", name="Your account").click()
    expect(
        page.get_by_role("cell", name="Signed in: through Northmoor")
    ).to_be_visible()
    assert axe_violations(page) == []


def test_a_first_sign_in_without_a_mapped_group_has_no_role(page, site):
    page.goto(site + "/accounts/sign-in/")
    page.get_by_role("link", name="Sign in with Northmoor Police account").click()
    at_the_provider(page, "sam.nogroup@northmoor.police.uk")
    expect(page.locator(".app-header__user")).to_contain_text("Sam Nogroup (No role)")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Dashboard")).to_have_count(0)
    expect(nav.get_by_role("link", name="Admin")).to_have_count(0)
    page.goto(site + "/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot do that")


@pytest.mark.parametrize("spoil", ["signature", "audience"])
def test_a_tampered_or_misdirected_token_signs_no_one_in(page, site, provider, spoil):
    page.goto(site + "/accounts/sign-in/")
    page.get_by_role("link", name="Sign in with Northmoor Police account").click()
    provider.spoil_next_token(spoil)
    at_the_provider(page, "jo.bloggs@northmoor.police.uk")
    expect(page).to_have_url(site + "/accounts/sign-in/")
    expect(page.get_by_role("status")).to_contain_text(
        "could not be verified, so you are not signed in"
    )
    expect(page.locator(".app-header__user")).to_have_count(0)
    assert axe_violations(page) == []


def test_a_sign_in_without_a_second_factor_is_explained(page, site):
    page.goto(site + "/accounts/sign-in/")
    page.get_by_role("link", name="Sign in with Northmoor Police account").click()
    at_the_provider(page, "pat.nomfa@northmoor.police.uk")
    expect(page).to_have_url(site + "/accounts/sign-in/")
    expect(page.get_by_role("status")).to_contain_text(
        "did not include a second factor"
    )
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in")
    ).to_be_visible()
    assert axe_violations(page) == []
