from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone

from actions import rag
from actions.choices import RAG, Status
from actions.models import Action
from inspections.models import Finding, Force
from pcc_panel.lib.widgets import QuickFilterSet

DUE_CHOICES = [
    ("overdue", "Overdue"),
    ("7", "Due in the next 7 days"),
    ("30", "Due in the next 30 days"),
]


def theme_choices(user) -> list[tuple[str, str]]:
    """Themes of the findings this person may see: a theme's name alone can say
    what a sensitive finding is about."""
    themes = (
        Finding.objects.visible_to(user)
        .exclude(theme="")
        .order_by("theme")
        .values_list("theme", flat=True)
        .distinct()
    )
    return [(theme, theme) for theme in themes]


def forces(request) -> QuerySet:
    return Force.objects.visible_to(request.user)


def owners(request) -> QuerySet:
    return get_user_model().objects.filter(
        pk__in=Action.objects.visible_to(request.user).values("owner")
    )


def leads(request) -> QuerySet:
    return get_user_model().objects.filter(
        pk__in=Action.objects.visible_to(request.user).values("lead")
    )


class ActionFilter(QuickFilterSet):
    """The action tracker's filters, kept in the URL: the page, its CSV and its
    Excel export all read the same ones."""

    force = django_filters.ModelChoiceFilter(
        label="Force",
        field_name="finding__inspection__force",
        queryset=forces,
        empty_label="All forces",
    )
    theme = django_filters.ChoiceFilter(
        label="Theme",
        field_name="finding__theme",
        empty_label="All themes",
    )
    status = django_filters.ChoiceFilter(choices=Status.choices, empty_label="Any")
    rag = django_filters.ChoiceFilter(
        label="RAG by rule", choices=RAG.choices, empty_label="Any", method="filter_rag"
    )
    owners_rag = django_filters.ChoiceFilter(
        label="Owner's RAG", field_name="rag", choices=RAG.choices, empty_label="Any"
    )
    due = django_filters.ChoiceFilter(
        label="Due", choices=DUE_CHOICES, empty_label="Any time", method="filter_due"
    )
    owner = django_filters.ModelChoiceFilter(queryset=owners, empty_label="Anyone")
    lead = django_filters.ModelChoiceFilter(
        label="Lead chief officer", queryset=leads, empty_label="Any chief officer"
    )

    class Meta:
        model = Action
        fields = [
            "force", "theme", "status", "rag", "owners_rag", "due", "owner", "lead",
        ]  # fmt: skip

    def __init__(self, *args, request=None, **kwargs) -> None:
        super().__init__(*args, request=request, **kwargs)
        user = request.user if request is not None else AnonymousUser()
        self.filters["theme"].extra["choices"] = theme_choices(user)

    def filter_rag(self, queryset, name, value):
        return queryset.filter(rag.by_rule(value, timezone.localdate()))

    def filter_due(self, queryset, name, value):
        if value == "overdue":
            return queryset.overdue()
        return queryset.due_within(int(value))
