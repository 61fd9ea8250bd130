"""Cells for every CSV and Excel file the site writes: text never starts a
formula, and nothing is cut without saying so."""

from __future__ import annotations

import csv
import datetime
import decimal
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

# A cell starting with one of these is a formula to a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")
# Excel holds at most this many characters in one cell.
EXCEL_CELL_LIMIT = 32_767


def safe_text(value) -> str:
    """A CSV cell: dates in ISO form, and a leading apostrophe on text that a
    spreadsheet would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def safe_cell(value, *, whole_text_at: str = ""):
    """An Excel cell: dates and numbers stay typed; text never starts a formula,
    and text too long for a cell says that it was shortened and where the whole
    of it is."""
    if value is None or isinstance(
        value, int | float | decimal.Decimal | datetime.date | datetime.datetime
    ):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        text = f"'{text}"
    if len(text) > EXCEL_CELL_LIMIT:
        where = f" The whole text is at {whole_text_at}" if whole_text_at else ""
        note = f" [Shortened to fit an Excel cell.{where}]"
        text = text[: EXCEL_CELL_LIMIT - len(note) - 1] + "…" + note
    return text


class _Line:
    """A file for csv.writer whose write returns the line it was given."""

    def write(self, value: str) -> str:
        return value


def csv_download(filename: str, rows: Iterable[Iterable]) -> StreamingHttpResponse:
    """A CSV attachment streamed row by row, so memory stays flat however many
    rows; every cell made safe (safe_text), with the byte-order mark Excel
    needs to read UTF-8."""
    writer = csv.writer(_Line())
    lines = (writer.writerow([safe_text(value) for value in row]) for row in rows)
    response = StreamingHttpResponse(
        _with_bom(lines), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _with_bom(lines: Iterable[str]) -> Iterator[str]:
    yield "\ufeff"
    yield from lines
