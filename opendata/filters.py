"""The filters each open-data table takes, as query parameters: the same for
its JSON and its CSV. A value out of range or not among the choices is refused
with a 422 that names the parameter and what it accepts."""

from __future__ import annotations

from typing import Annotated, Literal

from django.db.models import Q
from ninja import Field, FilterLookup, FilterSchema

from opendata.tables import of_organisation

Grade = Literal["outstanding", "good", "adequate", "requires_improvement", "inadequate"]
Kind = Literal["strength", "area_for_improvement", "recommendation", "cause_of_concern"]
Outcome = Literal["taken", "to_be_taken", "none"]
OrganisationKind = Literal["police_force", "fire_and_rescue"]

SLUG = "A force or service, by its slug in organisations"
Slug = Annotated[str | None, Field(None, max_length=100, description=SLUG)]
Year = Annotated[int | None, Field(None, ge=1990, le=2100)]
Id = Annotated[int | None, Field(None, ge=1)]


def lookup(q: str) -> FilterLookup:
    return FilterLookup(q)


class OrganisationFilters(FilterSchema):
    kind: Annotated[OrganisationKind | None, lookup("organisation__kind")] = Field(
        None, description="Police forces or fire and rescue services"
    )


class InspectionFilters(FilterSchema):
    organisation: Slug = None
    year: Annotated[Year, lookup("publication_date__year")] = Field(
        None, description="Year published"
    )
    programme: Annotated[
        str | None, lookup("programme__iexact"), Field(None, max_length=100)
    ] = Field(None, description="e.g. PEEL")
    overall_grade: Grade | None = Field(None, description="The overall grade")
    thematic: bool | None = Field(
        None, description="true: thematic inspections only; false: none of them"
    )

    def filter_organisation(self, slug: str | None) -> Q:
        return of_organisation(slug) if slug else Q()

    def filter_thematic(self, thematic: bool | None) -> Q:
        return Q() if thematic is None else Q(force__isnull=thematic)


class OfInspection(FilterSchema):
    organisation: Slug = None
    year: Annotated[Year, lookup("inspection__publication_date__year")] = Field(
        None, description="Year the inspection was published"
    )
    inspection: Annotated[Id, lookup("inspection_id")] = Field(
        None, description="An inspection, by its id in inspections"
    )

    def filter_organisation(self, slug: str | None) -> Q:
        return of_organisation(slug, via="inspection__") if slug else Q()


class GradeFilters(OfInspection):
    grade: Grade | None = Field(None, description="The question's grade")


class FindingFilters(OfInspection):
    kind: Kind | None = Field(None, description="What kind of finding")


class PaperFilters(FilterSchema):
    organisation: Slug = Field(None, description="The force whose response it sets out")
    year: Annotated[Year, lookup("meeting_date__year")] = Field(
        None, description="Year of the meeting"
    )
    inspection: Annotated[Id, lookup("inspection_id")] = Field(
        None, description="An inspection, by its id in inspections"
    )

    def filter_organisation(self, slug: str | None) -> Q:
        if not slug:
            return Q()
        return Q(force__slug=slug) | Q(force__isnull=True, inspection__force__slug=slug)


class ResponseFilters(FilterSchema):
    organisation: Annotated[Slug, lookup("force__slug")] = Field(
        None, description="The force whose Commissioner answers"
    )
    year: Annotated[Year, lookup("published_on__year")] = Field(
        None, description="Year published"
    )
    inspection: Annotated[Id, lookup("inspection_id")] = Field(
        None, description="An inspection, by its id in inspections"
    )


class AnswerFilters(FilterSchema):
    organisation: Annotated[Slug, lookup("response__force__slug")] = Field(
        None, description="The force whose Commissioner answers"
    )
    inspection: Annotated[Id, lookup("response__inspection_id")] = Field(
        None, description="An inspection, by its id in inspections"
    )
    outcome: Outcome | None = Field(None, description="What the answer says")
