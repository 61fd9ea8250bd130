from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import SafeString

from accounts.decorators import ask_to_confirm
from actions import rag
from actions.admin.common import (
    PROGRESS_FIELDS,
    ProgressHistoryInline,
    ProgressTagsMixin,
    ProgressUpdateInline,
    readonly_action_fields,
    record_from,
)
from actions.admin.moves import bulk_move
from actions.choices import RAG, Status
from actions.filters import DUE_CHOICES
from actions.forms import ActionAdminForm, for_user
from actions.models import Action, ProgressUpdate
from actions.services import action_edit
from inspections.admin_filters import force_filter, theme_filter
from pcc_panel.lib.history_admin import ReadOnlyHistoryAdmin


class DueFilter(admin.SimpleListFilter):
    title = "due"
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return DUE_CHOICES

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue()
        value = self.value()
        if value in ("7", "30"):
            return queryset.due_within(int(value))
        return queryset


class RuleRagFilter(admin.SimpleListFilter):
    title = "RAG by rule"
    parameter_name = "rag_by_rule"

    def lookups(self, request, model_admin):
        return RAG.choices

    def queryset(self, request, queryset):
        value = self.value()
        if value in RAG.values:
            return queryset.filter(rag.by_rule(value, timezone.localdate()))
        return queryset


class OwnersRagFilter(admin.ChoicesFieldListFilter):
    title = "owner's RAG"


class WhoseFilter(admin.SimpleListFilter):
    """One's own actions, with no query for the choices: a list of everyone who
    owns an action would read every action to build it. Search finds others."""

    title = "whose"
    parameter_name = "whose"

    def lookups(self, request, model_admin):
        return [("mine", "Mine (owner or delegate)"), ("led", "Led by me")]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.owned_by(request.user)
        if self.value() == "led":
            return queryset.filter(lead=request.user)
        return queryset


@admin.register(Action)
class ActionAdmin(ProgressTagsMixin, ReadOnlyHistoryAdmin):
    form = ActionAdminForm
    actions = [
        "move_to_in_progress",
        "move_to_completed",
        "move_to_blocked",
        "sign_off",
    ]
    list_display = [
        "title",
        "owner",
        "due_date",
        "status_tag",
        "rule_rag_tag",
        "percent_complete",
        "last_update_date",
        "marking",
    ]
    list_filter = [
        "status",
        RuleRagFilter,
        ("rag", OwnersRagFilter),
        DueFilter,
        "marking",
        theme_filter("finding__theme"),
        force_filter("force"),
        "is_demo",
        WhoseFilter,
    ]
    list_per_page = 50

    search_fields = [
        "title",
        "description",
        "finding__text",
        "owner__first_name",
        "owner__last_name",
        "owner__username",
    ]
    autocomplete_fields = ["finding", "force", "owner", "lead", "delegates"]
    show_full_result_count = False
    inlines = [ProgressUpdateInline, ProgressHistoryInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Action]:
        return Action.objects.for_tracker(request.user)

    def get_search_results(self, request, queryset, search_term):
        """The action picker of a progress update offers only the actions the
        person may update: typing a word and Enter cannot pick someone else's."""
        queryset, duplicates = super().get_search_results(
            request, queryset, search_term
        )
        if request.GET.get("model_name") == "progressupdate":
            updatable = Action.objects.updatable_by(request.user).values("pk")
            queryset = queryset.filter(pk__in=updatable)
        return queryset, duplicates

    @admin.display(description="RAG by rule")
    def rule_rag_tag(self, obj: Action) -> SafeString:
        return rag.shown(obj.rag_by_rule(), obj.rag)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None:
            return obj.can_be_changed_by(request.user)
        return super().has_change_permission(request, obj)

    def get_inlines(self, request: HttpRequest, obj: Action | None):
        if obj is not None and not obj.can_be_updated_by(request.user):
            return [ProgressHistoryInline]
        return self.inlines

    def get_fieldsets(self, request: HttpRequest, obj: Action | None = None):
        progress_note = (
            "Status, RAG and percent complete change only through a progress update."
            if obj
            else "Where the action stands as it is created."
        )
        return [
            (
                None,
                {
                    "fields": [
                        "finding",
                        "force",
                        "title",
                        "description",
                        "marking",
                        "seen_version",
                    ]
                },
            ),
            ("Ownership", {"fields": ["owner", "lead", "delegates", "due_date"]}),
            (
                "Evidence of effect",
                {
                    "fields": [
                        "outcome_measure",
                        ("demonstration_starts", "demonstration_ends"),
                        "outcome_shown",
                    ],
                    "description": "Optional: an outcome measure that must be "
                    "shown over a demonstration period before the action may be "
                    "signed off.",
                },
            ),
            ("Progress", {"fields": PROGRESS_FIELDS, "description": progress_note}),
            ("Demo", {"fields": ["is_demo"], "classes": ["collapse"]}),
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Action | None = None):
        fieldsets = self.get_fieldsets(request, obj)
        shown = [
            name for name in flatten_fieldsets(fieldsets) if name != "seen_version"
        ]
        return readonly_action_fields(request.user, obj, shown)

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any):
        return for_user(super().get_form(request, obj, **kwargs), request.user)

    def save_model(self, request, obj, form, change):
        action_edit(action=obj, user=request.user, changed=form.changed_data)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ProgressUpdateInline) and obj is not None:
            kwargs["initial"] = [
                {field: getattr(obj, field) for field in (*PROGRESS_FIELDS, "marking")}
            ]
        return kwargs

    def save_formset(self, request, form, formset, change):
        if formset.model is not ProgressUpdate:
            return super().save_formset(request, form, formset, change)
        saved = formset.save(commit=False)
        for update_form in formset.forms:
            if update_form.instance in saved:
                evidence = update_form.cleaned_data.get("evidence_files") or ()
                record_from(update_form.instance, request.user, evidence)

    @admin.display(description="Last update", ordering="last_update_date")
    def last_update_date(self, action: Action):
        return getattr(
            action, "last_update_date", None
        )  # ActionQuerySet.with_last_update

    def has_close_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("actions.close_action")

    def has_update_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("actions.add_progressupdate")

    @admin.action(
        description="Move to in progress (start, resume or reopen)",
        permissions=["update"],
    )
    def move_to_in_progress(self, request, queryset):
        return bulk_move(self, request, queryset, Status.IN_PROGRESS)

    @admin.action(
        description="Mark as completed (ready for sign-off)", permissions=["update"]
    )
    def move_to_completed(self, request, queryset):
        return bulk_move(self, request, queryset, Status.COMPLETED)

    @admin.action(description="Mark as blocked", permissions=["update"])
    def move_to_blocked(self, request, queryset):
        return bulk_move(self, request, queryset, Status.BLOCKED)

    @admin.action(
        description="Sign off (close) completed actions", permissions=["close"]
    )
    def sign_off(self, request, queryset):
        return ask_to_confirm(request) or bulk_move(
            self, request, queryset, Status.CLOSED
        )
