from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe
from django.views.generic import DetailView
from django_filters.views import FilterView

from accounts.access import sees_action_plans
from actions.querysets import visible_actions_of_findings
from governance.models import (
    RecommendationResponse,
    Section55Response,
    due_on,
    section_55_state,
    sees_section_55_working,
)
from inspections.choices import FindingKind
from inspections.filters import InspectionFilter
from inspections.grades import grade_history
from inspections.models import Amendment, Force, GradedQuestion, Inspection
from inspections.sections import finding_sections


class InspectionListView(FilterView):
    filterset_class = InspectionFilter
    paginate_by = 25
    template_name = "inspections/inspection_list.html"

    def get_queryset(self):
        return Inspection.objects.visible_to(self.request.user).newest_first()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        filtered = any(self.request.GET.get(name) for name in self.filterset.filters)
        return super().get_context_data(is_filtered=filtered, **kwargs)


class InspectionDetailView(DetailView):
    def get_queryset(self):
        return Inspection.objects.visible_to(self.request.user).select_related("force")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        shows_actions = sees_action_plans(user)
        return super().get_context_data(
            # read only when the page's cached body is not in the cache
            section_55=SimpleLazyObject(lambda: self.section_55(user)),
            show_working=sees_section_55_working(user),
            amendments=SimpleLazyObject(
                lambda: list(
                    Amendment.objects.filter(inspection=self.object).select_related(
                        "made_by"
                    )
                )
            ),
            shows_amendments=user.has_perm("inspections.view_amendment"),
            questions=SimpleLazyObject(
                lambda: list(
                    GradedQuestion.objects.visible_to(user).filter(
                        inspection=self.object
                    )
                )
            ),
            # read only when the page's cached findings are not in the cache
            findings=SimpleLazyObject(lambda: self.findings(user, shows_actions)),
            shows_actions=shows_actions,
            **kwargs,
        )

    def section_55(self, user) -> dict[str, Any]:
        """The response as this person may see it, and its answers to the
        recommendations they may see: one query, two with a response."""
        response = (
            Section55Response.objects.visible_to(user)
            .filter(inspection=self.object)
            .first()
        )
        answers = []
        if response is not None:
            answers = list(
                RecommendationResponse.objects.visible_to(user)
                .filter(response=response)
                .select_related("finding")
                .order_by("finding__order", "pk")
            )
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
        findings = self.object.findings.visible_to(user)
        if shows_actions:
            findings = findings.prefetch_related(visible_actions_of_findings(user))
        findings = list(findings)
        return {
            "strengths": [f for f in findings if f.kind == FindingKind.STRENGTH],
            "sections": finding_sections(findings),
            "has_demo_actions": shows_actions
            and any(a.is_demo for f in findings for a in f.visible_actions),
        }


@require_safe
def grade_history_view(request: HttpRequest, slug: str) -> HttpResponse:
    """?programme=PEEL&pillar=Effectiveness; both default to the force's latest."""
    force = get_object_or_404(Force, slug=slug)
    latest = (
        Inspection.objects.visible_to(request.user)
        .filter(force=force)
        .order_by("-publication_date")
        .first()
    )
    if latest is None:
        raise Http404("No inspection of this force is published.")
    programme = request.GET.get("programme") or latest.programme
    pillar = request.GET.get("pillar") or latest.pillar
    inspections, rows = grade_history(
        force=force, programme=programme, pillar=pillar, user=request.user
    )
    if not inspections:
        raise Http404("No such inspections.")
    return render(
        request,
        "inspections/grade_history.html",
        {
            "force": force,
            "programme": programme,
            "pillar": pillar,
            "inspections": inspections,
            "rows": rows,
        },
    )
