"""Every admin page answers for a superuser, and no changelist queries per row."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ActionFactory, GradedQuestionFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db

DOMAIN_APPS = {"inspections", "actions"}
MODEL_ADMINS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in DOMAIN_APPS
)
CHANGELIST_BUDGET = 12


def make_rows(count: int) -> None:
    """`count` of every domain model, all hanging off distinct inspections."""
    for _ in range(count):
        update = ProgressUpdateFactory()
        GradedQuestionFactory(inspection=update.action.finding.inspection)


def test_every_domain_model_is_in_the_admin():
    assert MODEL_ADMINS == [
        ("actions", "action"),
        ("actions", "progressupdate"),
        ("inspections", "finding"),
        ("inspections", "force"),
        ("inspections", "gradedquestion"),
        ("inspections", "inspection"),
    ]


@pytest.mark.parametrize(("app", "model"), MODEL_ADMINS)
def test_changelist_add_and_change_pages_answer(admin_client, app, model):
    make_rows(2)
    model_class = next(m for m in admin.site._registry if m._meta.model_name == model)
    obj = model_class.objects.first()
    for url in (
        reverse(f"admin:{app}_{model}_changelist"),
        reverse(f"admin:{app}_{model}_add"),
        reverse(f"admin:{app}_{model}_change", args=[obj.pk]),
    ):
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.parametrize(("app", "model"), MODEL_ADMINS)
def test_changelist_queries_do_not_grow_with_rows(admin_client, app, model):
    url = reverse(f"admin:{app}_{model}_changelist")
    counts = []
    for rows in (2, 20):
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
