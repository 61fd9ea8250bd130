"""The open-data API and its CSV files, through HTTP: what the public may
read and nothing more, whoever asks; filters, pages, refusals and the limit
per address; the OpenAPI schema valid and matching the site's own guide."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from openapi_spec_validator import validate

from accounts.roles import Role
from governance.models import (
    RecommendationOutcome,
    RecommendationResponse,
    Section55Response,
)
from inspections.choices import FindingKind, Grade, Marking
from opendata import filters
from opendata.api import TABLES
from reports.models import ReportStatus
from tests.conftest import sign_in
from tests.factories import (
    FindingFactory,
    ForceFactory,
    GradedQuestionFactory,
    InspectionFactory,
    PanelReportFactory,
    ThematicInspectionFactory,
    user_in_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(db):
    """A published inspection with a graded question, an area for improvement,
    a recommendation answered in a published section 55 response, and a
    published paper; beside it, what the public may not see."""
    force = ForceFactory(name="Westshire Police", slug="westshire")
    inspection = InspectionFactory(
        force=force,
        publication_date=datetime.date(2017, 3, 2),
        overall_grade=Grade.GOOD,
    )
    GradedQuestionFactory(inspection=inspection, grade=Grade.GOOD, wording="How well?")
    FindingFactory(inspection=inspection, text="=HYPERLINK(1) Improve call handling")
    recommendation = FindingFactory(
        inspection=inspection, kind=FindingKind.RECOMMENDATION, text="Recommend it"
    )
    FindingFactory(
        inspection=inspection,
        marking=Marking.OFFICIAL_SENSITIVE,
        text="HIDDEN-SENSITIVE",
    )
    response = Section55Response.objects.create(
        inspection=inspection,
        commissioner_comments="The Commissioner welcomes the report.",
        published_on=datetime.date(2017, 4, 20),
    )
    RecommendationResponse.objects.create(
        response=response,
        finding=recommendation,
        outcome=RecommendationOutcome.TO_BE_TAKEN,
        text="A new plan",
    )
    PanelReportFactory(
        inspection=inspection, subject="Published paper", published_at=timezone.now()
    )
    PanelReportFactory(
        inspection=inspection, subject="HIDDEN-DRAFT", status=ReportStatus.DRAFT
    )
    hidden = InspectionFactory(
        force=ForceFactory(name="Hidden Police", slug="hidden"),
        title="HIDDEN-UNPUBLISHED",
        is_published=False,
    )
    FindingFactory(inspection=hidden, text="HIDDEN-UNPUBLISHED-FINDING")
    Section55Response.objects.create(
        inspection=ThematicInspectionFactory(applies_to=[force]),
        force=force,
        commissioner_comments="HIDDEN-DRAFT-RESPONSE",
    )
    return inspection


def rows(client: Client, table: str, query: str = "") -> list[dict]:
    response = client.get(f"/api/v1/{table}{query}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == len(body["items"]) or body["count"] > 100
    return body["items"]


def csv_rows(client: Client, table: str, query: str = "") -> list[dict]:
    response = client.get(f"/api/v1/{table}.csv{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(f'attachment; filename="{table}-')
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def everything(client: Client) -> str:
    return "".join(
        client.get(f"/api/v1/{table.name}{suffix}").content.decode()
        if not suffix
        else b"".join(
            client.get(f"/api/v1/{table.name}{suffix}").streaming_content
        ).decode()
        for table in TABLES
        for suffix in ("", ".csv")
    )


def test_each_table_holds_what_the_public_reads(published, client):
    assert [row["slug"] for row in rows(client, "organisations")] == ["westshire"]
    [inspection] = rows(client, "inspections", "?thematic=false")
    assert inspection["id"] == published.pk
    assert inspection["organisation"] == "westshire"
    assert inspection["overall_grade"] == "good"
    assert inspection["url"] == f"http://testserver/inspections/{published.pk}/"
    assert [row["grade"] for row in rows(client, "grades")] == ["good"]
    findings = rows(client, "findings")
    assert {row["kind"] for row in findings} == {
        "area_for_improvement",
        "recommendation",
    }
    [paper] = rows(client, "papers")
    assert paper["subject"] == "Published paper"
    assert paper["pdf_url"].endswith(f"/reports/{paper['id']}/pdf/")
    [response] = rows(client, "responses")
    assert response["commissioner_comments"] == "The Commissioner welcomes the report."
    [answer] = rows(client, "answers")
    assert (answer["outcome"], answer["text"]) == ("to_be_taken", "A new plan")
    assert "HIDDEN" not in everything(client)


@pytest.mark.parametrize("role", [Role.CHIEF_OFFICER, Role.COMMISSIONERS_OFFICE])
def test_a_signed_in_session_does_not_widen_the_open_data(published, client, role):
    public = everything(Client())
    sign_in(client, user_in_role(role))
    assert client.get(f"/inspections/{published.pk}/").content.count(
        b"HIDDEN-SENSITIVE"
    )  # the person may read it on the site …
    assert everything(client) == public  # … but the open data is the public's
    assert "HIDDEN" not in public


def test_the_csv_has_the_same_rows_as_the_json_and_no_formulas(published, client):
    for table in TABLES:
        as_json = rows(client, table.name)
        as_csv = csv_rows(client, table.name)
        assert len(as_csv) == len(as_json), table.name
        assert list(as_csv[0]) == list(table.row.model_fields) if as_csv else True
    finding = next(
        row for row in csv_rows(client, "findings") if "call handling" in row["text"]
    )
    assert finding["text"] == "'=HYPERLINK(1) Improve call handling"


def test_filters(published, client):
    before = {row["id"] for row in rows(client, "inspections", "?thematic=true")}
    other = InspectionFactory(
        force=ForceFactory(name="Eastshire Police", slug="eastshire"),
        publication_date=datetime.date(2019, 5, 1),
        overall_grade=Grade.INADEQUATE,
    )
    thematic = ThematicInspectionFactory(
        applies_to=[published.force], publication_date=datetime.date(2019, 6, 1)
    )

    def ids(query: str) -> set[int]:
        return {row["id"] for row in rows(client, "inspections", query)}

    assert ids("?organisation=westshire") == {published.pk, thematic.pk} | before
    assert ids("?organisation=eastshire") == {other.pk}
    assert ids("?year=2017") - before == {published.pk}
    assert ids("?overall_grade=inadequate") == {other.pk}
    assert ids("?thematic=true") == {thematic.pk} | before
    assert ids("?thematic=false&year=2019") == {other.pk}
    assert ids("?organisation=nowhere") == set()
    assert {
        row["kind"] for row in rows(client, "findings", "?kind=recommendation")
    } == {"recommendation"}
    assert rows(client, "findings", f"?inspection={other.pk}") == []
    assert len(csv_rows(client, "inspections", "?organisation=eastshire")) == 1


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("?year=last", "year"),
        ("?year=20170", "year"),
        ("?overall_grade=excellent", "overall_grade"),
        ("?thematic=perhaps", "thematic"),
        ("?organisation=" + "x" * 101, "organisation"),
        ("?limit=0", "limit"),
        ("?limit=1001", "limit"),
        ("?offset=-1", "offset"),
    ],
)
def test_bad_parameters_are_refused_by_name(published, client, query, parameter):
    for suffix in ("", ".csv"):
        response = client.get(f"/api/v1/inspections{suffix}{query}")
        if suffix and parameter in ("limit", "offset"):
            continue  # a CSV file is every row: it takes no page
        assert response.status_code == 422
        [problem] = response.json()["detail"]
        assert problem["loc"][-1] == parameter
        assert problem["msg"]


def test_pages(published, client):
    for n in range(4):
        InspectionFactory(
            force=published.force, publication_date=datetime.date(2018, 1, n + 1)
        )
    first = client.get("/api/v1/inspections?limit=2").json()
    second = client.get("/api/v1/inspections?limit=2&offset=2").json()
    rest = client.get("/api/v1/inspections?limit=2&offset=4").json()
    last = client.get("/api/v1/inspections?limit=2&offset=6").json()
    assert first["count"] == second["count"] == rest["count"] == 6  # a thematic too
    seen = [row["id"] for page in (first, second, rest) for row in page["items"]]
    assert len(seen) == len(set(seen)) == 6  # every row once, in a stable order
    assert last["items"] == []
    assert client.get("/api/v1/inspections?offset=99").json()["items"] == []


@override_settings(OPEN_DATA_REQUESTS_PER_MINUTE=3)
def test_requests_are_limited_per_address(published):
    here, elsewhere = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    answers = [here.get("/api/v1/inspections").status_code for _ in range(3)]
    assert answers == [200, 200, 200]
    refused = here.get("/api/v1/inspections.csv")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert elsewhere.get("/api/v1/inspections").status_code == 200


@override_settings(OPEN_DATA_REQUESTS_PER_MINUTE=2, TRUSTED_PROXIES=["10.0.0.1"])
def test_the_limit_keys_on_the_address_behind_the_proxy(published):
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    one = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    two = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert [one.get("/api/v1/grades").status_code for _ in range(3)] == [200, 200, 429]
    assert two.get("/api/v1/grades").status_code == 200


def test_the_schema_is_valid_openapi_and_the_guide_follows_it(published, client):
    schema = client.get("/api/v1/openapi.json").json()
    validate(schema)
    assert schema["info"]["version"] == "1"
    assert {"/api/v1/"} | {f"/api/v1/{t.name}" for t in TABLES} | {
        f"/api/v1/{t.name}.csv" for t in TABLES
    } == set(schema["paths"])
    assert all(list(operation) == ["get"] for operation in schema["paths"].values())
    guide = client.get("/open-data/").content.decode()
    for table in TABLES:
        properties = schema["components"]["schemas"][table.row.__name__]["properties"]
        for name, spec in properties.items():
            assert spec["description"], f"{table.name}.{name} is not described"
            assert f"<code>{name}</code>" in guide
        assert f'href="/api/v1/{table.name}.csv"' in guide


def test_the_filters_offer_the_models_choices():
    from typing import get_args

    from accounts.models import OrganisationKind

    assert set(get_args(filters.Grade)) == set(Grade.values)
    assert set(get_args(filters.Kind)) == set(FindingKind.values)
    assert set(get_args(filters.Outcome)) == set(RecommendationOutcome.values)
    assert set(get_args(filters.OrganisationKind)) <= set(OrganisationKind.values)


@pytest.mark.parametrize("table", [t.name for t in TABLES])
def test_queries_do_not_grow_with_the_rows(
    published, client, table, django_assert_max_num_queries
):
    for n in range(5):
        inspection = InspectionFactory(
            force=published.force, publication_date=datetime.date(2018, 2, n + 1)
        )
        FindingFactory(inspection=inspection)
        GradedQuestionFactory(inspection=inspection)
        PanelReportFactory(inspection=inspection, published_at=timezone.now())
    with django_assert_max_num_queries(4):
        assert client.get(f"/api/v1/{table}").status_code == 200
    with django_assert_max_num_queries(4):
        response = client.get(f"/api/v1/{table}.csv")
        b"".join(response.streaming_content)


def test_the_index_names_every_table(client):
    index = client.get("/api/v1/").json()
    assert index["tables"]["inspections"] == "http://testserver/api/v1/inspections"
    assert set(index["tables"]) == {table.name for table in TABLES}
    assert client.get(index["schema_url"]).status_code == 200
    assert client.get(index["documentation"]).status_code == 200
    assert client.post("/api/v1/openapi.json").status_code == 405


def test_the_guide_page(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        response = client.get("/open-data/")
    assert response.status_code == 200
    assert "429 Too Many Requests" in response.content.decode()
