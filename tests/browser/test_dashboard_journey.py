"""A chief officer reviews the dashboard and a meeting's snapshot."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, save_screenshot, save_view, sign_in

ACTION = "Domestic abuse training for response officers"
JUNE = "Strategic Assurance Board, 22 June 2017"
MOVED = "Audit of domestic abuse arrest decisions (In progress → Blocked)"


def test_chief_officer_filters_the_dashboard_and_follows_an_overdue_action(
    page, live_demo
):
    page.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(page, "chief.officer")
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.locator(".app-figure").nth(2)).to_contain_text("overdue actions")
    assert axe_violations(page) == []
    save_screenshot(page, "dashboard.png")
    save_view(page, "dashboard-1024x768.png", 1024, 768)  # a committee projector
    page.set_viewport_size({"width": 1280, "height": 900})

    theme = page.get_by_label("Theme", exact=True)
    expect(theme).to_be_hidden()  # the filters fold away until asked for
    page.get_by_text("Filter the dashboard", exact=True).click()
    theme.select_option("Service to victims")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"theme=Service\+to\+victims"))
    overdue = page.get_by_role("table", name="Overdue actions, longest overdue first")
    expect(overdue.locator("tbody tr")).to_have_count(3)
    expect(overdue).not_to_contain_text("Joint outcomes")  # crime and incident
    assert axe_violations(page) == []

    overdue.get_by_role("link", name=ACTION).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(ACTION)


def test_the_meetings_and_snapshot_pages_pass_axe(page, live_demo):
    page.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(page, "commissioners.office")
    page.goto(live_demo.url + "/meetings/")
    assert axe_violations(page) == []
    page.get_by_role(
        "link", name=re.compile(r"Strategic Assurance Board\s*, 22 June")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(JUNE)
    expect(page.get_by_text(MOVED)).to_be_visible()
    assert axe_violations(page) == []


def test_each_headline_figure_opens_a_list_of_as_many_rows(page, live_demo):
    """A chief officer clicks each headline figure and counts the rows it
    opens: the tracker's actions, or the open findings, as many as it says;
    at 1024 by 768, the overdue and awaiting sign-off lists start on the
    first screen beside the figures."""
    page.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(page, "chief.officer")
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(live_demo.url + "/dashboard/")
    for heading in ("Overdue", "Awaiting sign-off"):
        top = page.get_by_role("heading", name=heading, exact=True).bounding_box()
        assert top is not None and top["y"] + top["height"] < 768, heading
    figures = page.locator(".app-figure:has(a)")
    labels = [figures.nth(n).locator("a").inner_text() for n in range(figures.count())]
    assert len(labels) == 7
    for label in labels:
        if "section 55" in label:
            continue  # links to the list on the page itself
        page.goto(live_demo.url + "/dashboard/")
        figure = page.locator(".app-figure", has_text=label)
        count = int(figure.locator(".app-figure__number").inner_text())
        figure.get_by_role("link").click()
        heading = page.get_by_role("heading", level=1)
        if label.startswith("open"):  # the open findings
            expect(heading).to_contain_text(f"({count})")
        else:
            expect(heading).to_have_text("Action tracker")
        expect(page.locator("main table tbody tr")).to_have_count(min(count, 50))
        assert axe_violations(page) == [], label
