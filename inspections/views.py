from __future__ import annotations

from typing import Any

from django.views.generic import DetailView
from django_filters.views import FilterView

from accounts.access import sees_action_plans
from actions.querysets import visible_actions_of_findings
from inspections.choices import FindingKind
from inspections.filters import InspectionFilter
from inspections.models import Inspection
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
        findings = self.object.findings.visible_to(user)
        shows_actions = sees_action_plans(user)
        if shows_actions:
            findings = findings.prefetch_related(visible_actions_of_findings(user))
        findings = list(findings)
        return super().get_context_data(
            questions=self.object.questions.all(),
            strengths=[f for f in findings if f.kind == FindingKind.STRENGTH],
            sections=finding_sections(findings),
            shows_actions=shows_actions,
            has_demo_actions=shows_actions
            and any(a.is_demo for f in findings for a in f.visible_actions),
            **kwargs,
        )
