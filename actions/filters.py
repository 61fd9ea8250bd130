from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from actions.choices import RAG, Status
from actions.models import Action
from inspections.models import Finding, Force

DUE_CHOICES = [
    ("overdue", "Overdue"),
    ("7", "Due in the next 7 days"),
    ("30", "Due in the next 30 days"),
]


def theme_choices() -> list[tuple[str, str]]:
    themes = (
        Finding.objects.exclude(theme="")
        .order_by("theme")
        .values_list("theme", flat=True)
        .distinct()
    )
    return [(theme, theme) for theme in themes]


def owners(request) -> QuerySet:
    return get_user_model().objects.filter(owned_actions__isnull=False).distinct()


class ActionFilter(django_filters.FilterSet):
    """The action tracker's filters, kept in the URL: the page, its CSV and its
    Excel export all read the same ones."""

    force = django_filters.ModelChoiceFilter(
        label="Force",
        field_name="finding__inspection__force",
        queryset=Force.objects.all(),
        empty_label="All forces",
    )
    theme = django_filters.ChoiceFilter(
        label="Theme",
        field_name="finding__theme",
        choices=theme_choices,
        empty_label="All themes",
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, empty_label="Any")
    rag = django_filters.ChoiceFilter(
        label="RAG", choices=RAG.choices, empty_label="Any"
    )
    due = django_filters.ChoiceFilter(
        label="Due", choices=DUE_CHOICES, empty_label="Any time", method="filter_due"
    )
    owner = django_filters.ModelChoiceFilter(queryset=owners, empty_label="Anyone")

    class Meta:
        model = Action
        fields = ["force", "theme", "status", "rag", "due", "owner"]

    def filter_due(self, queryset, name, value):
        if value == "overdue":
            return queryset.overdue()
        return queryset.due_within(int(value))
