from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe
from django_filters.views import FilterView

from inspections.filters import InspectionFilter
from inspections.grades import grade_history, scale_changes
from inspections.models import Force, Inspection, MonitoringPeriod


class InspectionListView(FilterView):
    filterset_class = InspectionFilter
    paginate_by = 25
    template_name = "inspections/inspection_list.html"

    def get_queryset(self):
        return Inspection.objects.visible_to(self.request.user).newest_first()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        filtered = any(self.request.GET.get(name) for name in self.filterset.filters)
        return super().get_context_data(is_filtered=filtered, **kwargs)


@require_safe
def grade_history_view(request: HttpRequest, slug: str) -> HttpResponse:
    """?programme=PEEL&pillar=Effectiveness; both default to the force's latest."""
    force = get_object_or_404(Force.objects.select_related("organisation"), slug=slug)
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
            "columns": list(zip(inspections, scale_changes(inspections), strict=True)),
            "rows": rows,
            "monitoring": monitoring_of(force, request.user),
        },
    )


def monitoring_of(force: Force, user) -> list[MonitoringPeriod]:
    """The force's periods of Scan and Engage, newest first, each with the
    related reports this person may see: two queries."""
    return list(
        force.monitoring_periods.visible_to(user).prefetch_related(
            Prefetch(
                "inspections",
                Inspection.objects.visible_to(user).order_by("-publication_date"),
                to_attr="visible_inspections",
            )
        )
    )
