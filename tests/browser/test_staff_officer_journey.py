"""A staff officer signs in to the admin and gives this week's update."""

import re

from playwright.sync_api import expect

from actions.models import Action
from tests.browser.conftest import axe_violations, sign_in


def test_staff_officer_gives_a_weekly_update_in_the_admin(page, live_demo):
    page.goto(live_demo.url + "/admin/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    sign_in(page, "staff.officer")
    expect(
        page.get_by_role("heading", name="Inspections and action plans")
    ).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Actions").first.click()
    title = "Vulnerability training for all frontline officers and staff"
    assert axe_violations(page) == []
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name="Progress so far")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("textbox", name="Narrative").fill(
        "Supervisors' classroom sessions complete."
    )
    page.get_by_role("spinbutton", name="Percent complete").fill("90")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert axe_violations(page) == []
    action = Action.objects.get(title=title)
    assert action.percent_complete == 90
    latest = action.updates.first()
    assert latest.narrative == "Supervisors' classroom sessions complete."
    assert str(latest.author) == "Sam Carter"


def test_admin_forms_with_autocomplete_pass_axe(page, live_demo):
    page.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(page, "admin")
    for path in (
        "/admin/actions/progressupdate/add/",
        "/admin/actions/action/add/",
        "/admin/inspections/finding/",
        "/admin/inspections/inspection/",
    ):
        page.goto(live_demo.url + path)
        expect(page).to_have_title(re.compile("PCC Panel admin"))
        assert axe_violations(page) == [], path
