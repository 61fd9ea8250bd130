"""No 500 on odd query strings: every admin changelist, every filter parameter
it offers and its search and date hierarchy, given values no form would send."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import (
    AmendmentFactory,
    DueDateExtensionFactory,
    EvidenceFactory,
    GradedQuestionFactory,
    ProgressUpdateFactory,
)

pytestmark = pytest.mark.django_db
ODD = [
    "x",
    "-1",
    "99999999999999999999",
    "1e400",
    "\x00",
    "%",
    "' OR 1=1 --",
    "é" * 300,
]


def parameters(response) -> set[str]:
    """The query parameters the page's own filters use, and the hierarchy's."""
    names = {"q", "o", "p", "e", "_facets"}
    for spec in response.context["cl"].filter_specs:
        names |= set(spec.expected_parameters())
    hierarchy = response.context["cl"].date_hierarchy
    if hierarchy:
        names |= {f"{hierarchy}__{part}" for part in ("year", "month", "day")}
    return names


def test_every_changelist_answers_odd_values_without_a_server_error(admin_client):
    update = ProgressUpdateFactory()
    GradedQuestionFactory(inspection=update.action.finding.inspection)
    DueDateExtensionFactory(action=update.action)
    EvidenceFactory(update=update)
    AmendmentFactory(inspection=update.action.finding.inspection)
    wrong, tried = [], 0
    for model in admin.site._registry:
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        )
        page = admin_client.get(url)
        assert page.status_code == 200, url
        for name in sorted(parameters(page)):
            for value in ODD:
                tried += 1
                status = admin_client.get(url, {name: value}).status_code
                if status >= 500:
                    wrong.append(f"{url}?{name}={value!r}: {status}")
    assert wrong == []
    assert tried > 500
