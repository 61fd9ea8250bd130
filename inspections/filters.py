from __future__ import annotations

import django_filters

from inspections.choices import Grade
from inspections.models import Force, Inspection
from pcc_panel.lib.widgets import QuickFilterSet


class InspectionFilter(QuickFilterSet):
    force = django_filters.ModelChoiceFilter(
        queryset=lambda request: Force.objects.visible_to(request.user).only("name"),
        empty_label="All forces",
    )
    overall_grade = django_filters.ChoiceFilter(
        choices=Grade.choices, empty_label="Any grade", label="Overall grade"
    )

    class Meta:
        model = Inspection
        fields = ["force", "overall_grade"]
