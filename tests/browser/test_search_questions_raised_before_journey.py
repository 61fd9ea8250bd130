"""A panel member searches, then asks the Commissioner about an inspection; the
office answers and publishes the next paper, which the public reads with the
answer; a chief officer confirms a finding raised before."""

import re

from playwright.sync_api import expect

from inspections.models import Inspection
from reports.models import ReportStatus
from tests.browser.conftest import axe_violations, save_view, sign_in
from tests.factories import PanelReportFactory


def no_sideways_scroll(page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []


def test_a_panel_member_searches_and_asks_and_the_next_paper_answers(
    page, browser, live_demo
):
    leicestershire = Inspection.objects.get(force__slug="leicestershire")
    paper = PanelReportFactory(
        inspection=leicestershire,
        status=ReportStatus.DRAFT,
        subject="HMIC PEEL: the force's progress",
    )
    page.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(page, "panel.member")
    # search from the header
    box = page.get_by_role("search", name="Site").get_by_label("Search the site")
    box.fill("contact victims")
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(
        page.get_by_role("heading", name=re.compile(r"\d+ results?"))
    ).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()
    assert axe_violations(page) == []
    save_view(page, "search-1280.png", 1280, 900)
    page.get_by_text("Filters", exact=True).click()
    page.get_by_label("Kind").select_option("finding")
    page.get_by_role("button", name="Search", exact=True).last.click()
    kinds = page.locator(".app-result__kind").all_inner_texts()
    assert kinds and set(kinds) == {"Finding"}
    no_sideways_scroll(page)
    save_view(page, "search-390.png", 390, 844)
    page.set_viewport_size({"width": 1280, "height": 900})
    # ask about the inspection
    page.goto(live_demo.url + leicestershire.get_absolute_url())
    page.get_by_role("link", name=re.compile("Ask the Commissioner a question")).click()
    page.get_by_role("button", name="Send the question").click()  # empty
    expect(page.get_by_role("alert")).to_contain_text("Write your question.")
    assert axe_violations(page) == []
    page.get_by_label("Your question to the Commissioner").fill(
        "How will the force reduce repeat victimisation?"
    )
    page.get_by_role("button", name="Send the question").click()
    expect(page.get_by_role("status")).to_contain_text("Your question was sent")
    assert axe_violations(page) == []
    no_sideways_scroll(page)

    office = browser.new_context(base_url=live_demo.url).new_page()
    office.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(office, "commissioners.office")
    office.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Questions"
    ).click()
    expect(
        office.get_by_role("heading", name=re.compile("Outstanding"))
    ).to_be_visible()
    assert axe_violations(office) == []
    office.get_by_role("link", name=re.compile("repeat victimisation")).click()
    office.get_by_label("To be answered by").fill("2001-01-01")
    office.get_by_role("button", name="Save").click()
    expect(office.get_by_role("alert")).to_contain_text("Choose a date from the day")
    office.get_by_label("To be answered by").fill("")
    office.get_by_label("Answer", exact=True).fill(
        "A repeat-victim scheme starts in every district this spring."
    )
    office.get_by_role("button", name="Save").click()
    expect(office.get_by_role("status")).to_contain_text(  # the demo has no e-mails
        "Answer saved. The member has no e-mail address, so was not e-mailed."
    )
    assert axe_violations(office) == []
    office.goto(live_demo.url + paper.get_absolute_url())
    expect(
        office.get_by_role("heading", name="Questions from the Panel")
    ).to_be_visible()
    office.get_by_role("link", name="Publish the report…").click()
    if "/accounts/confirm/" in office.url:
        office.get_by_label("Password").fill("pcc-panel-demo")
        office.get_by_role("button", name=re.compile("Confirm|Continue")).click()
    office.get_by_role("button", name="Publish the report").click()
    expect(office.get_by_role("status")).to_contain_text("The report is published")

    # the member reads the answer in the paper, and their question's page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_demo.url + paper.get_absolute_url())
    expect(page.get_by_text(re.compile("repeat-victim scheme starts"))).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Questions"
    ).click()
    page.get_by_role("link", name=re.compile("repeat victimisation")).click()
    expect(
        page.get_by_role("link", name=re.compile("HMIC PEEL: the force"))
    ).to_be_visible()
    assert axe_violations(page) == []

    public = browser.new_context().new_page()
    public.goto(live_demo.url + paper.get_absolute_url())
    expect(
        public.get_by_role("heading", name="Questions from the Panel")
    ).to_be_visible()
    expect(
        public.get_by_text(re.compile("repeat-victim scheme starts"))
    ).to_be_visible()
    assert axe_violations(public) == []
    save_view(public, "paper-questions-1280.png", 1280, 900)
    no_sideways_scroll(public)


def test_a_chief_officer_confirms_a_finding_raised_before(page, live_demo):
    northmoor = Inspection.objects.get(
        force__slug="northmoor-demo", framework="peel-2025-27"
    )
    page.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(page, "chief.officer")
    page.goto(live_demo.url + northmoor.get_absolute_url())
    page.get_by_role("link", name="Review the findings raised before").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Findings raised before")
    expect(page.get_by_role("cell", name="100%")).to_be_visible()
    assert axe_violations(page) == []
    save_view(page, "raised-before-1280.png", 1280, 900)
    page.get_by_role("button", name=re.compile("^Raised again")).first.click()
    expect(page.get_by_role("status")).to_contain_text("raised again")
    no_sideways_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Back to the inspection").click()
    expect(page.get_by_text(re.compile("was raised before"))).to_be_visible()
    expect(page.get_by_text(re.compile("First raised in"))).to_be_visible()
    assert axe_violations(page) == []
    page.goto(live_demo.url + "/dashboard/")
    expect(page.get_by_text(re.compile(r"1 \w[\w ]* raised again"))).to_be_visible()
