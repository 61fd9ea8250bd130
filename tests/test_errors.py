"""When the database cannot be reached the site says so with a 503 page, and an
unexpected error gives the 500 page: neither shows a traceback."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client

from inspections.views import InspectionListView

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiet_client():
    return Client(raise_request_exception=False)


def test_a_database_outage_is_a_styled_503(quiet_client, monkeypatch):
    def unreachable(self):
        raise OperationalError("connection to server at 127.0.0.1 failed")

    monkeypatch.setattr(InspectionListView, "get_queryset", unreachable)
    response = quiet_client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "The service is unavailable for a moment" in response.text
    assert "Nothing you have already saved is lost" in response.text
    assert "Traceback" not in response.text and "127.0.0.1" not in response.text


def test_any_other_error_is_the_500_page(quiet_client, monkeypatch):
    def broken(self):
        raise ValueError("a bug")

    monkeypatch.setattr(InspectionListView, "get_queryset", broken)
    response = quiet_client.get("/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.text
    assert "a bug" not in response.text
