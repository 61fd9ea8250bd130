"""The rows of each open-data table, as JSON and as CSV columns: one
definition, whose field descriptions the OpenAPI schema and the open-data
page both show."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from ninja import Field, Schema

from inspections.models import Finding, Inspection
from reports.models import PanelReport

SLUG = "The organisation's identifier, as the organisation filters take it"


INSPECTION = "The inspection's id in inspections"


def absolute(context: Any, path: str) -> str:
    request = context["request"] if context else None
    return request.build_absolute_uri(path) if request is not None else path


class OrganisationRow(Schema):
    slug: str = Field(description=SLUG)
    name: str = Field(description="The force or service")
    kind: str = Field(
        description="police_force or fire_and_rescue",
        validation_alias="organisation.kind",
    )
    grades_url: str = Field(description="Its grades over time, on this site")

    @staticmethod
    def resolve_grades_url(force, context) -> str:
        return absolute(context, reverse("inspections:grades", args=[force.slug]))


class InspectionRow(Schema):
    id: int = Field(description="The inspection's number on this site")
    title: str = Field(description="The report's title")
    inspectorate: str = Field(description="HMIC (before 2017) or HMICFRS")
    programme: str = Field(description="e.g. PEEL")
    framework: str = Field(description="The programme and round, e.g. peel_2023")
    pillar: str = Field(
        description="A PEEL 2014–17 pillar, or a thematic inspection's title"
    )
    organisation: str | None = Field(
        description="The force or service inspected; empty for a thematic inspection"
    )
    applies_to: list[str] = Field(
        description="For a thematic inspection: the forces and services it applies "
        "to (in CSV, separated by spaces)"
    )
    fieldwork_start: datetime.date | None = Field(
        description="When the fieldwork began"
    )
    fieldwork_end: datetime.date | None = Field(description="When it ended")
    publication_date: datetime.date = Field(description="When the report was published")
    overall_grade: str = Field(description="Empty for an ungraded inspection")
    report_url: str = Field(description="The inspectorate's published report")
    summary: str = Field(
        description="The inspectorate's summary, as this site holds it"
    )
    url: str = Field(description="The inspection on this site")

    @staticmethod
    def resolve_organisation(inspection: Inspection) -> str | None:
        return inspection.force.slug if inspection.force else None

    @staticmethod
    def resolve_applies_to(inspection: Inspection) -> list[str]:
        return [force.slug for force in inspection.applies_to.all()]

    @staticmethod
    def resolve_url(inspection: Inspection, context) -> str:
        return absolute(context, inspection.get_absolute_url())


class GradeRow(Schema):
    inspection: int = Field(validation_alias="inspection_id", description=INSPECTION)
    organisation: str | None = Field(
        description="The force or service inspected; empty for a thematic inspection"
    )
    publication_date: datetime.date = Field(
        validation_alias="inspection.publication_date",
        description="When the inspection was published",
    )
    order: int = Field(description="The question's place in the report")
    question: str = Field(
        validation_alias="wording", description="As the report asks it"
    )
    short_title: str = Field(description="e.g. Serious and organised crime")
    grade: str = Field(description="Empty where the question is not graded")

    @staticmethod
    def resolve_organisation(question) -> str | None:
        force = question.inspection.force
        return force.slug if force else None


class FindingRow(Schema):
    id: int = Field(description="The finding's number on this site")
    inspection: int = Field(validation_alias="inspection_id", description=INSPECTION)
    organisation: str | None = Field(
        description="The force or service inspected; empty for a thematic inspection"
    )
    kind: str = Field(
        description="strength, area_for_improvement, recommendation or cause_of_concern"
    )
    reference: str = Field(description='As the report numbers it, e.g. "AFI 7"')
    theme: str = Field(description="The report's heading it falls under")
    text: str = Field(description="As the report words it")
    cause_of_concern: int | None = Field(
        validation_alias="concern_id",
        description="For a recommendation: the cause of concern it answers",
    )
    made_to: str | None = Field(
        description="For a recommendation made to a national body: its name"
    )
    deadline: datetime.date | None = Field(
        description="For a recommendation: the date the report sets"
    )

    @staticmethod
    def resolve_organisation(finding: Finding) -> str | None:
        force = finding.inspection.force
        return force.slug if force else None

    @staticmethod
    def resolve_made_to(finding: Finding) -> str | None:
        return finding.addressed_to.name if finding.addressed_to else None


class PaperRow(Schema):
    id: int = Field(description="The paper's number on this site")
    subject: str = Field(description="The paper's subject")
    panel_name: str = Field(description="The panel it was written for")
    meeting_date: datetime.date = Field(description="The meeting it was presented to")
    report_of: str = Field(description="Whose report it is")
    author: str = Field(description="Who wrote it")
    inspection: int | None = Field(
        validation_alias="inspection_id",
        description="The inspection it reports on, if any",
    )
    organisation: str | None = Field(description="The force whose response it sets out")
    published_at: datetime.datetime | None = Field(
        description="When it was published on this site"
    )
    url: str = Field(description="The paper on this site")
    pdf_url: str = Field(description="The paper as a PDF")

    @staticmethod
    def resolve_organisation(paper: PanelReport) -> str | None:
        force = paper.force or (paper.inspection.force if paper.inspection else None)
        return force.slug if force else None

    @staticmethod
    def resolve_url(paper: PanelReport, context) -> str:
        return absolute(context, paper.get_absolute_url())

    @staticmethod
    def resolve_pdf_url(paper: PanelReport, context) -> str:
        return absolute(context, reverse("reports:pdf", args=[paper.pk]))


class ResponseRow(Schema):
    id: int = Field(description="The response's number on this site")
    inspection: int = Field(validation_alias="inspection_id", description=INSPECTION)
    organisation: str = Field(
        validation_alias="force.slug",
        description="The force whose Commissioner answers",
    )
    published_on: datetime.date = Field(
        description="When the Commissioner published it"
    )
    published_where: str = Field(description="A web address, or where it appeared")
    chief_officer_comments: str = Field(description="The chief officer's comments")
    commissioner_comments: str = Field(description="The Commissioner's comments")


class AnswerRow(Schema):
    response: int = Field(
        validation_alias="response_id", description="The response's id in responses"
    )
    organisation: str = Field(
        validation_alias="response.force.slug",
        description="The force whose Commissioner answers",
    )
    recommendation: int = Field(
        validation_alias="finding_id", description="The recommendation's id in findings"
    )
    outcome: str = Field(description="taken, to_be_taken or none (with the reason)")
    text: str = Field(description="What has been or will be done, or why nothing")
