"""How far each force has got with each recommendation of a thematic
inspection: one inspection, many forces' action plans and section 55
responses, read through the same rules as every page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Sum

from accounts.access import AnyUser, may_in
from actions import rules
from actions.models import Action
from governance.models import Section55Response, Section55State, section_55_state
from inspections.choices import FindingKind
from inspections.models import Finding, Force, Inspection


@dataclass(frozen=True)
class ForceProgress:
    force: Force
    progress: rules.Progress
    overdue: int
    shown: bool  # whether this person may see the force's action plan
    all_shown: bool  # and its OFFICIAL-SENSITIVE actions


@dataclass
class RecommendationProgress:
    finding: Finding
    forces: list[ForceProgress] = field(default_factory=list)

    @property
    def forces_with_a_plan(self) -> int:
        return sum(1 for row in self.forces if row.progress.count)

    @property
    def forces_closed(self) -> int:
        """Forces whose every action for it is signed off."""
        return sum(
            1
            for row in self.forces
            if row.progress.count and row.progress.closed == row.progress.count
        )


@dataclass(frozen=True)
class ForceResponse:
    force: Force
    published_on: datetime.date | None
    state: Section55State


@dataclass
class ThematicProgress:
    inspection: Inspection
    forces: list[Force]
    recommendations: list[RecommendationProgress]
    responses: list[ForceResponse]


def thematic_progress(
    inspection: Inspection, user: AnyUser, today: datetime.date
) -> ThematicProgress:
    """Five queries, however many forces and recommendations: the forces, the
    findings this person may see, their actions' totals by finding and force,
    and the responses."""
    forces = list(inspection.applies_to.order_by("name"))
    findings = list(
        Finding.objects.visible_to(user)
        .filter(inspection=inspection)
        .exclude(kind=FindingKind.STRENGTH)
        .select_related("addressed_to")
        .order_by("kind", "order", "pk")
    )
    totals = {
        (row["finding"], row["force"]): row
        for row in Action.objects.visible_to(user)
        .filter(finding__inspection=inspection)
        .order_by()
        .values("finding", "force")
        .annotate(
            count=Count("pk"),
            closed=Count("pk", filter=rules.CLOSED),
            percent_sum=Sum("percent_complete"),
            overdue=Count("pk", filter=rules.overdue(today)),
        )
    }
    shown = {
        force.pk: may_in(user, "actions.view_action", force.organisation_id)
        for force in forces
    }
    all_shown = {
        force.pk: may_in(user, "inspections.view_sensitive", force.organisation_id)
        for force in forces
    }
    recommendations = []
    for finding in findings:
        row = RecommendationProgress(finding)
        for force in forces:
            total = totals.get((finding.pk, force.pk), {})
            row.forces.append(
                ForceProgress(
                    force=force,
                    progress=rules.Progress.of_totals(
                        total.get("count", 0),
                        total.get("closed", 0),
                        total.get("percent_sum") or 0,
                    ),
                    overdue=total.get("overdue", 0),
                    shown=shown[force.pk],
                    all_shown=all_shown[force.pk],
                )
            )
        recommendations.append(row)
    published = dict(
        Section55Response.objects.visible_to(user)
        .filter(inspection=inspection, published_on__isnull=False)
        .values_list("force", "published_on")
    )
    responses = [
        ForceResponse(
            force,
            published.get(force.pk),
            section_55_state(
                publication_date=inspection.publication_date,
                published_on=published.get(force.pk),
                today=today,
            ),
        )
        for force in forces
    ]
    return ThematicProgress(inspection, forces, recommendations, responses)
