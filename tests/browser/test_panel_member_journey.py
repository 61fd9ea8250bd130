"""A panel member finds the Leicestershire inspection and reads its grades."""

import re

from playwright.sync_api import expect

from inspections.models import Inspection
from tests.browser.conftest import axe_violations, save_screenshot, sign_in


def test_panel_member_reads_the_four_grades_from_the_home_page(page, live_demo):
    page.goto(live_demo.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Inspections")
    assert axe_violations(page) == []

    page.get_by_role("link", name=re.compile("PEEL Effectiveness")).click()

    expect(page).to_have_title(re.compile("PEEL Effectiveness, Leicestershire Police"))
    rating = page.get_by_role("table", name="Graded questions and their grades")
    grades = rating.locator("tbody td").all_inner_texts()
    assert grades == ["Good", "Good", "Requires improvement", "Requires improvement"]
    expect(rating.locator("tfoot")).to_contain_text("Requires improvement")
    for theme in ("Crime and incident management", "Service to victims"):
        expect(page.get_by_role("heading", name=theme)).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Sign in", exact=True).first.click()
    sign_in(page, "panel.member")
    expect(page).to_have_title(re.compile("PEEL Effectiveness, Leicestershire Police"))
    for theme in ("Crime and incident management", "Service to victims"):
        expect(page.get_by_role("table", name=theme)).to_be_visible()
    themes = page.get_by_role(
        "table", name=re.compile("Crime and incident management|Service to victims")
    )  # the action is linked from its finding (and from "Since the last Panel")
    expect(
        themes.get_by_role(
            "link", name="Supervisory review of every initial investigation"
        )
    ).to_be_visible()
    assert axe_violations(page) == []
    save_screenshot(page, "inspection-page.png")


def test_skip_link_is_the_first_stop_for_a_keyboard_user(page, live_demo):
    page.goto(live_demo.url)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()


def test_accessibility_statement_and_not_found_pages_pass_axe(page, live_demo):
    for path in ("accessibility/", "no-such-page/"):
        page.goto(live_demo.url + "/" + path)
        expect(page.locator("footer")).to_contain_text("Accessibility statement")
        assert axe_violations(page) == [], path


def test_pages_reflow_on_a_narrow_screen_without_sideways_scrolling(page, live_demo):
    page.set_viewport_size({"width": 320, "height": 640})
    inspection = Inspection.objects.get(force__slug="leicestershire")
    for path in ("/", inspection.get_absolute_url(), "/accessibility/"):
        page.goto(live_demo.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        assert axe_violations(page) == [], path
