from __future__ import annotations

from typing import Any

from django.views.generic import DetailView
from django_filters.views import FilterView

from inspections.choices import FindingKind
from inspections.filters import InspectionFilter
from inspections.models import Inspection
from inspections.sections import finding_sections


class InspectionListView(FilterView):
    filterset_class = InspectionFilter
    queryset = Inspection.objects.newest_first()
    paginate_by = 25
    template_name = "inspections/inspection_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        filtered = any(self.request.GET.get(name) for name in self.filterset.filters)
        return super().get_context_data(is_filtered=filtered, **kwargs)


class InspectionDetailView(DetailView):
    queryset = Inspection.objects.select_related("force")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        findings = list(self.object.findings.with_action_progress())
        return super().get_context_data(
            questions=self.object.questions.all(),
            strengths=[f for f in findings if f.kind == FindingKind.STRENGTH],
            sections=finding_sections(findings),
            has_demo_actions=any(f.demo_action_count for f in findings),
            **kwargs,
        )
