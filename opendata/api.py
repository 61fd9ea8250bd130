"""The open data as a read-only JSON API under /api/v1/ (django-ninja: the
schema is generated from the same pydantic rows that serialise the answers, so
the documentation cannot drift from them), with a CSV download of each table
taking the same filters."""

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from ninja import Field, NinjaAPI, Query, Schema
from ninja.openapi.schema import OpenAPISchema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.throttling import BaseThrottle

from opendata import filters, schemas, tables
from pcc_panel.lib.shared_cache import count_up, open_data_requests_key
from pcc_panel.lib.spreadsheet import csv_download

DESCRIPTION = """What this site publishes, to take away: the forces and services
it covers, their inspections and grades, the inspectorate's findings, the
published panel papers, and the Commissioners' published section 55 responses
with their answer to each recommendation. Action plans are not published: the
force's progress on them reaches the public through the panel papers.

Every list is paginated (`limit`, up to 1,000, and `offset`) and each table is
also a CSV file at the same address with `.csv` added, taking the same
filters. Requests are limited per address; over the limit the answer is 429,
with `Retry-After` in seconds."""


class PerAddress(BaseThrottle):
    """A fixed one-minute window per client address (the address the trusted
    proxies report: pcc_panel.lib.client_address), counted in the shared cache
    so that every application server counts together."""

    def allow_request(self, request: HttpRequest) -> bool:
        minute = int(time.time() // 60)
        address = request.META.get("REMOTE_ADDR", "")
        key = open_data_requests_key(address, minute)
        return count_up(key, seconds=61) <= settings.OPEN_DATA_REQUESTS_PER_MINUTE

    def wait(self) -> float:
        return 60 - time.time() % 60  # until the next minute's window


class Page(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000, description="How many rows")
        offset: int = Field(0, ge=0, description="How many rows to skip")


class OpenDataAPI(NinjaAPI):
    """Its OpenAPI schema built once a process for each root path: it is the
    code's, and building it took 18 ms a request."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        built = self.__dict__.setdefault("_schemas", {})
        if path_prefix not in built:
            built[path_prefix] = super().get_openapi_schema(path_prefix=path_prefix)
        return built[path_prefix]


api = OpenDataAPI(
    title="PCC Panel open data",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url=None,  # the site's own page documents it: opendata.views
    openapi_url="/openapi.json",
    docs_decorator=require_safe,  # the schema: read, never posted to
    throttle=[PerAddress()],
)


class Index(Schema):
    tables: dict[str, str] = Field(description="Each table's address")
    schema_url: str = Field(description="The OpenAPI schema")
    documentation: str = Field(description="The guide, on this site")


@api.get("/", response=Index, summary="The tables", url_name="index", tags=["index"])
def index(request: HttpRequest):
    return {
        "tables": {
            table.name: request.build_absolute_uri(reverse(f"api-v1:{table.name}"))
            for table in TABLES
        },
        "schema_url": request.build_absolute_uri(reverse("api-v1:openapi-json")),
        "documentation": request.build_absolute_uri(reverse("opendata:index")),
    }


@dataclass(frozen=True)
class Table:
    name: str
    summary: str
    rows: Callable[[], QuerySet]
    row: type[Schema]
    filters: type[filters.FilterSchema]


TABLES = [
    Table(
        "organisations",
        "Forces and services with a published inspection",
        tables.organisations,
        schemas.OrganisationRow,
        filters.OrganisationFilters,
    ),
    Table(
        "inspections",
        "Published inspections, newest first",
        tables.inspections,
        schemas.InspectionRow,
        filters.InspectionFilters,
    ),
    Table(
        "grades",
        "Each published inspection's graded questions",
        tables.grades,
        schemas.GradeRow,
        filters.GradeFilters,
    ),
    Table(
        "findings",
        "Strengths, areas for improvement, causes of concern and recommendations",
        tables.findings,
        schemas.FindingRow,
        filters.FindingFilters,
    ),
    Table(
        "papers",
        "Published Police and Crime Panel papers",
        tables.papers,
        schemas.PaperRow,
        filters.PaperFilters,
    ),
    Table(
        "responses",
        "Published section 55 responses (Police Act 1996)",
        tables.responses,
        schemas.ResponseRow,
        filters.ResponseFilters,
    ),
    Table(
        "answers",
        "Each published section 55 response's answer to each recommendation",
        tables.answers,
        schemas.AnswerRow,
        filters.AnswerFilters,
    ),
]


def publish(table: Table) -> None:
    """The table's JSON list and its CSV file."""
    # django-ninja reads each operation's parameters from its annotations, so
    # the filters' class is named in them; mypy cannot follow a class chosen at
    # run time, hence the ignores.
    filter_type = table.filters

    def listing(request: HttpRequest, filters: Query[filter_type]):  # type: ignore[valid-type]
        return chosen(table, filters)

    listing.__name__ = f"list_{table.name}"
    api.get(
        f"/{table.name}",
        response=list[table.row],  # type: ignore[name-defined]
        summary=table.summary,
        operation_id=f"list_{table.name}",
        url_name=table.name,
        tags=[table.name],
    )(paginate(Page)(listing))

    def download(request: HttpRequest, filters: Query[filter_type]):  # type: ignore[valid-type]
        return as_csv(table, chosen(table, filters), request)

    download.__name__ = f"download_{table.name}"
    api.get(
        f"/{table.name}.csv",
        summary=f"{table.summary}, as CSV",
        operation_id=f"download_{table.name}",
        url_name=f"{table.name}_csv",
        tags=[table.name],
        openapi_extra={
            "responses": {
                200: {
                    "description": "A CSV file with a header row",
                    "content": {"text/csv": {"schema": {"type": "string"}}},
                }
            }
        },
    )(download)


def chosen(table: Table, asked: filters.FilterSchema) -> QuerySet:
    return asked.filter(table.rows())


def as_csv(table: Table, rows: QuerySet, request: HttpRequest) -> StreamingHttpResponse:
    columns = list(table.row.model_fields)
    context = {"request": request}

    def lines():
        yield columns
        for row in rows.iterator(chunk_size=500):
            values = table.row.from_orm(row, context=context).model_dump()
            yield [cell(values[column]) for column in columns]

    filename = f"{table.name}-{timezone.localdate():%Y-%m-%d}.csv"
    return csv_download(filename, lines())


def cell(value):
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    return value


for each in TABLES:
    publish(each)
