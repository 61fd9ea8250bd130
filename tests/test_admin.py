"""Every admin page answers for a superuser, and no changelist queries per row."""

import datetime

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from actions.choices import RAG
from demo.areas import commissioners_area
from governance.models import (
    RecommendationOutcome,
    RecommendationResponse,
    Section55Response,
)
from inspections.choices import FindingKind, InspectorateStatus
from inspections.models import InspectorateView
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    AmendmentFactory,
    DueDateExtensionFactory,
    EvidenceFactory,
    FindingFactory,
    ForceFactory,
    GradedQuestionFactory,
    InspectionFactory,
    ProgressUpdateFactory,
    UserFactory,
    user_in_role,
)

pytestmark = pytest.mark.django_db

DOMAIN_APPS = {"inspections", "actions"}
OUR_APPS = DOMAIN_APPS | {"accounts", "auth"}
ALL_ADMINS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in OUR_APPS
)
MODEL_ADMINS = [(app, model) for app, model in ALL_ADMINS if app in DOMAIN_APPS]
CHANGELIST_BUDGET = 12
# Change pages with inlines, for a superuser: the same at every size (one of
# them the forces a thematic inspection applies to, one the documents
# imported into it).
CHANGE_PAGE_QUERIES = 10
ACTION_PAGE_QUERIES = 7
SECTION_55_PAGE_QUERIES = 9


def make_rows(count: int) -> None:
    """`count` of every domain model, all hanging off distinct inspections."""
    for _ in range(count):
        update = ProgressUpdateFactory()
        GradedQuestionFactory(inspection=update.action.finding.inspection)
        DueDateExtensionFactory(action=update.action)
        EvidenceFactory(update=update)
        AmendmentFactory(inspection=update.action.finding.inspection)


def test_every_domain_model_is_in_the_admin():
    assert MODEL_ADMINS == [
        ("actions", "action"),
        ("actions", "duedateextension"),
        ("actions", "evidence"),
        ("actions", "progressupdate"),
        ("inspections", "amendment"),
        ("inspections", "finding"),
        ("inspections", "force"),
        ("inspections", "gradedquestion"),
        ("inspections", "inspection"),
    ]


@pytest.mark.parametrize(("app", "model"), ALL_ADMINS)
def test_changelist_add_and_change_pages_answer(admin_client, app, model):
    make_rows(2)
    model_class = next(m for m in admin.site._registry if m._meta.model_name == model)
    obj = model_class.objects.order_by("pk").last()
    for url in (
        reverse(f"admin:{app}_{model}_changelist"),
        reverse(f"admin:{app}_{model}_change", args=[obj.pk]),
    ):
        assert admin_client.get(url).status_code == 200, url
    added_in_the_site = model in ("duedateextension", "evidence", "amendment")
    recorded_as_it_happens = model == "accountevent"  # the accounts' audit trail
    add = admin_client.get(reverse(f"admin:{app}_{model}_add"))
    assert add.status_code == (
        403 if added_in_the_site or recorded_as_it_happens else 200
    )


@pytest.mark.parametrize(("app", "model"), MODEL_ADMINS)
def test_changelist_queries_do_not_grow_with_rows(
    admin_client, app, model, django_capture_on_commit_callbacks
):
    url = reverse(f"admin:{app}_{model}_changelist")
    counts = []
    for rows in (2, 20):
        with django_capture_on_commit_callbacks(execute=True):  # new data version
            make_rows(rows)
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= CHANGELIST_BUDGET, counts


def test_search_finds_an_action_by_its_owner(admin_client):
    action = ActionFactory(owner__last_name="Iceton")
    ActionFactory(owner__last_name="Carter")
    response = admin_client.get(
        reverse("admin:actions_action_changelist"), {"q": "Iceton"}
    )
    assert list(response.context["cl"].result_list) == [action]


