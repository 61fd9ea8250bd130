"""The inspection page: where the report, its findings, the force's action
plan and the Commissioner's section 55 response meet, so it sits above all
three apps."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.views.generic import DetailView

from accounts.access import may_in, sees_action_plans
from actions.querysets import visible_actions_of_findings
from governance.models import (
    RecommendationResponse,
    Section55Response,
    due_on,
    section_55_state,
    sees_section_55_working,
)
from governance.services import may_keep_section_55
from governance.since_panel import since_last_panel
from inspections.choices import FindingKind
from inspections.models import (
    Amendment,
    GradedQuestion,
    Inspection,
    InspectorateView,
)
from inspections.raised_before import may_decide, with_first_raised
from inspections.sections import finding_sections, link_concerns


class InspectionPageView(DetailView):
    template_name = "inspections/inspection_detail.html"

    def get_queryset(self):
        return Inspection.objects.visible_to(self.request.user).select_related(
            "force__organisation"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        shows_actions = sees_action_plans(user)
        inspection = self.object
        applies_to = (
            list(inspection.applies_to.select_related("organisation"))
            if inspection.is_thematic
            else []
        )
        where = inspection.organisation_id
        responses, not_yet = self.thematic_section_55(user, applies_to)
        return super().get_context_data(
            section_55=self.section_55(user) if not inspection.is_thematic else None,
            thematic_section_55=responses,
            applies_to=applies_to,
            not_yet_published=not_yet,
            section_55_due=due_on(inspection.publication_date),
            section_55_late=section_55_state(
                publication_date=inspection.publication_date,
                published_on=None,
                today=timezone.localdate(),
            ),
            show_working=sees_section_55_working(user, inspection),
            amendments=list(
                Amendment.objects.filter(inspection=self.object).select_related(
                    "made_by"
                )
            ),
            shows_amendments=may_in(user, "inspections.view_amendment", where),
            questions=list(
                GradedQuestion.objects.visible_to(user).filter(inspection=self.object)
            ),
            findings=self.findings(user, shows_actions),
            shows_actions=shows_actions,
            sees_every_action=may_in(user, "inspections.view_sensitive", where),
            keeps_section_55=may_keep_section_55(user, inspection),
            decides_raised_before=may_decide(user, inspection),
            papers=self.papers(user),
            since_panel=since_last_panel(inspection, user, timezone.localdate()),
            monitoring=inspection.force.monitoring_periods.visible_to(user).first()
            if inspection.force
            else None,
            **kwargs,
        )

    def papers(self, user) -> list:
        """The panel papers about this inspection that this person may read,
        newest meeting first: through the reverse relation, so that the papers'
        own rule (PanelReport.objects.visible_to) applies without this app
        importing the layer above it."""
        return list(
            self.object.panel_reports.visible_to(user).only(
                "inspection", "meeting_date", "subject", "panel_name", "status"
            )
        )

    def thematic_section_55(
        self, user, applies_to: list
    ) -> tuple[list[dict[str, Any]], list]:
        """For a thematic inspection, each Commissioner's response that this
        person may see or keeps, by force; and the forces whose Commissioner
        has published none yet (that this person may see). Two queries
        however many forces."""
        if not self.object.is_thematic:
            return [], []
        responses = {
            response.force_id: response
            for response in Section55Response.objects.visible_to(user).filter(
                inspection=self.object
            )
        }
        answers: dict[int, list] = {}
        for answer in self.answers(user, list(responses.values())):
            answers.setdefault(answer.response_id, []).append(answer)
        blocks: list[dict[str, Any]] = []
        not_yet: list = []
        for force in applies_to:
            keeps = may_keep_section_55(user, self.object, force)
            response = responses.get(force.pk)
            if response is None and not keeps:
                not_yet.append(force)
                continue
            blocks.append(
                {
                    **self.section_55_block(
                        response, answers.get(getattr(response, "pk", 0), [])
                    ),
                    "force": force,
                    "keeps": keeps,
                    "show_working": sees_section_55_working(user, self.object, force),
                }
            )
        return blocks, not_yet

    def answers(self, user, responses: list[Section55Response]) -> list:
        if not responses:
            return []
        return list(
            RecommendationResponse.objects.visible_to(user)
            .filter(response__in=responses)
            .select_related("finding")
            .order_by("finding__order", "pk")
        )

    def section_55(self, user) -> dict[str, Any]:
        """The response as this person may see it, and its answers to the
        recommendations they may see: one query, two with a response."""
        response = (
            Section55Response.objects.visible_to(user)
            .filter(inspection=self.object)
            .first()
        )
        answers = self.answers(user, [response] if response else [])
        return self.section_55_block(response, answers)

    def section_55_block(
        self, response: Section55Response | None, answers: list
    ) -> dict[str, Any]:
        return {
            "response": response,
            "answers": answers,
            "due_on": due_on(self.object.publication_date),
            "state": section_55_state(
                publication_date=self.object.publication_date,
                published_on=response.published_on if response else None,
                today=timezone.localdate(),
            ),
        }

    def findings(self, user, shows_actions: bool) -> dict[str, Any]:
        read = (
            with_first_raised(self.object.findings.visible_to(user), user)
            .select_related("addressed_to")
            .prefetch_related(
                Prefetch(
                    "inspectorate_views",
                    InspectorateView.objects.visible_to(user),
                    to_attr="views_newest_first",
                ),
            )
        )
        if shows_actions:
            read = read.prefetch_related(visible_actions_of_findings(user))
        findings: list[Any] = link_concerns(list(read))
        return {
            "raised_again": sum(1 for f in findings if f.first_raised_id),
            "strengths": [f for f in findings if f.kind == FindingKind.STRENGTH],
            "sections": finding_sections(findings),
            "has_demo_actions": shows_actions
            and any(a.is_demo for f in findings for a in f.visible_actions),
        }
