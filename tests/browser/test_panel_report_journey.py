"""A panel member reads the published demo report and downloads its PDF."""

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, save_screenshot, save_view, sign_in


def test_the_published_paper_reads_like_the_seed_and_downloads_as_pdf(page, live_demo):
    page.goto(live_demo.url)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Panel reports"
    ).click()
    page.get_by_role("link", name="HMIC Inspection – PEEL Effectiveness").click()
    facts = page.get_by_role("table", name="About this report")
    expect(facts).to_contain_text("WEDNESDAY 29 MARCH 2017")
    expect(page.get_by_role("heading", name="The rating")).to_be_visible()
    expect(page.get_by_text("16.", exact=True)).to_be_visible()
    assert axe_violations(page) == []
    save_screenshot(page, "panel-report.png")
    save_view(page, "panel-report-phone.png", 390, 844)
    page.set_viewport_size({"width": 1280, "height": 900})

    with page.expect_download() as download:
        page.get_by_role("link", name="Download as PDF").click()
    assert download.value.suggested_filename == "panel-report-2017-03-29.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_the_report_form_passes_axe(page, live_demo):
    page.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(page, "commissioners.office")
    page.goto(live_demo.url + "/reports/")
    page.get_by_role("link", name="Write a new report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New panel report")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save the report").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert axe_violations(page) == []


def test_publishing_asks_first_and_an_amendment_shows_on_the_paper(page, live_demo):
    from reports.models import PanelReport, ReportStatus

    report = PanelReport.objects.get()
    PanelReport.objects.filter(pk=report.pk).update(status=ReportStatus.DRAFT)
    page.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(page, "commissioners.office")
    page.goto(live_demo.url + report.get_absolute_url())
    page.get_by_role("link", name="as the public").first.click()
    expect(page.get_by_role("note").first).to_contain_text("as the public will read it")
    page.get_by_role("link", name="Back to your own view").click()
    page.get_by_role("link", name="Publish the report…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish the report?")
    assert axe_violations(page) == []
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT  # asking published nothing
    page.get_by_role("button", name="Publish the report").click()
    expect(page.get_by_text("The report is published")).to_be_visible()

    page.get_by_role("link", name="Amend the report").click()
    page.get_by_label("What changed, and why").fill("Corrected the meeting's venue.")
    page.get_by_role("button", name="Save the report").click()
    expect(
        page.get_by_role("heading", name="Amended after publication")
    ).to_be_visible()
    expect(page.get_by_text("Corrected the meeting's venue.")).to_be_visible()
    assert axe_violations(page) == []
