from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from opendata.api import TABLES, api


@dataclass
class Column:
    name: str
    kind: str
    description: str


@dataclass
class TableGuide:
    name: str
    summary: str
    json_url: str
    csv_url: str
    filters: list[Column]
    columns: list[Column]


@require_safe
def open_data(request: HttpRequest) -> HttpResponse:
    """The API's documentation in the site's own pages, read from the OpenAPI
    schema the API serves, so the two cannot disagree."""
    return render(
        request,
        "opendata/index.html",
        {
            "tables": guides(),
            "schema_url": reverse("api-v1:openapi-json"),
            "requests_per_minute": settings.OPEN_DATA_REQUESTS_PER_MINUTE,
        },
    )


@cache
def guides() -> list[TableGuide]:
    """Each table's guide. Built once a process: the schema is the code's, and
    building it takes 15 ms (make bench's figure for the page before this)."""
    schema = api.get_openapi_schema()
    built = []
    for table in TABLES:
        operation = schema["paths"][reverse(f"api-v1:{table.name}")]["get"]
        row = schema["components"]["schemas"][table.row.__name__]
        built.append(
            TableGuide(
                name=table.name,
                summary=table.summary,
                json_url=reverse(f"api-v1:{table.name}"),
                csv_url=reverse(f"api-v1:{table.name}_csv"),
                filters=[
                    Column(
                        p["name"], kind_of(p["schema"], optional=""), p["description"]
                    )
                    for p in operation["parameters"]
                    if p["name"] not in ("limit", "offset")
                ],
                columns=[
                    Column(name, kind_of(spec), spec["description"])
                    for name, spec in row["properties"].items()
                ],
            )
        )
    return built


def kind_of(spec: dict[str, Any], optional: str = ", or empty") -> str:
    """A JSON schema type in words: "date", "whole number", "one of: a, b"."""
    if "anyOf" in spec:
        kinds = [kind_of(s) for s in spec["anyOf"] if s.get("type") != "null"]
        nullable = len(kinds) < len(spec["anyOf"])
        return " or ".join(kinds) + (optional if nullable else "")
    if "enum" in spec:
        return "one of: " + ", ".join(spec["enum"])
    if spec.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if spec.get("format") == "date-time":
        return "date and time (ISO 8601)"
    if spec.get("type") == "array":
        return "list of " + kind_of(spec.get("items", {}))
    return {"integer": "whole number", "boolean": "true or false"}.get(
        spec.get("type", ""), "text"
    )
