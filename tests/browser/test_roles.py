"""Each role signs in and finds the navigation its rights call for."""

import pytest
from playwright.sync_api import expect

from actions.models import Action
from tests.browser.conftest import axe_violations, sign_in


@pytest.mark.parametrize(
    ("username", "role", "uses_admin"),
    [
        ("panel.member", "Panel member", False),
        ("staff.officer", "Staff officer", True),
        ("chief.officer", "Chief officer", True),
        ("commissioners.office", "Commissioner's office", True),
        ("admin", "Administrator", True),
    ],
)
def test_each_role_signs_in_and_sees_its_navigation(
    page, live_demo, username, role, uses_admin
):
    page.goto(live_demo.url + "/accounts/sign-in/")
    assert axe_violations(page) == []
    sign_in(page, username)

    expect(page.locator(".app-header__user")).to_contain_text(f"({role})")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Admin")).to_have_count(int(uses_admin))
    expect(nav.get_by_role("button", name="Sign out")).to_be_visible()
    expect(nav.get_by_role("link", name="Sign in")).to_have_count(0)

    action = Action.objects.get(title="Domestic abuse training for response officers")
    page.goto(live_demo.url + action.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text(action.title)
    record = page.get_by_role("link", name="Record progress on this action")
    expect(record).to_have_count(
        int(username in ("staff.officer", "chief.officer", "admin"))
    )
    assert axe_violations(page) == []

    nav.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_contain_text("You have signed out.")
    expect(nav.get_by_role("link", name="Sign in")).to_be_visible()


def test_a_failed_sign_in_is_explained(page, live_demo):
    page.goto(live_demo.url + "/accounts/sign-in/")
    page.get_by_label("Username").fill("staff.officer")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Enter a correct username and password.")).to_be_visible()
    assert axe_violations(page) == []


def test_chief_officer_decides_an_extension_on_the_action_page(page, live_demo):
    page.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(page, "chief.officer")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Action tracker"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action tracker")
    assert axe_violations(page) == []

    # the 2017 plan's request asked for March 2018: it can only be refused now
    page.get_by_role(
        "link",
        name="Joint outcomes improvement plan with the Crown Prosecution Service",
    ).click()
    expect(
        page.get_by_role("heading", name="Decide on the new due date")
    ).to_be_visible()
    expect(page.get_by_label("Approve the new date")).to_have_count(0)
    expect(page.get_by_text("The date asked for has passed")).to_be_visible()
    assert axe_violations(page) == []

    # the running plan's request is for a date still to come
    page.go_back()
    page.get_by_role("link", name="Investigation plan template and audit").click()
    page.get_by_label("Approve the new date").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("status")).to_contain_text("approved")
    expect(page.get_by_text("Extended: originally due")).to_be_visible()
    assert axe_violations(page) == []


def test_signed_in_pages_reflow_on_a_narrow_screen(page, live_demo):
    """WCAG 1.4.10: at 320 CSS pixels nothing scrolls sideways, navigation
    included."""
    page.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(page, "chief.officer")
    action = Action.objects.get(title="Domestic abuse training for response officers")
    page.set_viewport_size({"width": 320, "height": 640})
    for path in (
        "/",
        "/dashboard/",
        "/actions/",
        "/actions/mine/",
        action.get_absolute_url(),
        f"/actions/{action.pk}/update/",
        "/meetings/",
        "/reports/",
    ):
        page.goto(live_demo.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
