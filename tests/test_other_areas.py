"""Nothing of another Commissioner's area is changed in the admin by this
area's people: for every model the admin registers, one row of everything in
North's area, and each role held in South's (in its force, and in its
Commissioner's office). Wherever South's people can list a row of North's, the
admin neither offers them its change form nor lets them delete it: the same
rules the services check on saving (inspections.services.may_amend, the
actions' and reports' own), so that no one is shown a form they cannot save.
Reading across areas is issue 9's canaries'."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.roles import Role
from demo.areas import commissioners_area, force_named
from governance.models import Meeting, MeetingType, Section55Response
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    AmendmentFactory,
    DueDateExtensionFactory,
    EvidenceFactory,
    FindingFactory,
    GradedQuestionFactory,
    InspectionFactory,
    PanelReportFactory,
    ProgressUpdateFactory,
    user_in_role,
)
from tests.test_write_paths import admin_request

pytestmark = pytest.mark.django_db

ROLES = [Role.STAFF_OFFICER, Role.CHIEF_OFFICER, Role.COMMISSIONERS_OFFICE]


@pytest.fixture
def north_and_south():
    north = force_named("North Police", "north")
    south = force_named("South Police", "south")
    offices = {force: commissioners_area(force)[0] for force in (north, south)}
    inspection = InspectionFactory(force=north)
    finding = FindingFactory(inspection=inspection)
    action = ActionFactory(finding=finding)
    update = ProgressUpdateFactory(action=action)
    GradedQuestionFactory(inspection=inspection)
    DueDateExtensionFactory(action=action)
    EvidenceFactory(update=update)
    AmendmentFactory(inspection=inspection)
    PanelReportFactory(inspection=inspection)
    Section55Response.objects.create(inspection=inspection, force=north)
    Meeting.objects.create(
        force=north,
        meeting_type=MeetingType.objects.get(name="Strategic Assurance Board"),
        date=inspection.publication_date,
        attendees="Chief Constable",
    )
    return north, south, offices


def souths_people(south, offices):
    for role in ROLES:
        for organisation in (south.organisation, offices[south]):
            yield user_in_role(
                role,
                organisation=organisation,
                username=f"{role.name.lower()}.{organisation.pk}",
            )


def test_the_admin_offers_no_change_to_another_areas_rows(north_and_south):
    north, south, offices = north_and_south
    own = {south.pk, south.organisation_id, offices[south].pk}
    checked, wrong = 0, []
    for user in souths_people(south, offices):
        for model, model_admin in admin.site._registry.items():
            label = model._meta.label_lower
            url = reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
            )
            request = admin_request(user, url)
            if not model_admin.has_view_or_change_permission(request):
                continue
            for obj in model_admin.get_queryset(request):
                if label == "inspections.force" and obj.pk in own:
                    continue  # their own force
                if label.startswith("accounts.") or label.startswith("axes."):
                    continue  # people and sign-ins: issue 17's
                checked += 1
                for verb, may in (
                    ("change", model_admin.has_change_permission(request, obj)),
                    ("delete", model_admin.has_delete_permission(request, obj)),
                ):
                    if may:
                        wrong.append(f"{user.username} may {verb} {label} {obj}")
    assert wrong == []
    assert checked > 30  # South's people list North's published rows


def test_another_areas_grade_is_shown_not_offered_for_change(client, north_and_south):
    north, south, offices = north_and_south
    question = north.inspections.get().questions.get()
    chief = user_in_role(Role.CHIEF_OFFICER, organisation=south.organisation)
    sign_in(client, chief)
    url = reverse("admin:inspections_gradedquestion_change", args=[question.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="grade"' not in page.text  # read, not a form they cannot save
    refused = client.post(url, {"grade": "inadequate"})
    assert refused.status_code == 403
    question.refresh_from_db()
    assert question.grade != "inadequate"


def test_the_site_changes_nothing_of_another_areas_on_any_post(client, north_and_south):
    """Each of the site's write addresses, posted as each of South's people
    with what would be accepted from North's own: refused, and nothing moved."""
    from actions.models import Action, DueDateExtension

    north, south, offices = north_and_south
    action = Action.objects.get()
    extension = DueDateExtension.objects.get()
    inspection = north.inspections.get()
    posts = [
        (reverse("actions:update", args=[action.pk]),
         {"status": "completed", "percent_complete": 100, "rag": "green",
          "narrative": "Done.", "date": action.updates.first().date.isoformat()}),
        (reverse("actions:sign_off", args=[action.pk]), {"comment": "Signed."}),
        (reverse("actions:return", args=[action.pk]), {"reason": "Not done."}),
        (reverse("actions:extension_decision", args=[extension.pk]),
         {"decision": "approve", "note": ""}),
        (reverse("governance:section_55_edit", args=[inspection.pk]),
         {"comments": "South's words.", "published_on": "2017-04-01"}),
    ]  # fmt: skip
    before = (
        list(Action.objects.values()),
        list(DueDateExtension.objects.values()),
        list(Section55Response.objects.values()),
        action.updates.count(),
    )
    for user in souths_people(south, offices):
        sign_in(client, user)
        for url, data in posts:
            response = client.post(url, data)
            assert response.status_code in (403, 404), (user.username, url)
    after = (
        list(Action.objects.values()),
        list(DueDateExtension.objects.values()),
        list(Section55Response.objects.values()),
        action.updates.count(),
    )
    assert after == before
    # the same decision, from North's own chief officer, is taken
    sign_in(client, user_in_role(Role.CHIEF_OFFICER, organisation=north.organisation))
    url, data = posts[3]
    assert client.post(url, data).status_code == 302
    extension.refresh_from_db()
    assert extension.decision == "approved"
