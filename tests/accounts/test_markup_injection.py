"""Whatever anyone types is shown as text: HTML and script never run."""

import pytest
from django.urls import reverse

from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    FindingFactory,
    ForceFactory,
    GradedQuestionFactory,
    InspectionFactory,
    ProgressUpdateFactory,
    StrengthFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']


@pytest.fixture(params=PAYLOADS, ids=["script", "img-onerror"])
def payload(request):
    return request.param


@pytest.fixture
def everything_typed(payload):
    """The payload in every free-text field people type into."""
    person = UserFactory(first_name=payload, last_name=payload, job_title=payload)
    inspection = InspectionFactory(
        force=ForceFactory(name=f"Force {payload}"),
        programme=payload,
        pillar=payload,
        title=payload,
        summary=payload,
    )
    question = GradedQuestionFactory(
        inspection=inspection, wording=payload, short_title=payload, summary=payload
    )
    StrengthFactory(inspection=inspection, text=payload)
    area = FindingFactory(
        inspection=inspection, text=payload, theme=payload, question=question
    )
    action = ActionFactory(
        finding=area, title=payload, description=payload, owner=person, lead=person
    )
    ProgressUpdateFactory(action=action, narrative=payload, author=person)
    return inspection, action


def test_site_pages_show_typed_markup_as_text(
    client, chief_officer, everything_typed, payload
):
    inspection, action = everything_typed
    sign_in(client, chief_officer)
    for url in ("/", inspection.get_absolute_url(), action.get_absolute_url()):
        html = client.get(url).text
        assert payload not in html, url
        assert "&lt;" in html, url


def test_admin_pages_show_typed_markup_as_text(admin_client, everything_typed, payload):
    inspection, action = everything_typed
    urls = [
        reverse(f"admin:{name}_changelist")
        for name in (
            "inspections_force",
            "inspections_inspection",
            "inspections_gradedquestion",
            "inspections_finding",
            "actions_action",
            "actions_progressupdate",
            "accounts_user",
        )
    ] + [
        reverse("admin:inspections_inspection_change", args=[inspection.pk]),
        reverse("admin:actions_action_change", args=[action.pk]),
        reverse("admin:inspections_finding_change", args=[action.finding.pk]),
        reverse("admin:actions_action_history", args=[action.pk]),
    ]
    for url in urls:
        html = admin_client.get(url).text
        assert payload not in html, url
