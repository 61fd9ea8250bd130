"""The page shown while the database cannot be reached."""

from django.db import OperationalError
from playwright.sync_api import expect

from inspections.views import InspectionListView
from tests.browser.conftest import axe_violations, save_screenshot


def test_the_database_outage_page_is_plain_and_passes_axe(
    page, live_server, transactional_db, monkeypatch
):
    def unreachable(self):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(InspectionListView, "get_queryset", unreachable)
    response = page.goto(live_server.url + "/")
    assert response.status == 503
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "The service is unavailable for a moment"
    )
    expect(page).to_have_title("The service is unavailable for a moment – PCC Panel")
    assert axe_violations(page) == []
    save_screenshot(page, "unavailable.png")
