"""Values written into a query's SQL rather than passed as parameters.

PostgreSQL plans a prepared statement once for any parameters (a generic plan)
after a connection has run it five times. Such a plan cannot use a partial
index whose predicate names a value the query passes as a parameter:
`status NOT IN ($1, $2)` proves nothing about `status NOT IN ('closed', …)`.
The rules that partial indexes are built on (an action unfinished or closed,
an update sensitive, an extension pending) therefore name their values as
`Constant`s, which the SQL spells out and a generic plan can match.

A Constant compares equal to its plain value, so a model's index or constraint
written with one is the same to the migrations as one written with the plain
value. Only the application's own choice values may be Constants: anything but
lower-case letters, digits and underscores is refused."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import (
    BooleanField,
    Expression,
    F,
    Func,
    QuerySet,
    Subquery,
    Value,
)
from django.utils.deconstruct import deconstructible

SAFE = re.compile(r"[a-z0-9_]+")


@deconstructible(path="pcc_panel.lib.sql.Constant")
class Constant(Value):
    """A choice value the SQL names: `'closed'`, never `%s`."""

    def __init__(self, value: str) -> None:
        if not isinstance(value, str) or not SAFE.fullmatch(value):
            raise ValueError(f"not a choice value: {value!r}")
        super().__init__(str(value))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Constant):
            return self.value == other.value
        return isinstance(other, str) and self.value == other

    def __hash__(self) -> int:
        return hash(self.value)

    def as_sql(
        self, compiler: Any, connection: Any
    ) -> tuple[str, tuple[str | int, ...]]:
        return f"'{self.value}'", ()


def constants(values: Iterable[str]) -> tuple[Constant, ...]:
    return tuple(Constant(value) for value in values)


class Among(Func):
    """`column = ANY(ARRAY(subquery))` on PostgreSQL, `column IN (subquery)`
    elsewhere. PostgreSQL runs the ARRAY's subquery once, before the rest (an
    InitPlan), and walks the column's index for the few values it returns;
    given `IN (subquery)` it may join the subquery last instead, after reading
    every row the rest of the query allows (the dashboard's 169 pending
    extension requests, found among all its visible actions, took 4.5 ms; among
    the pending requests' own actions, 1.3 ms)."""

    arg_joiner = " IN "
    template = "(%(expressions)s)"
    output_field = BooleanField()

    def __init__(self, column: str, subquery: QuerySet) -> None:
        super().__init__(F(column), Subquery(subquery))

    def as_postgresql(
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, Any]:
        return self.as_sql(
            compiler,
            connection,
            arg_joiner=" = ANY(ARRAY",
            template="(%(expressions)s))",
            **extra,
        )


class AmongIds(Expression):
    """`column = ANY(%s)` with the ids as one array on PostgreSQL, where Django
    would write and pass `IN (%s, %s, …)` a parameter each: a search checks
    300 candidates' ids at once. `column IN (…)` elsewhere."""

    conditional = True

    def __init__(self, column: str, ids: Iterable[int]) -> None:
        super().__init__(output_field=BooleanField())
        self.column: Any = F(column)
        self.ids = [int(pk) for pk in ids]

    def get_source_expressions(self) -> list[Any]:
        return [self.column]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.column,) = exprs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        column, params = compiler.compile(self.column)
        if connection.vendor == "postgresql":
            return f"{column} = ANY(%s)", [*params, self.ids]
        if not self.ids:
            return "1 = 0", list(params)
        marks = ", ".join(["%s"] * len(self.ids))
        return f"{column} IN ({marks})", [*params, *self.ids]
