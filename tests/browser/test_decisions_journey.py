"""The weekly loop's decisions, as people make them in the browser: a chief
officer signs off from the action page's own button; a staff officer's bad
request for a later due date keeps what was typed and says what is wrong."""

from django.utils import timezone
from playwright.sync_api import expect

from actions.choices import Status
from actions.models import Action
from tests.browser.conftest import axe_violations, sign_in

AWAITING = "Supervisory review of every initial investigation"


def test_chief_officer_signs_off_from_the_action_pages_button(page, live_demo):
    page.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(page, "chief.officer")
    action = Action.objects.get(title=AWAITING)
    assert action.status == Status.COMPLETED
    page.goto(live_demo.url + action.get_absolute_url())
    page.get_by_role("link", name="Sign off this action").click()
    expect(page.get_by_role("heading", name="What the owner reported")).to_be_visible()
    expect(page.get_by_label("RAG (your own assessment)")).to_have_count(0)
    assert axe_violations(page) == []
    sign_off = page.get_by_role("button", name="Sign off and close the action")
    sign_off.click()  # no comment: explained
    expect(page).to_have_title(f"Error: Sign off: {AWAITING} – PCC Panel")
    expect(page.locator("#error-summary")).to_be_visible()
    assert axe_violations(page) == []
    comment = page.get_by_role("textbox").first
    comment.fill("Checked the dip sample of 40 investigations: done.")
    sign_off.click()
    expect(page.get_by_role("status")).to_contain_text("is signed off and closed")
    action.refresh_from_db()
    assert action.status == Status.CLOSED
    assert "dip sample" in action.sign_off_comment


def test_a_bad_extension_request_keeps_its_text_and_says_why(page, live_demo):
    page.goto(live_demo.url + "/accounts/sign-in/")
    sign_in(page, "staff.officer")
    action = (
        Action.objects.filter(
            owner__username="staff.officer", status=Status.IN_PROGRESS
        )
        .exclude(extensions__decision="pending")
        .order_by("pk")
        .first()
    )
    assert action is not None
    page.goto(live_demo.url + action.get_absolute_url())
    page.get_by_text("Ask for a new due date", exact=True).click()
    reason = "The CPS review moved to the spring; we need its findings first."
    page.get_by_label("Why more time is needed").fill(reason)
    page.get_by_label("New due date").fill("2001-01-01")  # before the due date
    page.get_by_role("button", name="Send the request").click()
    expect(page).to_have_title(f"Error: {action.title} – PCC Panel")
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    overdue = action.due_date < timezone.localdate()
    expect(summary).to_contain_text(
        "Ask for a date after today" if overdue else "Ask for a date after the current"
    )
    expect(page.get_by_label("Why more time is needed")).to_have_value(reason)
    assert axe_violations(page) == []
    assert not action.extensions.exists()
