from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.safestring import SafeString
from simple_history.admin import SimpleHistoryAdmin

from actions.choices import RAG, Status
from actions.forms import ProgressUpdateForm, for_user
from actions.models import Action, ProgressUpdate
from actions.services import progress_update_record
from pcc_panel.lib.admin_filters import theme_filter
from pcc_panel.lib.tags import tag

PROGRESS_FIELDS = ["status", "rag", "percent_complete"]
OWNERSHIP_FIELDS = ["finding", "owner", "lead", "delegates", "due_date", "marking"]


def record_from(update: ProgressUpdate, author) -> ProgressUpdate:
    """Save an update built by an admin form through the one service that records
    updates, so the action follows it."""
    return progress_update_record(
        action=update.action,
        author=author,
        narrative=update.narrative,
        status=update.status,
        rag=update.rag,
        percent_complete=update.percent_complete,
        date=update.date,
        marking=update.marking,
    )


class ProgressTagsMixin:
    """Status and RAG as tags, for any admin of a model with ProgressFields."""

    @admin.display(description="Status", ordering="status")
    def status_tag(self, obj) -> SafeString:
        return tag(Status, obj.status)

    @admin.display(description="RAG", ordering="rag")
    def rag_tag(self, obj) -> SafeString:
        return tag(RAG, obj.rag)


class ActionInline(admin.TabularInline):
    model = Action
    fields = ["title", "owner", "lead", "due_date", *PROGRESS_FIELDS, "marking"]
    autocomplete_fields = ["owner", "lead"]
    show_change_link = True
    extra = 0


class ProgressUpdateInline(admin.StackedInline):
    """This week's update: one blank form, filled in with where the action stands."""

    model = ProgressUpdate
    form = ProgressUpdateForm
    fields = ["date", "narrative", *PROGRESS_FIELDS, "marking"]
    extra = max_num = 1
    can_delete = False
    verbose_name = "new progress update"
    verbose_name_plural = "Add a progress update"

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProgressUpdate]:
        return super().get_queryset(request).none()

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = for_user(formset.form, request.user)
        return formset


class ProgressHistoryInline(ProgressTagsMixin, admin.TabularInline):
    """Updates already given, newest first; a record, so never edited."""

    model = ProgressUpdate
    fields = readonly_fields = [
        "date",
        "author",
        "status_tag",
        "rag_tag",
        "percent_complete",
        "narrative",
        "marking",
    ]
    can_delete = False
    verbose_name_plural = "Progress so far"

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProgressUpdate]:
        return (
            ProgressUpdate.objects.visible_to(request.user)
            .select_related("author", "action")
            .order_by("-date", "-pk")
        )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Action)
class ActionAdmin(ProgressTagsMixin, SimpleHistoryAdmin):
    list_display = [
        "title",
        "owner",
        "due_date",
        "status_tag",
        "rag_tag",
        "percent_complete",
        "last_update_date",
        "marking",
    ]
    list_filter = [
        "status",
        "rag",
        "marking",
        theme_filter("finding__theme"),
        "finding__inspection__force",
        "is_demo",
        ("owner", admin.RelatedOnlyFieldListFilter),
        ("lead", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = [
        "title",
        "description",
        "finding__text",
        "owner__first_name",
        "owner__last_name",
        "owner__username",
    ]
    autocomplete_fields = ["finding", "owner", "lead", "delegates"]
    show_full_result_count = False
    inlines = [ProgressUpdateInline, ProgressHistoryInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Action]:
        return Action.objects.visible_to(request.user).for_tracker()

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
            (None, {"fields": ["finding", "title", "description", "marking"]}),
            ("Ownership", {"fields": ["owner", "lead", "delegates", "due_date"]}),
            ("Progress", {"fields": PROGRESS_FIELDS, "description": progress_note}),
            ("Demo", {"fields": ["is_demo"], "classes": ["collapse"]}),
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Action | None = None):
        readonly = list(PROGRESS_FIELDS) if obj else []
        if not request.user.has_perm("actions.change_any_action"):
            # An owner describes the work; who does it, and by when, is decided
            # by the chief officer team.
            readonly += OWNERSHIP_FIELDS
        return readonly

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ProgressUpdateInline) and obj is not None:
            kwargs["initial"] = [
                {field: getattr(obj, field) for field in PROGRESS_FIELDS}
            ]
        return kwargs

    def save_formset(self, request, form, formset, change):
        if formset.model is not ProgressUpdate:
            return super().save_formset(request, form, formset, change)
        for update in formset.save(commit=False):
            record_from(update, request.user)

    @admin.display(description="Last update", ordering="last_update_date")
    def last_update_date(self, action: Action):
        return action.last_update_date


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ProgressTagsMixin, SimpleHistoryAdmin):
    form = ProgressUpdateForm
    list_display = [
        "action",
        "date",
        "author",
        "status_tag",
        "rag_tag",
        "percent_complete",
        "marking",
    ]
    list_filter = ["status", "rag", "marking", "date"]
    list_select_related = ["action", "author"]
    search_fields = ["narrative", "action__title"]
    autocomplete_fields = ["action"]
    fields = ["action", "date", "narrative", *PROGRESS_FIELDS, "marking"]
    date_hierarchy = "date"
    show_full_result_count = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProgressUpdate]:
        return ProgressUpdate.objects.visible_to(request.user).select_related(
            "action", "author"
        )

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any):
        return for_user(super().get_form(request, obj, **kwargs), request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # an update is a record of what was said at the time

    def save_model(self, request, obj, form, change):
        obj.pk = record_from(obj, request.user).pk
