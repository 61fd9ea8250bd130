"""The action tracker as CSV (streamed, so memory stays flat however many rows)
and as an Excel workbook."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from actions.models import Action

HEADERS = [
    "Action",
    "Finding",
    "Kind of finding",
    "Theme",
    "Graded question",
    "Inspection",
    "Force",
    "Owner",
    "Lead chief officer",
    "Due date",
    "Original due date",
    "Status",
    "RAG",
    "RAG by rule",
    "Percent complete",
    "Last update",
    "Last update date",
    "Protective marking",
    "Link",
]
# A cell starting with one of these is a formula to a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def row_of(action: Action, link: str = "") -> list:
    finding = action.finding
    inspection = finding.inspection
    question = finding.question
    return [
        action.title,
        finding.text,
        finding.get_kind_display(),
        finding.theme,
        (question.short_title or question.wording) if question else "",
        f"{inspection.name} ({inspection.publication_date:%B %Y})",
        inspection.force.name,
        str(action.owner),
        str(action.lead),
        action.due_date,
        action.original_due_date,
        action.get_status_display(),
        action.get_rag_display(),
        action.rag_by_rule().label,
        action.percent_complete,
        action.last_update_text or "",
        action.last_update_date,
        action.get_marking_display(),
        link.format(action.pk)
        if link
        else settings.SITE_URL + action.get_absolute_url(),
    ]


def _rows(actions: QuerySet[Action]) -> Iterator[list]:
    yield HEADERS
    # one reverse() for the whole export, not one a row
    sentinel = 2**31 - 1
    link = reverse("actions:detail", args=[sentinel]).replace(str(sentinel), "{}")
    link = settings.SITE_URL + link
    for action in actions.iterator(chunk_size=2000):
        yield row_of(action, link)


def _filename(extension: str) -> str:
    return f"action-tracker-{timezone.localdate():%Y-%m-%d}.{extension}"


def _safe_text(value) -> str:
    if value is None:
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _safe_cell(value):
    """Dates and numbers stay typed in Excel; text never starts a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class _Line:
    def write(self, value: str) -> str:
        return value


def export_csv(actions: QuerySet[Action]) -> StreamingHttpResponse:
    writer = csv.writer(_Line())
    lines: Iterable[str] = (
        writer.writerow([_safe_text(value) for value in row]) for row in _rows(actions)
    )
    response = StreamingHttpResponse(
        _with_bom(lines), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def _with_bom(lines: Iterable[str]) -> Iterator[str]:
    """Excel reads UTF-8 CSV correctly only with a byte-order mark."""
    yield "\ufeff"
    yield from lines


def export_xlsx(actions: QuerySet[Action]) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Action tracker")
    for row in _rows(actions):
        sheet.append([_safe_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
