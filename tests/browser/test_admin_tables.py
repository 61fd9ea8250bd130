"""The admin's tabular inlines name every column, the two Django leaves
empty included, and every row's fields (no label element names them, nor the
autocomplete boxes select2 draws): a screen reader announces each."""

from django.urls import reverse
from playwright.sync_api import expect

from inspections.models import Inspection
from tests.browser.conftest import axe_violations, sign_in

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
    assert axe_violations(page) == []  # every row's fields named, by label
    results = page.evaluate(EMPTY_HEADERS)
    assert [v["id"] for v in results["violations"]] == []
    # a finding's actions, a row each, with their owners and leads to choose
    finding = inspection.findings.filter(actions__isnull=False).first()
    url = reverse("admin:inspections_finding_change", args=[finding.pk])
    page.goto(live_demo.url + url)
    expect(page.locator("#actions-group")).to_be_attached()
    assert axe_violations(page) == []
    assert page.evaluate(EMPTY_HEADERS)["violations"] == []