@pytest.mark.parametrize(("app", "model"), MODEL_ADMINS)
def test_admin_asks_anyone_not_signed_in_to_sign_in(client, app, model):
    url = reverse(f"admin:{app}_{model}_changelist")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_panel_member_cannot_use_the_admin(client):
    member = user_in_role(Role.PANEL_MEMBER)
    sign_in(client, member)
    response = client.get(reverse("admin:actions_action_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(("app", "model"), MODEL_ADMINS)
def test_staff_officer_reads_every_list_but_adds_no_inspection(client, app, model):
    officer = user_in_role(Role.STAFF_OFFICER)
    sign_in(client, officer)
    listed = client.get(reverse(f"admin:{app}_{model}_changelist")).status_code
    assert listed == (403 if (app, model) == ("accounts", "user") else 200)
    can_add = (app, model) == ("actions", "progressupdate")
    add = client.get(reverse(f"admin:{app}_{model}_add"))
    assert add.status_code == (200 if can_add else 403)


@pytest.mark.parametrize("findings", [5, 30])
def test_inspection_change_page_queries_do_not_grow_with_findings(
    admin_client, django_assert_num_queries, findings
):
    inspection = InspectionFactory()
    questions = GradedQuestionFactory.create_batch(4, inspection=inspection)
    FindingFactory.create_batch(findings, inspection=inspection, question=questions[0])
    url = reverse("admin:inspections_inspection_change", args=[inspection.pk])
    admin_client.get(url)  # as a server's first request, fills the content types
    with django_assert_num_queries(CHANGE_PAGE_QUERIES):
        assert admin_client.get(url).status_code == 200


@pytest.mark.parametrize("updates", [1, 20])
def test_action_change_page_queries_do_not_grow_with_updates(
    admin_client, django_assert_num_queries, updates
):
    action = ActionFactory()
    ProgressUpdateFactory.create_batch(updates, action=action)
    url = reverse("admin:actions_action_change", args=[action.pk])
    admin_client.get(url)  # as a server's first request, fills the content types
    with django_assert_num_queries(ACTION_PAGE_QUERIES):
        assert admin_client.get(url).status_code == 200


def finding_page_queries(client, rows: int) -> int:
    """The queries of a recommendation's change page with `rows` actions and
    `rows` views of the inspectorate, each by someone else, as the force's
    chief officer reads them (read only, so each row shows its people)."""
    force = ForceFactory()
    commissioners_area(force)
    finding = FindingFactory(
        inspection=InspectionFactory(force=force), kind=FindingKind.RECOMMENDATION
    )
    ActionFactory.create_batch(rows, finding=finding, force=force)
    for day in range(1, rows + 1):
        InspectorateView.objects.create(
            finding=finding,
            status=InspectorateStatus.BEING_PROGRESSED,
            date=datetime.date(2024, 1, day),
            recorded_by=UserFactory(),
        )
    sign_in(client, user_in_role(Role.CHIEF_OFFICER, organisation=force.organisation))
    url = reverse("admin:inspections_finding_change", args=[finding.pk])
    client.get(url)  # as a server's first request, fills the content types
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    assert 'name="inspectorate_views-' in page.text
    for action in finding.actions.all():  # each box still shows who it is
        assert f'<option value="{action.owner_id}" selected>' in page.text
    return len(queries)


def test_a_findings_change_page_reads_its_rows_people_at_once(client):
    """Before, each read-only row's force, owner, lead and recorder was a query
    of its own: 25 queries for six actions and six views at national scale."""
    few = finding_page_queries(client, 1)
    client.logout()
    assert finding_page_queries(client, 8) == few <= CHANGELIST_BUDGET


@pytest.mark.parametrize("questions", [2, 9])
def test_questions_that_follow_earlier_ones_cost_no_query_a_row(
    admin_client, django_assert_num_queries, questions
):
    earlier = GradedQuestionFactory.create_batch(questions)
    inspection = InspectionFactory()
    for question in earlier:
        GradedQuestionFactory(inspection=inspection, previous=question)
    url = reverse("admin:inspections_inspection_change", args=[inspection.pk])
    admin_client.get(url)  # as a server's first request, fills the content types
    with django_assert_num_queries(CHANGE_PAGE_QUERIES):
        page = admin_client.get(url)
    assert f'<option value="{earlier[-1].pk}" selected>' in page.text


@pytest.mark.parametrize("answers", [2, 9])
def test_a_section_55_responses_answers_cost_no_query_a_row(
    admin_client, django_assert_num_queries, answers
):
    inspection = InspectionFactory()
    response = Section55Response.objects.create(inspection=inspection)
    for finding in FindingFactory.create_batch(
        answers, inspection=inspection, kind=FindingKind.RECOMMENDATION
    ):
        RecommendationResponse.objects.create(
            response=response,
            finding=finding,
            outcome=RecommendationOutcome.TO_BE_TAKEN,
            text="Accepted; the force's plan answers it.",
        )
    url = reverse("admin:governance_section55response_change", args=[response.pk])
    admin_client.get(url)  # as a server's first request, fills the content types
    with django_assert_num_queries(SECTION_55_PAGE_QUERIES):
        page = admin_client.get(url)
    assert f'<option value="{finding.pk}" selected>' in page.text


@pytest.mark.parametrize(
    "model", ["accessattempt", "accessfailurelog", "accesslog"], ids=str
)
def test_sign_in_records_are_listed_for_a_superuser(admin_client, model):
    response = admin_client.get(reverse(f"admin:axes_{model}_changelist"))
    assert response.status_code == 200


def test_a_staff_officers_action_list_is_within_budget_and_stays_fresh(
    client, staff_officer, django_capture_on_commit_callbacks
):
    url = reverse("admin:actions_action_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        ActionFactory(owner=staff_officer, title="First action")
    sign_in(client, staff_officer)
    with CaptureQueriesContext(connection) as cold:
        assert "First action" in client.get(url).text
    assert len(cold) <= CHANGELIST_BUDGET
    with CaptureQueriesContext(connection) as again:
        client.get(url)
    assert len(again) == len(cold)  # nothing cached: the same queries each time
    with django_capture_on_commit_callbacks(execute=True):
        ActionFactory(owner=staff_officer, title="Second action")
    page = client.get(url).text
    assert "First action" in page and "Second action" in page
    assert "2 actions" in page
    assert "0 of 2 selected" in page


def test_the_action_list_shows_and_filters_rag_by_rule(admin_client):
    late = ActionFactory(due_date=datetime.date(2017, 1, 1), rag=RAG.GREEN)
    ahead = ActionFactory(due_date=datetime.date(2099, 1, 1), rag=RAG.RED)
    url = "/admin/actions/action/"
    red = admin_client.get(url, {"rag_by_rule": "red"})
    assert list(red.context["cl"].result_list) == [late]
    assert "owner: Green" in red.text
    owners = admin_client.get(url, {"rag__exact": "red"})
    assert list(owners.context["cl"].result_list) == [ahead]


def staff_officer_in(client):
    officer = user_in_role(Role.STAFF_OFFICER, first_name="Sam", last_name="Carter")
    sign_in(client, officer)
    return officer


def test_staff_officers_do_not_browse_accounts_but_still_pick_owners(client):
    officer = staff_officer_in(client)
    other = UserFactory(first_name="Morgan", last_name="Reid")
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403
    change = reverse("admin:accounts_user_change", args=[other.pk])
    assert client.get(change).status_code == 403
    password = reverse("admin:auth_user_password_change", args=[other.pk])
    assert client.get(password).status_code == 403
    assert "accounts/user" not in client.get(reverse("admin:index")).text
    picker = client.get(
        "/admin/autocomplete/",
        {"app_label": "actions", "model_name": "action", "field_name": "owner",
         "term": "Morgan"},
    )  # fmt: skip
    assert picker.status_code == 200
    assert [r["id"] for r in picker.json()["results"]] == [str(other.pk)]
    # still signed in as the staff officer: the refusals above were theirs
    assert client.get(reverse("admin:index")).wsgi_request.user == officer


def test_a_staff_officers_update_picker_offers_only_their_own_actions(client):
    officer = staff_officer_in(client)
    mine = ActionFactory(owner=officer, title="Retrain call takers")
    theirs = ActionFactory(title="Retrain call handlers")
    picker = client.get(
        "/admin/autocomplete/",
        {"app_label": "actions", "model_name": "progressupdate", "field_name": "action",
         "term": "Retrain"},
    )  # fmt: skip
    assert [r["id"] for r in picker.json()["results"]] == [str(mine.pk)]
    add = reverse("admin:actions_progressupdate_add")
    refused = client.post(
        add,
        {"action": theirs.pk, "date": "2017-06-01", "narrative": "Done",
         "status": "in_progress", "rag": "green", "percent_complete": 50,
         "marking": "official"},
    )  # fmt: skip
    assert refused.status_code == 200
    assert "action" in refused.context["adminform"].form.errors
    assert not theirs.updates.exists()


def test_the_admins_update_form_starts_from_where_the_action_stands(client):
    officer = staff_officer_in(client)
    action = ActionFactory(
        owner=officer, status="in_progress", percent_complete=60, rag="amber"
    )
    form = (
        client.get(reverse("admin:actions_progressupdate_add"), {"action": action.pk})
        .context["adminform"]
        .form
    )
    assert (form["status"].value(), form["percent_complete"].value()) == (
        "in_progress", 60,
    )  # fmt: skip
    assert form["rag"].value() == "amber"
    inline = client.get(reverse("admin:actions_action_change", args=[action.pk]))
    update_form = inline.context["inline_admin_formsets"][0].formset.forms[0]
    assert update_form["percent_complete"].value() == 60
    assert "evidence_files" in update_form.fields


def test_evidence_is_attached_through_the_admin(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    officer = staff_officer_in(client)
    action = ActionFactory(owner=officer, status="in_progress", percent_complete=20)
    upload = SimpleUploadedFile(
        "minutes.pdf", b"%PDF-1.4\n%minimal\n", content_type="application/pdf"
    )
    response = client.post(
        reverse("admin:actions_progressupdate_add"),
        {"action": action.pk, "date": timezone.localdate().isoformat(),
         "narrative": "Minutes attached.", "status": "in_progress", "rag": "green",
         "percent_complete": 40, "marking": "official", "evidence_files": upload},
    )  # fmt: skip
    assert response.status_code == 302, response.context["adminform"].form.errors
    (update,) = action.updates.all()
    assert [e.original_name for e in update.evidence.all()] == ["minutes.pdf"]
