"""OFFICIAL-SENSITIVE items, unpublished and embargoed inspections never reach
anyone not entitled to them: not in a page, a list or a count."""

import datetime

import pytest
from django.utils import timezone

from inspections.choices import Marking
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    FindingFactory,
    InspectionFactory,
    ProgressUpdateFactory,
    StrengthFactory,
)

pytestmark = pytest.mark.django_db
SENSITIVE = Marking.OFFICIAL_SENSITIVE

SECRET_TEXTS = [
    "Covert tactics review",  # a sensitive area for improvement
    "Informant handling audit",  # a sensitive action on an official finding
    "Named suspect update",  # a sensitive progress update on an official action
    "Counter-terrorism strength",  # a sensitive strength
    "Sensitive inspection title",  # a sensitive inspection
    "Unpublished inspection title",  # not yet published on the site
    "Embargoed inspection title",  # published on the site, date not reached
]


@pytest.fixture
def inspection_with_secrets():
    inspection = InspectionFactory(title="Open inspection")
    official = FindingFactory(inspection=inspection, text="Improving contact")
    FindingFactory(
        inspection=inspection, text="Covert tactics review", marking=SENSITIVE
    )
    StrengthFactory(
        inspection=inspection, text="Counter-terrorism strength", marking=SENSITIVE
    )
    open_action = ActionFactory(finding=official, title="Contact plan")
    ActionFactory(finding=official, title="Informant handling audit", marking=SENSITIVE)
    ProgressUpdateFactory(action=open_action, narrative="Work is under way.")
    ProgressUpdateFactory(
        action=open_action,
        narrative="Named suspect update",
        marking=SENSITIVE,
        date=datetime.date(2017, 5, 1),
    )
    InspectionFactory(title="Sensitive inspection title", marking=SENSITIVE)
    InspectionFactory(title="Unpublished inspection title", is_published=False)
    InspectionFactory(
        title="Embargoed inspection title",
        publication_date=timezone.localdate() + datetime.timedelta(days=3),
        fieldwork_start=datetime.date(2026, 1, 1),
        fieldwork_end=datetime.date(2026, 2, 1),
    )
    return inspection, open_action


def pages(client, inspection, action) -> str:
    return "".join(
        client.get(url).text
        for url in ("/", inspection.get_absolute_url(), action.get_absolute_url())
    )


@pytest.mark.parametrize("who", ["anonymous", "panel_member"])
def test_nothing_sensitive_or_unpublished_reaches_the_public_or_the_panel(
    client, request, inspection_with_secrets, who
):
    inspection, action = inspection_with_secrets
    if who != "anonymous":
        sign_in(client, request.getfixturevalue(who))
    html = pages(client, inspection, action)
    for secret in SECRET_TEXTS:
        assert secret not in html, secret
    assert "OFFICIAL-SENSITIVE" not in html
    home = client.get("/")
    assert home.context["page_obj"].paginator.count == 1
    detail = client.get(inspection.get_absolute_url())
    assert 'Areas for improvement <span class="app-count">(1)</span>' in detail.text


def test_panel_member_sees_only_the_official_actions_and_updates(
    client, panel_member, inspection_with_secrets
):
    inspection, action = inspection_with_secrets
    sign_in(client, panel_member)
    detail = client.get(inspection.get_absolute_url())
    assert "Contact plan" in detail.text
    assert "1 of 1 closed" not in detail.text
    assert "0 of 1 closed" in detail.text  # the sensitive action is not counted
    page = client.get(action.get_absolute_url())
    assert "Work is under way." in page.text


@pytest.mark.parametrize("who", ["panel_member", "staff_officer"])
def test_ids_of_things_one_may_not_see_are_not_found(client, request, who):
    sign_in(client, request.getfixturevalue(who))
    hidden = InspectionFactory(is_published=False)
    sensitive_action = ActionFactory(marking=SENSITIVE)
    expected = 404 if who == "panel_member" else 200
    assert client.get(hidden.get_absolute_url()).status_code == expected
    assert client.get(sensitive_action.get_absolute_url()).status_code == expected


def test_anonymous_visitors_are_asked_to_sign_in_for_any_action_id(client):
    for url in (ActionFactory().get_absolute_url(), "/actions/999999/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/sign-in/")


def test_staff_see_everything_with_its_marking_labelled(
    client, staff_officer, inspection_with_secrets
):
    inspection, action = inspection_with_secrets
    sign_in(client, staff_officer)
    html = pages(client, inspection, action)
    for secret in SECRET_TEXTS[:5]:
        assert secret in html, secret
    assert html.count("OFFICIAL-SENSITIVE") >= 4
    assert client.get("/").context["page_obj"].paginator.count == 4
