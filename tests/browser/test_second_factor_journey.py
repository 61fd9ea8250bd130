"""A chief officer sets up an authenticator app at the first sign-in, signs in
again with a code and then with a recovery code; the admin is refused to a
session that has given only the password. Every page passes axe-core, at 1280
and 390 pixels wide."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    authenticator_code,
    axe_violations,
    code_of,
    save_view,
)


def both_widths_pass_axe(page: Page) -> None:
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        assert axe_violations(page) == [], f"{page.url} at {width}"
        overflow = page.evaluate(
            "document.documentElement.scrollWidth > window.innerWidth + 1"
        )
        assert not overflow, f"{page.url} scrolls sideways at {width}"
    page.set_viewport_size({"width": 1280, "height": 900})


def password(page: Page, base: str, username: str, next_path: str = "") -> None:
    page.goto(f"{base}/accounts/sign-in/{next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pcc-panel-demo")
    page.get_by_role("button", name="Sign in").click()


def test_a_chief_officer_sets_up_and_uses_the_second_factor(page, live_demo):
    base = live_demo.url
    password(page, base, "chief.officer", "?next=/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up a second factor")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Dashboard")).to_have_count(0)
    expect(page.get_by_role("img", name="QR code to scan")).to_be_visible()
    both_widths_pass_axe(page)
    save_view(page, "second-factor-set-up.png", 390, 844)

    page.goto(base + "/admin/")  # nothing else opens before the second factor
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up a second factor")
    page.get_by_label("Code from the app").fill("12345")
    page.get_by_role("button", name="Turn on the second factor").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Enter the 6 digits the app shows")
    both_widths_pass_axe(page)
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_code")

    key = page.locator("#key").inner_text().replace(" ", "")
    page.get_by_label("Code from the app").fill(authenticator_code(key))
    page.get_by_role("button", name="Turn on the second factor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Save your recovery codes"
    )
    codes = page.get_by_role("list", name="Recovery codes").locator("code")
    expect(codes).to_have_count(10)
    recovery = codes.first.inner_text()
    both_widths_pass_axe(page)
    page.get_by_role("link", name="I have saved my codes: continue").click()
    expect(page).to_have_url(base + "/admin/")  # where they were going
    page.goto(base + "/")
    nav.get_by_role("button", name="Sign out").click()

    # Again: the password alone opens nothing, the admin included
    password(page, base, "chief.officer", "?next=/admin/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enter the code from your authenticator app"
    )
    page.goto(base + "/admin/actions/action/")
    expect(page).to_have_url(
        base + "/accounts/second-factor/?next=%2Fadmin%2Factions%2Faction%2F"
    )
    both_widths_pass_axe(page)
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("That code is not right")
    both_widths_pass_axe(page)
    page.wait_for_timeout(1100)  # the pause after a wrong code
    page.get_by_label("Code").fill(code_of("chief.officer"))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("action")
    page.goto(base + "/")
    nav.get_by_role("button", name="Sign out").click()

    # With a recovery code instead of the phone
    password(page, base, "chief.officer")
    page.get_by_text("I do not have my phone").click()
    page.get_by_label("Code").fill(recovery)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("status")).to_contain_text(
        "You used a recovery code; 9 left."
    )
    nav.get_by_role("link", name="Your account").click()
    expect(page.get_by_text("9 recovery codes left.")).to_be_visible()
    expect(page.get_by_role("cell", name="Recovery code used")).to_be_visible()
    both_widths_pass_axe(page)
    save_view(page, "your-account.png", 1280, 900)


def test_a_panel_member_signs_in_with_the_password_alone(page, live_demo):
    password(page, live_demo.url, "panel.member", "?next=/reports/")
    expect(page).to_have_url(live_demo.url + "/reports/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Your account"
    ).click()
    expect(page.get_by_text("Signing in asks only for your password.")).to_be_visible()
    both_widths_pass_axe(page)
