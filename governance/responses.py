"""The section 55 responses the dashboard lists: one for each inspection of a
force, and one for each force a thematic inspection applies to, overdue ones
first, then the newest."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from governance.figures import Plans
from governance.models import (
    SECTION_55_DAYS,
    Section55Response,
    Section55State,
    section_55_state,
    with_response_published,
)
from inspections.models import Force, Inspection

SECTION_55_ROWS = 10  # listed on the dashboard; the counts are of them all


@dataclass(frozen=True)
class ResponseRow:
    inspection: Inspection
    force: Force | None  # the force answered for, for a thematic inspection
    published_on: datetime.date | None
    state: Section55State

    @classmethod
    def of(
        cls,
        inspection: Inspection,
        force: Force | None,
        published_on: datetime.date | None,
        today: datetime.date,
    ) -> ResponseRow:
        state = section_55_state(
            publication_date=inspection.publication_date,
            published_on=published_on,
            today=today,
        )
        return cls(inspection, force, published_on, state)


def _pairs(visible: QuerySet[Inspection], plans: Plans) -> QuerySet:
    """(thematic inspection, force) for each force it applies to, of `plans`."""
    pairs = Inspection.applies_to.through.objects.filter(
        inspection__in=visible.filter(force__isnull=True).values("pk")
    )
    if plans.forces is not None:
        pairs = pairs.filter(force__in=plans.forces)
    if plans.organisations is not None:
        pairs = pairs.filter(force__organisation__in=plans.organisations)
    return pairs


COLUMNS = (
    "row_inspection", "row_programme", "row_pillar", "row_published",
    "row_force", "row_force_name", "row_force_slug", "row_thematic",
    "row_response", "row_late",
)  # fmt: skip


def _rows(rows: QuerySet, inspection: str, late: Q, *, thematic: bool) -> QuerySet:
    """Each row's columns for the UNION: `inspection` is the lookup of the
    inspection from the row ("" for an inspection itself)."""
    return (
        rows.annotate(
            row_inspection=F(f"{inspection}pk" if inspection else "pk"),
            row_programme=F(f"{inspection}programme"),
            row_pillar=F(f"{inspection}pillar"),
            row_published=F(f"{inspection}publication_date"),
            row_force=F("force"),
            row_force_name=F("force__name"),
            row_force_slug=F("force__slug"),
            row_thematic=Value(thematic),
            row_response=F("response_published_on"),
            row_late=Case(When(late, then=1), default=0),
        )
        .order_by()
        .values(*COLUMNS)
    )


def responses(
    inspections: QuerySet[Inspection],
    visible: QuerySet[Inspection],
    plans: Plans,
    today: datetime.date,
) -> tuple[list[ResponseRow], int, int]:
    """The responses to `inspections` (each of one force) and to the thematic
    ones among `visible`, one for each force of `plans` they apply to: the
    first SECTION_55_ROWS, overdue first; how many are overdue; how many in
    all. One query, the two kinds in a UNION ALL."""
    due_by = today - datetime.timedelta(days=SECTION_55_DAYS)
    own = with_response_published(inspections.filter(force__isnull=False))
    own_late = Q(response_published_on__isnull=True, publication_date__lt=due_by)
    response = Section55Response.objects.filter(
        inspection=OuterRef("inspection"), force=OuterRef("force")
    )
    pairs = _pairs(visible, plans).annotate(
        response_published_on=Subquery(response.values("published_on")[:1])
    )
    pair_late = Q(
        response_published_on__isnull=True, inspection__publication_date__lt=due_by
    )
    first = _rows(own, "", own_late, thematic=False)
    second = _rows(pairs, "inspection__", pair_late, thematic=True)
    rows = _first_rows_and_counts(first.union(second, all=True))
    if not rows:
        return [], 0, 0
    listed = []
    for row in rows:
        force = Force(
            pk=row["row_force"], name=row["row_force_name"], slug=row["row_force_slug"]
        )
        inspection = Inspection(
            pk=row["row_inspection"],
            programme=row["row_programme"],
            pillar=row["row_pillar"],
            publication_date=_as_day(row["row_published"]),
            force=None if row["row_thematic"] else force,
        )
        listed.append(
            ResponseRow.of(
                inspection,
                force if row["row_thematic"] else None,
                _as_date(row["row_response"]),
                today,
            )
        )
    return listed, int(rows[0]["late"]), int(rows[0]["total"])


def _first_rows_and_counts(union: QuerySet) -> list[dict[str, Any]]:
    """The union's first SECTION_55_ROWS rows, overdue first, each carrying
    how many rows there are and how many are overdue, counted by the database
    over the same rows in the same query (a window over the union, which the
    ORM cannot write around a UNION, so this wraps the SQL it made)."""
    sql, params = union.query.sql_with_params()
    wrapped = f"""
        SELECT rows.*, COUNT(*) OVER () AS total, SUM(rows.row_late) OVER () AS late
          FROM ({sql}) AS rows
         ORDER BY rows.row_late DESC, rows.row_published DESC,
                  rows.row_inspection DESC, rows.row_force_name ASC
         LIMIT {SECTION_55_ROWS}
    """  # noqa: S608 (the ORM's own SQL, its values as parameters)
    with connection.cursor() as cursor:
        cursor.execute(wrapped, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _as_date(value: Any) -> datetime.date | None:
    """A date as the database gives it back from a UNION (SQLite: a string)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def _as_day(value: Any) -> datetime.date:
    day = _as_date(value)
    assert day is not None  # an inspection's publication date is required
    return day
