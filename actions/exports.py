"""The action tracker as CSV (streamed, so memory stays flat however many rows)
and as an Excel workbook."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING, TypedDict, cast

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from actions.models import Action
from inspections.choices import Marking
from pcc_panel.lib.spreadsheet import csv_download, safe_cell

if TYPE_CHECKING:  # django-stubs-ext is a development requirement only
    from django_stubs_ext import WithAnnotations

# The first row of an export that holds OFFICIAL-SENSITIVE material.
MARKING_ROW = (
    f"{Marking.OFFICIAL_SENSITIVE.label}: this file holds material marked "
    f"{Marking.OFFICIAL_SENSITIVE.label}. Handle and share it accordingly."
)

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


class LastUpdate(TypedDict):
    """What ActionQuerySet.with_last_update() annotates."""

    last_update_date: datetime.date | None
    last_update_text: str | None


def row_of(action: WithAnnotations[Action, LastUpdate], link: str = "") -> list:
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
        action.force.name,
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


def _rows(actions: QuerySet[Action], sensitive: bool) -> Iterator[list]:
    if sensitive:
        yield [MARKING_ROW]
    yield HEADERS
    # one reverse() for the whole export, not one a row
    sentinel = 2**31 - 1
    link = reverse("actions:detail", args=[sentinel]).replace(str(sentinel), "{}")
    link = settings.SITE_URL + link
    for action in actions.iterator(chunk_size=2000):
        # the tracker's queryset is read through with_last_update()
        yield row_of(cast("WithAnnotations[Action, LastUpdate]", action), link)


def _filename(extension: str) -> str:
    return f"action-tracker-{timezone.localdate():%Y-%m-%d}.{extension}"


def export_csv(actions: QuerySet[Action], *, sensitive: bool) -> StreamingHttpResponse:
    return csv_download(_filename("csv"), _rows(actions, sensitive))


WIDTHS = {"Action": 40, "Finding": 50, "Inspection": 30, "Last update": 50, "Link": 30}
PERCENT = HEADERS.index("Percent complete")
DATE = "d mmm yyyy"


def export_xlsx(actions: QuerySet[Action], *, sensitive: bool) -> HttpResponse:
    """A workbook a person would keep: the marking at the top when it applies,
    a bold header that stays in view, filters on every column, widths that fit,
    real dates and percentages, and links that open the action."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Action tracker")
    header_row = 2 if sensitive else 1
    sheet.freeze_panes = f"A{header_row + 1}"
    for number, heading in enumerate(HEADERS, start=1):
        width = WIDTHS.get(heading, max(12, len(heading) + 2))
        sheet.column_dimensions[get_column_letter(number)].width = width
    bold = Font(bold=True)
    rows = 0
    for row in _rows(actions, sensitive):
        if len(row) != len(HEADERS):  # the marking
            cell = WriteOnlyCell(sheet, value=row[0])
            cell.font = bold
            sheet.append([cell])
            continue
        if row is HEADERS:
            sheet.append([_cell(sheet, heading, font=bold) for heading in row])
            continue
        rows += 1
        link = row[-1]
        cells = [
            _cell(sheet, safe_cell(value, whole_text_at=link)) for value in row[:-1]
        ]
        cells[PERCENT] = _cell(sheet, row[PERCENT] / 100, number_format="0%")
        linked = _cell(sheet, link)
        linked.hyperlink = link
        linked.style = "Hyperlink"
        sheet.append([*cells, linked])
    last = get_column_letter(len(HEADERS))
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + rows}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response


def _cell(sheet, value, *, font: Font | None = None, number_format: str = ""):
    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    if number_format:
        cell.number_format = number_format
    elif isinstance(value, datetime.date):
        cell.number_format = DATE
    return cell
