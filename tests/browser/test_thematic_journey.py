"""The Commissioner's office answers a thematic inspection for each of its
forces: it reads each force's plan for the recommendations, records the
invented force's section 55 response, and sees how far each force has got."""

import datetime
import re

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, save_view, sign_in

TITLE = "Vetting, misconduct and misogyny"
INVENTED = "Northmoor Police (invented)"


def test_the_office_answers_a_thematic_inspection_for_each_force(page, live_demo):
    page.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(page, "commissioners.office")
    page.goto(live_demo.url + "/")
    page.get_by_role("link", name=TITLE).first.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    expect(page.locator(".app-caption").first).to_have_text("Thematic inspection")
    applies = page.locator("dt", has_text="Applies to").locator("xpath=..")
    expect(applies).to_contain_text(f"Leicestershire Police, {INVENTED}")
    first = page.locator("td", has_text="Recommendation 1.")
    expect(first).to_contain_text("Leicestershire Police: Record the rationale")
    expect(first).to_contain_text(f"{INVENTED}: Vetting decisions")
    expect(page.get_by_text("Overall grade")).to_have_count(0)
    assert axe_violations(page) == []

    # The invented force's Commissioner has not yet answered: the office does.
    for_invented = re.compile(
        f"Record the section 55 response.*for {re.escape(INVENTED)}"
    )
    page.get_by_role("link", name=for_invented).click()
    expect(page.locator(".app-caption")).to_contain_text(f"for {INVENTED}")
    assert axe_violations(page) == []
    page.get_by_label("Commissioner's comments").fill(
        "I will hold the Chief Constable to account for each recommendation."
    )
    page.get_by_label("Published on").fill("2099-01-01")  # still to come
    page.get_by_role("button", name="Save the response").click()
    expect(page.locator("#error-summary")).to_contain_text("still to come")
    page.get_by_label("Published on").fill(datetime.date(2022, 12, 21).isoformat())
    page.get_by_role("button", name="Save the response").click()
    expect(page.get_by_role("status")).to_contain_text(
        "The section 55 response is saved."
    )
    assert page.url.endswith("#section-55-northmoor-demo")
    invented = page.locator("#section-55-northmoor-demo ~ dl").first
    expect(invented).to_contain_text("21 December 2022")
    expect(invented).to_contain_text("I will hold the Chief Constable")

    page.get_by_role(
        "link", name="How far each has got with each recommendation"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "How far each force has got"
    )
    responses = page.get_by_role("table", name="Each force's section 55 response")
    expect(responses.get_by_role("row", name=INVENTED)).to_contain_text("Published")
    college = page.locator("h2", has_text="Recommendation 4").locator("~ p").nth(1)
    expect(college).to_contain_text("Made to College of Policing, not to forces")
    assert axe_violations(page) == []
    save_view(page, "thematic-by-force-phone.png", 390, 844)
    assert axe_violations(page) == []
