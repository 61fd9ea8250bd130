"""The rules that partial indexes are built on name their values in the SQL, so
that a prepared statement's generic plan (PostgreSQL's, once a connection has
run a query often) can still use the index (pcc_panel.lib.sql)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection

from actions import rules
from actions.models import Action, DueDateExtension, ProgressUpdate
from actions.models.extension import PENDING
from actions.querysets import SENSITIVE_UPDATE
from pcc_panel.lib.sql import Constant

TODAY = datetime.date(2026, 12, 5)


def generic_plan(queryset) -> str:
    """The plan PostgreSQL keeps for the query prepared, whatever its parameters."""
    sql, params = queryset.query.sql_with_params()
    numbered = iter(range(1, len(params) + 1))
    prepared = re.sub(r"%s", lambda _: f"${next(numbered)}", sql)
    arguments = connection.ops.compose_sql(", ".join(["%s"] * len(params)), params)
    with connection.cursor() as cursor:
        cursor.execute("SET plan_cache_mode = force_generic_plan")
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(f"PREPARE generic AS {prepared}")
        try:
            cursor.execute(
                f"EXPLAIN EXECUTE generic({arguments})"
                if params
                else "EXPLAIN EXECUTE generic"
            )
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("DEALLOCATE generic")
            cursor.execute("RESET plan_cache_mode")
            cursor.execute("RESET enable_seqscan")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "queryset, index",
    [
        (
            lambda: Action.objects.filter(rules.overdue(TODAY)).only("pk"),
            "action_unfinished",
        ),
        (
            lambda: Action.objects.filter(rules.closed_lately(TODAY)).only("pk"),
            "action_closed_on",
        ),
        (
            lambda: ProgressUpdate.objects.filter(
                SENSITIVE_UPDATE, action__in=[1, 2]
            ).only("pk"),
            "progress_update_sensitive",
        ),
        (
            lambda: DueDateExtension.objects.filter(PENDING, action=1).only("pk"),
            "one_pending_extension_per_action",
        ),
    ],
    ids=["overdue", "closed lately", "sensitive updates", "pending extensions"],
)
def test_a_generic_plan_can_use_the_partial_index(queryset, index):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements' generic plans are PostgreSQL's")
    assert index in generic_plan(queryset())


def test_a_constant_is_spelt_out_in_the_sql_and_equals_its_value():
    sql, params = Action.objects.filter(rules.CLOSED).only("pk").query.sql_with_params()
    assert "'closed'" in sql
    assert "closed" not in params
    assert Constant("closed") == "closed" and "closed" == Constant("closed")
    assert hash(Constant("closed")) == hash("closed")


@pytest.mark.parametrize("value", ["it's", "closed; DROP TABLE x", "", "Closed", 3])
def test_only_a_choice_value_can_be_spelt_out(value):
    with pytest.raises(ValueError, match="not a choice value"):
        Constant(value)
