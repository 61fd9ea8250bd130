"""Every way of changing something — each admin change form, each inline, each
bulk action — holds the rules on the fields they govern: status, sign-off,
marking, owner, due date, grades, publication. The admins and their inlines are
enumerated from the admin site, so a new one is checked without being named.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.test import RequestFactory
from django.urls import resolve, reverse

from accounts.roles import Role
from actions.choices import Status
from actions.models import Action, ProgressUpdate
from actions.models.action import StateMachineBypassed
from inspections.choices import Grade
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    AmendmentFactory,
    DueDateExtensionFactory,
    EvidenceFactory,
    GradedQuestionFactory,
    PanelReportFactory,
    ProgressUpdateFactory,
    SuperuserFactory,
    user_in_role,
)

pytestmark = pytest.mark.django_db

NEVER = "never"  # no form may set it
NEVER_ONCE_CREATED = "never once created"  # set only as a new row is made
# For each model, the fields a rule governs, and the permission needed to set
# them in a form. Object-level rights on actions come on top (below).
GOVERNED: dict[str, dict[str, str]] = {
    "actions.action": {
        "status": NEVER_ONCE_CREATED,
        "rag": NEVER_ONCE_CREATED,
        "percent_complete": NEVER_ONCE_CREATED,
        "signed_off_by": NEVER,
        "signed_off_at": NEVER,
        "sign_off_comment": NEVER,
        "marking": "actions.change_any_action",
        "owner": "actions.change_any_action",
        "lead": "actions.change_any_action",
        "delegates": "actions.change_any_action",
        "due_date": "actions.change_any_action",
        "finding": "actions.change_any_action",
        "original_due_date": NEVER,
    },
    "actions.progressupdate": {"author": NEVER},
    "actions.duedateextension": {
        "decision": NEVER,
        "decided_by": NEVER,
        "new_due_date": NEVER,
    },
    "inspections.inspection": {
        "overall_grade": "inspections.change_inspection",
        "is_published": "inspections.change_inspection",
        "marking": "inspections.change_inspection",
        "publication_date": "inspections.change_inspection",
    },
    "inspections.gradedquestion": {"grade": "inspections.change_gradedquestion"},
    "inspections.finding": {"marking": "inspections.change_finding"},
    "inspections.amendment": {"changes": NEVER, "made_by": NEVER},
    "reports.panelreport": {
        "status": NEVER,
        "published_at": NEVER,
        "published_by": NEVER,
    },
    "governance.section55response": {
        "published_on": "governance.change_section55response",
        "commissioner_comments": "governance.change_section55response",
    },
    "governance.recommendationresponse": {
        "text": "governance.change_recommendationresponse",
        "outcome": "governance.change_recommendationresponse",
    },
}
ROLES = [
    Role.STAFF_OFFICER,
    Role.CHIEF_OFFICER,
    Role.COMMISSIONERS_OFFICE,
    "superuser",
]
# Every bulk action an admin offers, and the permission it needs: a new one
# without a row here fails.
BULK_ACTIONS = {
    "delete_selected": "delete",
    "move_to_in_progress": "actions.add_progressupdate",
    "move_to_completed": "actions.add_progressupdate",
    "move_to_blocked": "actions.add_progressupdate",
    "sign_off": "actions.close_action",
    "approve": "actions.decide_extension",
    "refuse": "actions.decide_extension",
    "publish": "reports.change_panelreport",
    "cleanup_expired_attempts": "axes.delete_accessattempt",  # django-axes' own
    "deactivate": "accounts.change_user",
    "reset_second_factor": "accounts.change_user",
}


def person(role):
    if role == "superuser":
        return SuperuserFactory()
    return user_in_role(role, username=f"writer.{role.lower().replace(' ', '.')}")


def admin_request(user, url: str):
    request = RequestFactory().get(url)
    request.user = user
    request.resolver_match = resolve(url)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def editable_fields(form_class, readonly) -> set[str]:
    return set(form_class.base_fields) - set(readonly)


def allowed(user, model_label: str, field: str, obj) -> bool:
    rule = GOVERNED[model_label][field]
    if rule == NEVER:
        return False
    if rule == NEVER_ONCE_CREATED:
        return obj is None or obj.pk is None
    if not user.has_perm(rule):
        return False
    if model_label == "actions.action" and obj is not None and obj.pk:
        return obj.can_be_changed_by(user)
    return True


@pytest.fixture
def samples(db):
    """One row of every model, hanging together."""
    update = ProgressUpdateFactory()
    action = update.action
    GradedQuestionFactory(inspection=action.finding.inspection)
    DueDateExtensionFactory(action=action)
    EvidenceFactory(update=update)
    AmendmentFactory(inspection=action.finding.inspection)
    PanelReportFactory(inspection=action.finding.inspection)
    return action


def test_every_admin_form_and_inline_holds_the_rules_on_governed_fields(samples):
    checked, wrong = [], []
    for role in ROLES:
        user = person(role)
        for model, model_admin in admin.site._registry.items():
            label = model._meta.label_lower
            obj = model._default_manager.order_by("pk").first()
            if obj is None:
                continue
            url = reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                args=[obj.pk],
            )
            request = admin_request(user, url)
            if not model_admin.has_view_or_change_permission(request, obj):
                continue
            paths = []
            if model_admin.has_change_permission(request, obj):
                form = model_admin.get_form(request, obj)
                readonly = model_admin.get_readonly_fields(request, obj)
                paths.append((f"{label} change form", label, form, readonly, obj))
            for inline in model_admin.get_inline_instances(request, obj):
                inline_label = inline.model._meta.label_lower
                if not inline.has_change_permission(request, obj):
                    continue
                formset = inline.get_formset(request, obj)
                readonly = inline.get_readonly_fields(request, obj)
                child = (
                    inline.get_queryset(request).first()
                    if hasattr(inline.model, "objects")
                    else None
                )
                paths.append(
                    (
                        f"{inline_label} inline on {label}",
                        inline_label,
                        formset.form,
                        readonly,
                        child,
                    )
                )
            for where, governed_label, form, readonly, target in paths:
                rules = GOVERNED.get(governed_label, {})
                for field in editable_fields(form, readonly) & set(rules):
                    checked.append((role, where, field))
                    if not allowed(user, governed_label, field, target):
                        wrong.append(f"{role}: {where} lets them set {field}")
    assert wrong == []
    assert len(checked) > 40  # the enumeration reached the forms
    paths = {where for _, where, _ in checked}
    assert "actions.action inline on inspections.finding" in paths


def test_every_bulk_action_is_known_and_offered_only_to_those_allowed(samples):
    offered = []
    for role in ROLES:
        user = person(role)
        for model, model_admin in admin.site._registry.items():
            url = reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
            )
            request = admin_request(user, url)
            if not model_admin.has_view_or_change_permission(request):
                continue
            for name in model_admin.get_actions(request):
                assert name in BULK_ACTIONS, f"{name} on {model}: add it here"
                needed = BULK_ACTIONS[name]
                if needed == "delete":
                    assert model_admin.has_delete_permission(request)
                else:
                    assert user.has_perm(needed), f"{role} offered {name}"
                offered.append((role, name))
    assert ("Chief officer", "sign_off") in offered
    assert ("Staff officer", "sign_off") not in offered


# The moves themselves, refused through each path.


def test_a_chief_officer_cannot_close_an_action_through_the_findings_inline(
    client, chief_officer
):
    action = ActionFactory(status=Status.NOT_STARTED, percent_complete=0)
    finding = action.finding
    sign_in(client, chief_officer)
    url = reverse("admin:inspections_finding_change", args=[finding.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="actions-0-status"' not in page.text  # shown, not a field
    data = {
        "inspection": finding.inspection_id,
        "kind": finding.kind,
        "theme": finding.theme,
        "text": finding.text,
        "order": finding.order,
        "marking": finding.marking,
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "1",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
        "actions-0-id": action.pk,
        "actions-0-finding": finding.pk,
        "actions-0-title": action.title,
        "actions-0-owner": action.owner_id,
        "actions-0-lead": action.lead_id,
        "actions-0-due_date": action.due_date.isoformat(),
        "actions-0-status": Status.CLOSED,
        "actions-0-rag": action.rag,
        "actions-0-percent_complete": "100",
        "actions-0-marking": action.marking,
    }
    client.post(url, data)
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED
    assert action.signed_off_by is None
    assert not ProgressUpdate.objects.filter(action=action).exists()


def test_a_staff_officer_cannot_edit_others_actions_through_the_inline(
    client, staff_officer
):
    action = ActionFactory(title="Someone else's")
    sign_in(client, staff_officer)
    url = reverse("admin:inspections_finding_change", args=[action.finding_id])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="actions-0-title"' not in page.text


def test_the_action_change_form_ignores_a_posted_status(client, chief_officer):
    action = ActionFactory(status=Status.IN_PROGRESS)
    sign_in(client, chief_officer)
    url = reverse("admin:actions_action_change", args=[action.pk])
    client.post(
        url,
        {
            "finding": action.finding_id,
            "title": "Renamed",
            "marking": action.marking,
            "owner": action.owner_id,
            "lead": action.lead_id,
            "due_date": action.due_date.isoformat(),
            "status": Status.CLOSED,
            "percent_complete": "100",
            "rag": action.rag,
            "seen_version": action.version,
            "updates-TOTAL_FORMS": "0",
            "updates-INITIAL_FORMS": "0",
            "updates-MIN_NUM_FORMS": "0",
            "updates-MAX_NUM_FORMS": "1",
            "updates-2-TOTAL_FORMS": "0",
            "updates-2-INITIAL_FORMS": "0",
        },
    )
    action.refresh_from_db()
    assert action.title == "Renamed"  # the edit itself went through
    assert action.status == Status.IN_PROGRESS


def test_a_new_action_cannot_start_closed(client, chief_officer):
    finding = ActionFactory().finding
    sign_in(client, chief_officer)
    response = client.post(
        reverse("admin:actions_action_add"),
        {
            "finding": finding.pk,
            "title": "Born closed",
            "marking": "official",
            "owner": chief_officer.pk,
            "lead": chief_officer.pk,
            "due_date": "2030-01-01",
            "status": Status.CLOSED,
            "rag": "green",
            "percent_complete": "100",
            "updates-TOTAL_FORMS": "0",
            "updates-INITIAL_FORMS": "0",
            "updates-MIN_NUM_FORMS": "0",
            "updates-MAX_NUM_FORMS": "1",
        },
    )
    assert response.status_code == 200
    assert "A new action starts as not started" in response.text
    assert not Action.objects.filter(title="Born closed").exists()


def test_a_bulk_sign_off_of_an_action_not_started_is_refused(client, chief_officer):
    action = ActionFactory(status=Status.NOT_STARTED, percent_complete=0)
    sign_in(client, chief_officer)
    response = client.post(
        reverse("admin:actions_action_changelist"),
        {
            "action": "sign_off",
            "_selected_action": [action.pk],
            "confirm": "yes",
            "note": "Closing it",
        },
        follow=True,
    )
    assert "Not moved:" in response.text
    action.refresh_from_db()
    assert action.status == Status.NOT_STARTED


def test_an_admin_progress_update_cannot_sign_off_for_a_staff_officer(
    client, staff_officer
):
    action = ActionFactory(
        owner=staff_officer, status=Status.COMPLETED, percent_complete=100
    )
    sign_in(client, staff_officer)
    response = client.post(
        reverse("admin:actions_progressupdate_add"),
        {
            "action": action.pk,
            "date": action.updated_at.date().isoformat(),
            "narrative": "Closing my own",
            "status": Status.CLOSED,
            "rag": "green",
            "percent_complete": "100",
            "marking": "official",
        },
    )
    assert response.status_code == 200
    assert "Only a chief officer can sign off" in response.text
    action.refresh_from_db()
    assert action.status == Status.COMPLETED


def test_a_panel_report_is_published_only_through_its_service(
    client, commissioners_office
):
    report = PanelReportFactory(status="draft")
    sign_in(client, commissioners_office)
    page = client.get(reverse("admin:reports_panelreport_change", args=[report.pk]))
    assert page.status_code == 200
    assert 'name="status"' not in page.text
    changelist = reverse("admin:reports_panelreport_changelist")
    chosen = {"action": "publish", "_selected_action": [report.pk]}
    asked = client.post(changelist, chosen)  # the bulk action asks first
    assert asked.status_code == 200
    assert "Publish these reports?" in asked.text
    assert f"/reports/{report.pk}/?as=public" in asked.text
    report.refresh_from_db()
    assert not report.is_published
    done = client.post(changelist, chosen | {"confirmed": "yes"})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.is_published
    assert report.published_by == commissioners_office


def test_a_save_that_moves_status_outside_the_service_is_refused():
    action = ActionFactory(status=Status.IN_PROGRESS)
    loaded = Action.objects.get(pk=action.pk)
    loaded.status, loaded.percent_complete = Status.CLOSED, 100
    with pytest.raises(StateMachineBypassed):
        loaded.save()
    loaded.refresh_from_db()
    assert loaded.status == Status.IN_PROGRESS


def test_a_staff_officer_cannot_change_grades_in_the_admin(client, staff_officer):
    question = GradedQuestionFactory(grade=Grade.GOOD)
    sign_in(client, staff_officer)
    url = reverse("admin:inspections_gradedquestion_change", args=[question.pk])
    response = client.post(url, {"grade": Grade.INADEQUATE})
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.grade == Grade.GOOD
    assert AnonymousUser().has_perm("inspections.change_gradedquestion") is False
