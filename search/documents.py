"""What each searchable row says: its title, its words, where it is read, and
the facts a search filters by. One `Document` per kind; search.index writes
them, one row at a time as rows change or all at once."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.text import Truncator

from actions.models import Action, ProgressUpdate
from governance.models import RecommendationResponse, Section55Response
from inspections.models import Finding, GradedQuestion, Inspection
from reports.models import PanelReport
from search.models import Entry, Kind


def _year(day: datetime.date | None) -> int | None:
    return day.year if day else None


def _of(inspection: Inspection) -> str:
    where = inspection.force.name if inspection.force else "Thematic"
    return f"{where} · {inspection.name} · {inspection.publication_date:%B %Y}"


def _inspection_title(row: Inspection) -> str:
    """The title, after the inspection's name unless it starts with that or
    with its programme already ("PEEL 2021/22: An inspection of …")."""
    starts = [part.lower() for part in (row.name, row.programme) if part]
    if row.title.lower().startswith(tuple(starts)):
        return row.title
    return f"{row.name}: {row.title}"


def _inspection(row: Inspection) -> dict[str, Any]:
    return {
        "title": _inspection_title(row),
        "body": row.summary,
        "url": row.get_absolute_url(),
        "context": _of(row),
        "force_id": row.force_id,
        "year": _year(row.publication_date),
        "grade": row.overall_grade,
        "dated": row.publication_date,
    }


def _question(row: GradedQuestion) -> dict[str, Any]:
    inspection = row.inspection
    return {
        "title": row.short_title or row.wording[:200],
        "body": f"{row.wording}\n{row.summary}",
        "url": inspection.get_absolute_url() + "#the-rating",
        "context": f"{_of(inspection)} · {row.get_grade_display()}"
        if row.grade
        else _of(inspection),
        "force_id": inspection.force_id,
        "year": _year(inspection.publication_date),
        "grade": row.grade,
        "dated": inspection.publication_date,
    }


def _finding(row: Finding) -> dict[str, Any]:
    inspection = row.inspection
    label = row.get_kind_display()
    return {
        "title": f"{row.reference or label}: {Truncator(row.text).words(12)}",
        "body": f"{row.text}\n{row.theme}",
        "url": f"{inspection.get_absolute_url()}#finding-{row.pk}",
        "context": _of(inspection),
        "force_id": inspection.force_id,
        "year": _year(inspection.publication_date),
        "grade": inspection.overall_grade,
        "dated": inspection.publication_date,
    }


def _action(row: Action) -> dict[str, Any]:
    inspection = row.finding.inspection
    return {
        "title": row.title,
        "body": "\n".join((row.description, row.outcome_measure, row.outcome_shown)),
        "url": row.get_absolute_url(),
        "context": (
            f"{row.force.name} · {inspection.name} · due {row.due_date:%-d %B %Y}"
        ),
        "force_id": row.force_id,
        "year": _year(inspection.publication_date),
        "status": row.status,
        "dated": row.due_date,
    }


def update_title(action: Action) -> str:
    """Every update's entry is titled by its action (search.index keeps them
    so when the action is renamed)."""
    return f"Update on {action.title}"


def _update(row: ProgressUpdate) -> dict[str, Any]:
    action = row.action
    return {
        "title": update_title(action),
        "body": row.narrative,
        "url": f"{action.get_absolute_url()}#progress-updates",
        "context": f"{action.force.name} · {row.date:%-d %B %Y}",
        "force_id": action.force_id,
        "year": _year(row.date),
        "status": row.status,
        "dated": row.date,
    }


def _paper(row: PanelReport) -> dict[str, Any]:
    words = [row.purpose, row.recommendation]
    for section in row.sections.all():
        words += [section.heading, section.text, section.text_after]
    force = row.force or (row.inspection.force if row.inspection else None)
    return {
        "title": row.subject,
        "body": "\n".join(words),
        "url": row.get_absolute_url(),
        "context": f"{row.panel_name} · {row.meeting_date:%-d %B %Y}",
        "force_id": force.pk if force else None,
        "year": _year(row.meeting_date),
        "status": row.status,
        "dated": row.meeting_date,
    }


def _response(row: Section55Response) -> dict[str, Any]:
    inspection = row.inspection
    return {
        "title": f"Section 55 response: {row.force.name}, {inspection.name}",
        "body": f"{row.commissioner_comments}\n{row.chief_officer_comments}",
        "url": f"{inspection.get_absolute_url()}#section-55",
        "context": _of(inspection),
        "force_id": row.force_id,
        "year": _year(inspection.publication_date),
        "status": "published" if row.published_on else "draft",
        "dated": row.published_on or inspection.publication_date,
    }


def _answer(row: RecommendationResponse) -> dict[str, Any]:
    response, finding = row.response, row.finding
    inspection = response.inspection
    return {
        "title": f"Answer to {finding.reference or 'a recommendation'}",
        "body": f"{row.text}\n{finding.text}",
        "url": f"{inspection.get_absolute_url()}#section-55",
        "context": f"{response.force.name} · {inspection.name}",
        "force_id": response.force_id,
        "year": _year(inspection.publication_date),
        "status": row.outcome,
        "dated": response.published_on or inspection.publication_date,
    }


@dataclass(frozen=True)
class Document:
    kind: Kind
    model: type[models.Model]
    related: tuple[str, ...]  # what `says` reads, fetched with the row
    says: Callable[[Any], dict[str, Any]]
    prefetch: tuple[str, ...] = ()

    def rows(self, pks: Iterable[int] | None = None) -> models.QuerySet:
        rows = self.model._base_manager.select_related(*self.related)
        if self.prefetch:
            rows = rows.prefetch_related(*self.prefetch)
        return rows if pks is None else rows.filter(pk__in=list(pks))

    def entry(self, row: models.Model) -> Entry:
        fields = {"body": "", "grade": "", "status": "", "context": ""} | self.says(row)
        fields["title"] = fields["title"][:400]
        fields["context"] = fields["context"][:300]
        return Entry(kind=self.kind, object_id=row.pk, **fields)


INSPECTION_ROWS = ("force",)
DOCUMENTS = {
    document.model: document
    for document in (
        Document(Kind.INSPECTION, Inspection, INSPECTION_ROWS, _inspection),
        Document(Kind.QUESTION, GradedQuestion, ("inspection__force",), _question),
        Document(Kind.FINDING, Finding, ("inspection__force",), _finding),
        Document(Kind.ACTION, Action, ("force", "finding__inspection"), _action),
        Document(Kind.UPDATE, ProgressUpdate, ("action__force",), _update),
        Document(
            Kind.PAPER,
            PanelReport,
            ("force", "inspection__force"),
            _paper,
            prefetch=("sections",),
        ),
        Document(
            Kind.RESPONSE, Section55Response, ("force", "inspection__force"), _response
        ),
        Document(
            Kind.ANSWER,
            RecommendationResponse,
            ("response__force", "response__inspection", "finding"),
            _answer,
        ),
    )
}
BY_KIND = {document.kind: document for document in DOCUMENTS.values()}
