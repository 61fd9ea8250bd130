"""Helpers shared by test modules: the project's URL patterns, walked from the
resolver, and reading what a response holds whatever its format."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    key: str  # the URL's name, or its pattern where it has none
    pattern: str


def all_routes() -> list[Route]:
    routes = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                ns = (
                    f"{namespace}:{inner}"
                    if namespace and inner
                    else inner or namespace
                )
                walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                full = prefix + str(pattern.pattern)
                if pattern.name:
                    key = f"{namespace}:{pattern.name}" if namespace else pattern.name
                else:
                    key = full
                routes.append(Route(key, full))

    walk(get_resolver().url_patterns, "", None)
    return routes


def text_of(response) -> str:
    """Everything a person could read in a response: HTML and CSV as text, a
    PDF's extracted text, every cell of a workbook, a file's name."""
    content_type = response.get("Content-Type", "")
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    disposition = response.get("Content-Disposition", "")
    if content_type.startswith("application/pdf") and body.startswith(b"%PDF"):
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            reader = PdfReader(io.BytesIO(body))
            pages = [page.extract_text() for page in reader.pages]
        except PdfReadError:  # an uploaded file that only starts like a PDF
            pages = [body.decode("latin-1")]
        return disposition + "\n".join(pages)
    if "spreadsheetml" in content_type:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(body)).active
        return disposition + "\n".join(
            str(cell) for row in sheet.iter_rows(values_only=True) for cell in row
        )
    text = body.decode("utf-8", errors="replace")
    if content_type.startswith("text/csv"):
        rows = csv.reader(io.StringIO(text.lstrip("\ufeff")))
        return disposition + "\n".join(",".join(row) for row in rows)
    if "<mark>" in text:  # words a search highlighted, read as one string too
        text += "\n" + text.replace("<mark>", "").replace("</mark>", "")
    return disposition + text
