"""A staff officer imports the seed: upload it, check the preview, confirm."""

import datetime

from playwright.sync_api import expect

from inspections.models import Inspection
from tests.browser.conftest import axe_violations, save_screenshot, sign_in
from tests.importing.documents import SEED


def test_staff_officer_imports_the_seed_in_two_clicks(page, live_demo):
    # The demo already holds the seed's inspection: move it aside, so that the
    # seed arrives as a new inspection for a force the application knows.
    Inspection.objects.filter(force__slug="leicestershire").update(
        publication_date=datetime.date(2017, 3, 9)
    )
    page.goto(live_demo.url + "/accounts/sign-in/?next=/admin/inspections/inspection/")
    sign_in(page, "staff.officer")
    page.get_by_role("link", name="Import a document").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Import an inspection document"
    )
    assert axe_violations(page) == []

    page.get_by_label("Inspection report or panel paper").set_input_files(SEED)
    page.get_by_role("button", name="Preview the import").click()  # click 1
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the import")
    expect(
        page.get_by_role(
            "heading", name="Findings (21: 9 strengths, 12 areas for improvement)"
        )
    ).to_be_visible()
    expect(page.get_by_text("Nothing has been saved yet")).to_be_visible()
    assert axe_violations(page) == []
    save_screenshot(page, "import-preview.png")
    # the seed's, the live demo and its earlier one, the fire service's, the thematic
    demo_count = 5
    assert Inspection.objects.count() == demo_count  # nothing saved yet

    page.get_by_role("button", name="Create the draft inspection").click()  # click 2
    expect(page.locator(".messagelist")).to_contain_text("as a draft")
    assert axe_violations(page) == []
    imported = Inspection.objects.get(publication_date=datetime.date(2017, 3, 2))
    assert (imported.questions.count(), imported.findings.count()) == (4, 21)
    assert not imported.is_published


def test_a_misread_grade_is_corrected_in_the_preview(page, live_demo):
    """The person corrects the preview, sees the result and what they changed,
    then imports it as corrected."""
    Inspection.objects.filter(force__slug="leicestershire").update(
        publication_date=datetime.date(2017, 3, 9)
    )
    page.goto(live_demo.url + "/accounts/sign-in/?next=/admin/inspections/inspection/")
    sign_in(page, "chief.officer")
    page.get_by_role("link", name="Import a document").click()
    page.get_by_label("Inspection report or panel paper").set_input_files(SEED)
    page.get_by_role("button", name="Preview the import").click()
    page.get_by_label("Grade of question 1", exact=True).select_option("adequate")
    page.get_by_label("Remove finding 21", exact=True).check()
    page.get_by_role("button", name="Show the preview with my corrections").click()
    expect(page.get_by_role("heading", name="Your corrections (2)")).to_be_visible()
    expect(page.locator(".messagelist")).to_contain_text("now shows your corrections")
    assert axe_violations(page) == []
    assert (
        Inspection.objects.filter(publication_date=datetime.date(2017, 3, 2)).count()
        == 0
    )
    # the seed's round grades on four points: "adequate" is refused, saying so
    page.get_by_role("button", name="Create the draft inspection").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "Adequate is not one of its grades"
    )
    assert not Inspection.objects.filter(publication_date=datetime.date(2017, 3, 2))
    page.get_by_label("Grade of question 1", exact=True).select_option("outstanding")
    page.get_by_role("button", name="Show the preview with my corrections").click()
    page.get_by_role("button", name="Create the draft inspection").click()
    expect(page.locator(".messagelist")).to_contain_text("as a draft")
    imported = Inspection.objects.get(publication_date=datetime.date(2017, 3, 2))
    assert imported.questions.get(order=1).grade == "outstanding"
    assert imported.findings.count() == 20
    record = imported.document_imports.get()
    assert len(record.correction_list) == 2
