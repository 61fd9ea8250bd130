from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.auth.models import AnonymousUser

from inspections.choices import Grade
from inspections.models import Force, Inspection
from pcc_panel.lib.widgets import QuickFilterSet


class InspectionFilter(QuickFilterSet):
    """The forces listed are those the person may see, as (id, name) pairs:
    a ModelChoiceFilter would make and label a model instance for each."""

    force = django_filters.ChoiceFilter(label="Force", empty_label="All forces")
    overall_grade = django_filters.ChoiceFilter(
        choices=Grade.choices, empty_label="Any grade", label="Overall grade"
    )

    class Meta:
        model = Inspection
        fields = ["force", "overall_grade"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None) or AnonymousUser()
        forces = Force.objects.visible_to(user).order_by("name")
        self.filters["force"].extra["choices"] = list(forces.values_list("pk", "name"))
