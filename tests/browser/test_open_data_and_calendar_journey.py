"""The public takes the data away; a panel member reads the Panel's meetings and
what changed since the last one; a staff officer puts their dates in a calendar."""

import json
import re

from playwright.sync_api import expect

from inspections.models import Inspection
from tests.browser.conftest import axe_violations, save_view, sign_in


def test_the_public_finds_the_open_data_and_reads_it(page, live_demo):
    page.goto(live_demo.url)
    page.get_by_role("contentinfo").get_by_role("link", name="Open data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open data")
    expect(page.get_by_role("table", name="Columns of inspections")).to_be_visible()
    assert axe_violations(page) == []
    save_view(page, "open-data-1280.png", 1280, 900)
    page.get_by_role("link", name="Inspections as JSON").click()
    body = json.loads(page.locator("body").inner_text())
    assert body["count"] >= 1
    assert any(row["organisation"] == "leicestershire" for row in body["items"])
    csv = page.request.get(
        live_demo.url + "/api/v1/grades.csv?organisation=leicestershire"
    )
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert "Requires improvement".lower().replace(" ", "_") in csv.text()
    page.goto(live_demo.url + "/open-data/")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []
    save_view(page, "open-data-390.png", 390, 844)


def test_a_panel_member_reads_the_panels_meeting_and_what_changed(page, live_demo):
    page.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(page, "panel.member")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Panel meetings"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meetings")
    assert axe_violations(page) == []
    links = page.get_by_role("link", name=re.compile("Police and Crime Panel"))
    expect(links).to_have_count(1)  # the chief officers' meetings are not theirs
    links.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Police and Crime Panel"
    )
    expect(
        page.get_by_role("heading", name="Open actions at the meeting")
    ).to_be_visible()
    assert axe_violations(page) == []

    inspection = Inspection.objects.get(force__slug="leicestershire")
    page.goto(live_demo.url + inspection.get_absolute_url())
    since = page.get_by_role("heading", name="Since the last Panel")
    expect(since).to_be_visible()
    expect(
        page.get_by_text(re.compile("Police and Crime Panel of 29 March 2017"))
    ).to_be_visible()
    assert axe_violations(page) == []
    save_view(page, "since-the-last-panel-1280.png", 1280, 900)
    page.set_viewport_size({"width": 390, "height": 844})
    since.scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []
    save_view(page, "since-the-last-panel-390.png", 390, 844)


def test_a_staff_officer_makes_a_calendar_link_and_stops_it(page, live_demo):
    page.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(page, "staff.officer")
    page.get_by_role("link", name="Your account").click()
    page.get_by_role("link", name="set up your calendar link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your calendar")
    expect(page.get_by_text("You have no calendar link.")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Make a link").click()
    address = page.get_by_label("Your private calendar link").input_value()
    assert re.fullmatch(re.escape(live_demo.url) + r"/calendar/[\w-]+\.ics", address)
    assert axe_violations(page) == []
    save_view(page, "calendar-link-390.png", 390, 844)
    feed = page.context.request.get(address)
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "BEGIN:VCALENDAR" in feed.text()
    assert "Action due:" in feed.text()
    page.get_by_role("link", name="Back to your calendar").click()
    expect(page.get_by_text(re.compile("You made a link on"))).to_be_visible()
    page.get_by_role("button", name="Stop my link").click()
    expect(page.get_by_text("Your calendar link has stopped working.")).to_be_visible()
    assert page.context.request.get(address).status == 404
