"""A staff officer's weekly update, all in the site."""

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, sign_in

TITLE = "Vulnerability training for all frontline officers and staff"


def test_staff_officer_updates_an_action_from_my_actions(page, live_demo, tmp_path):
    page.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(page, "staff.officer")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="My actions"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My actions")
    assert axe_violations(page) == []

    page.get_by_role("link", name=f"Update {TITLE}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    assert axe_violations(page) == []

    minutes = tmp_path / "minutes.csv"
    minutes.write_text("session,attended\n1,24\n")
    page.get_by_role("textbox", name="What has been done since the last update").fill(
        "Supervisors' classroom sessions complete."
    )
    page.get_by_role("spinbutton", name="Percent complete").fill("90")
    page.get_by_label("Amber").check()
    page.get_by_label("Evidence (optional)").set_input_files(str(minutes))
    page.get_by_role("button", name="Save the update").click()

    expect(page.get_by_role("status")).to_contain_text("is saved")
    history = page.get_by_role("table", name="Progress updates, newest first")
    first_row = history.locator("tbody tr").first
    expect(first_row).to_contain_text("Supervisors' classroom sessions complete.")
    expect(first_row).to_contain_text("90%")
    expect(first_row.get_by_role("link", name="minutes.csv")).to_be_visible()
    expect(page.get_by_text("Percent complete: 75% → 90%")).to_be_visible()
    assert axe_violations(page) == []


def test_a_bad_file_is_explained_on_the_page(page, live_demo, tmp_path):
    page.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(page, "staff.officer")
    page.goto(live_demo.url + "/actions/mine/")
    page.get_by_role("link", name=f"Update {TITLE}").click()
    fake = tmp_path / "report.pdf"
    fake.write_text("not really a pdf")
    page.get_by_role("textbox", name="What has been done since the last update").fill(
        "With the report."
    )
    page.get_by_label("Evidence (optional)").set_input_files(str(fake))
    page.get_by_role("button", name="Save the update").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("report.pdf is named as a PDF")
    assert axe_violations(page) == []
