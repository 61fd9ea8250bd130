from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone

from accounts.access import sees_unpublished
from actions import rag, rules
from actions.choices import RAG, Status
from actions.models import Action
from inspections.models import Finding, Force
from pcc_panel.lib.widgets import QuickFilterSet

CLOSED_CHOICES = [(str(rules.CLOSED_LATELY_DAYS), "In the last 30 days")]
INSPECTION_CHOICES = [("drafts", "Published and drafts")]
DUE_CHOICES = [
    ("overdue", "Overdue"),
    ("7", "Due in the next 7 days"),
    ("30", "Due in the next 30 days"),
]


def theme_choices(user) -> list[tuple[str, str]]:
    return [(theme, theme) for theme in Finding.objects.visible_to(user).themes()]


def forces(request) -> QuerySet:
    return Force.objects.visible_to(request.user).only("name")  # a choice's label


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
        field_name="force",
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
    closed = django_filters.ChoiceFilter(
        label="Closed",
        choices=CLOSED_CHOICES,
        empty_label="Any time",
        method="filter_closed",
    )
    inspections = django_filters.ChoiceFilter(
        label="Inspections",
        choices=INSPECTION_CHOICES,
        empty_label="Published only",
        method="filter_inspections",
    )
    owner = django_filters.ModelChoiceFilter(queryset=owners, empty_label="Anyone")
    lead = django_filters.ModelChoiceFilter(
        label="Lead chief officer", queryset=leads, empty_label="Any chief officer"
    )

    class Meta:
        model = Action
        fields = [
            "force", "theme", "status", "rag", "owners_rag", "due", "closed",
            "owner", "lead", "inspections",
        ]  # fmt: skip

    def __init__(self, data=None, *args, request=None, **kwargs) -> None:
        # bound even with nothing asked, so that the default (published
        # inspections only) applies to the plain tracker too
        super().__init__({} if data is None else data, *args, request=request, **kwargs)
        user = request.user if request is not None else AnonymousUser()
        self.filters["theme"].extra["choices"] = theme_choices(user)
        if not sees_unpublished(user):  # no draft of theirs to include
            del self.filters["inspections"]

    def filter_queryset(self, queryset):
        """Published inspections' actions only, as the dashboard counts them,
        unless drafts are asked for."""
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("inspections") != "drafts":
            queryset = queryset.filter(rules.COUNTED)
        return queryset

    def filter_inspections(self, queryset, name, value):
        return queryset  # drafts too: the default is applied in filter_queryset

    def filter_closed(self, queryset, name, value):
        return queryset.filter(rules.closed_lately(timezone.localdate()))

    def filter_rag(self, queryset, name, value):
        return queryset.filter(rag.by_rule(value, timezone.localdate()))

    def filter_due(self, queryset, name, value):
        if value == "overdue":
            return queryset.overdue()
        return queryset.due_within(int(value))
