"""A chief officer adds a passkey on Your account and signs in with it in place
of the code, in Chromium with a virtual authenticator (the DevTools protocol's
WebAuthn domain) standing in for the device's fingerprint reader."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from accounts.models import AccountEvent
from tests.browser.conftest import axe_violations, sign_in


def with_a_fingerprint_reader(page: Page) -> None:
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def test_a_passkey_stands_in_for_the_code(page, live_demo):
    with_a_fingerprint_reader(page)
    base = live_demo.url
    page.goto(base + "/accounts/sign-in/?next=/accounts/")
    sign_in(page, "chief.officer")  # sets the authenticator app up first
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    page.get_by_role("button", name="Add a passkey on this device").click()
    expect(page.get_by_text("Passkey, added")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("navigation", name="Main").get_by_role(
        "button", name="Sign out"
    ).click()
    page.goto(base + "/accounts/sign-in/?next=/dashboard/")
    page.get_by_label("Username").fill("chief.officer")
    page.get_by_label("Password").fill("pcc-panel-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Or use a passkey")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Use a passkey").click()
    expect(page).to_have_url(base + "/dashboard/")
    passed = AccountEvent.objects.filter(
        user__username="chief.officer", kind=AccountEvent.Kind.SECOND_FACTOR_PASSED
    ).first()
    assert passed is not None and passed.detail == "passkey"
