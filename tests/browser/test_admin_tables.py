"""The admin's tabular inlines name every column, the two Django leaves
empty included: a screen reader announces each cell under its header."""

from django.urls import reverse
from playwright.sync_api import expect

from inspections.models import Inspection
from tests.browser.conftest import AXE_SOURCE, sign_in

# a best practice, beyond the WCAG rules axe_violations runs
EMPTY_HEADERS = "() => axe.run(document, {runOnly: ['empty-table-header']})"


def test_the_inspection_change_pages_inline_tables_have_no_empty_header(
    page, live_demo
):
    inspection = Inspection.objects.get(force__slug="leicestershire")
    url = reverse("admin:inspections_inspection_change", args=[inspection.pk])
    page.goto(live_demo.url + url)
    sign_in(page, "chief.officer")
    headers = page.locator(".tabular thead th.original")
    expect(headers.first).to_be_attached()
    assert headers.count() >= 2  # the graded questions' and the findings'
    assert headers.first.text_content().strip() == "Graded question saved"
    page.evaluate(AXE_SOURCE)
    results = page.evaluate(EMPTY_HEADERS)
    assert [v["id"] for v in results["violations"]] == []
