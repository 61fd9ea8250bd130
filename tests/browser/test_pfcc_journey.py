"""A PFCC's office works across its police force and its fire and rescue
service: from the dashboard's monitoring note to the fire service's Engage
period and round-3 inspection, then records the inspectorate's newest view of a
recommendation in the admin and finds it on the site; and reads its force."""

import datetime
import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, save_view, sign_in

SERVICE = "Eastmere Fire and Rescue Service"


def test_the_offices_week_across_its_force_and_fire_service(page, live_demo):
    page.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(page, "commissioners.office")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Dashboard"
    ).click()
    note = page.get_by_role("note").filter(has_text="In HMICFRS monitoring")
    expect(note).to_contain_text(f"{SERVICE} has been in Engage since 5 August 2024")
    assert axe_violations(page) == []

    note.get_by_role("link", name="Why, and its improvement plan").click()
    expect(page.get_by_role("heading", name="HMICFRS monitoring")).to_be_visible()
    expect(page.locator("#monitoring ~ dl").first).to_contain_text("values and culture")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Round 3 (2023–25), July 2024").first.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Round 3 (2023–25)")
    expect(page.get_by_text("gave no overall grade")).to_be_visible()
    first = page.locator("td", has_text="Recommendation 1.")
    expect(first).to_contain_text("Accompanies cause of concern 1")
    expect(first).to_contain_text("Being progressed")
    assert axe_violations(page) == []
    save_view(page, "fire-inspection-phone.png", 390, 844)
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})

    # The inspectorate writes that the recommendation is complete.
    page.goto(live_demo.url + "/admin/inspections/finding/?q=confidential+route")
    page.get_by_role("link", name="Recommendation 1: By 31 January 2025").click()
    assert axe_violations(page) == []
    views = page.locator("#inspectorate_views-group")
    views.get_by_role("button", name=re.compile("add another", re.I)).click()
    added = views.locator(".inline-related:not(.empty-form)").last
    added.get_by_label("Status").select_option(label="Complete")
    added.get_by_label("Date").fill(datetime.date(2025, 6, 30).isoformat())
    added.get_by_label("Comment").fill("The staff survey now shows trust in it.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(live_demo.url + "/")
    page.get_by_role("link", name=SERVICE).first.click()
    first = page.locator("td", has_text="Recommendation 1.")
    expect(first).to_contain_text("Complete, 30 June 2025: The staff survey now")
    expect(first).to_contain_text("Its earlier views (2)")

    # And the force: the seed's inspection, its areas for improvement.
    page.goto(live_demo.url + "/")
    page.get_by_role("link", name="Leicestershire Police").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("PEEL")
    expect(page.get_by_text("The inspectorate found the force to be:")).to_be_visible()
    assert axe_violations(page) == []
