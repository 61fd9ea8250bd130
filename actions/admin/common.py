from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.forms.models import ModelChoiceIterator
from django.http import HttpRequest
from django.utils.safestring import SafeString

from actions.choices import RAG, Status
from actions.forms import ActionAdminForm, ProgressUpdateForm, for_user
from actions.models import Action, ProgressUpdate
from actions.querysets import action_visibility
from actions.services import action_edit, progress_update_record
from inspections.models import Force
from pcc_panel.lib.inline_autocomplete import LoadedAutocompleteInline
from pcc_panel.lib.tags import tag

PROGRESS_FIELDS = ["status", "rag", "percent_complete"]


def readonly_action_fields(user, action: Action | None, shown) -> list[str]:
    """Every shown field the person may not set on this action (or a new one):
    the one rule, Action.editable_fields, for the change form and the inline."""
    editable = (action or Action()).editable_fields(user)
    return [name for name in shown if name not in editable]


def record_from(update: ProgressUpdate, author, evidence=()) -> ProgressUpdate:
    """Save an update built by an admin form through the one service that records
    updates, so the action follows it."""
    return progress_update_record(
        evidence=evidence,
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


class ActionInline(LoadedAutocompleteInline, admin.TabularInline):
    """A finding's actions. Status and RAG are shown, never set here: they move
    through progress updates. Only those who may change any action edit them in
    this list; an owner edits their own on the action's page."""

    model = Action
    form = ActionAdminForm
    fields = [
        "title", "force", "owner", "lead", "due_date", *PROGRESS_FIELDS, "marking"
    ]  # fmt: skip
    autocomplete_fields = ["owner", "lead"]
    show_change_link = True
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[Action]:
        # each row's force, owner and lead, read once (shown read only, or in
        # the autocomplete boxes)
        rows = super().get_queryset(request).select_related("force", "owner", "lead")
        return rows.filter(action_visibility(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Whose plan: the forces the finding's inspection is of or applies to,
        read once for every row (the finding's id is in the URL)."""
        if db_field.name != "force":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        finding = request.resolver_match.kwargs.get("object_id")
        kwargs["queryset"] = Force.objects.filter(
            Q(inspections__findings=finding) | Q(thematic_inspections__findings=finding)
        ).distinct()
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        assert field is not None and isinstance(field.choices, ModelChoiceIterator)
        field.choices = list(iter(field.choices))
        return field

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("actions.change_any_action")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None):
        if not self.has_change_permission(request, obj):
            return self.fields
        # the same rule as an existing action's own page, for every row
        shown = readonly_action_fields(request.user, None, self.fields)
        return sorted(set(shown) | set(PROGRESS_FIELDS), key=self.fields.index)

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any):
        formset = super().get_formset(request, obj, **kwargs)
        form = for_user(formset.form, request.user)
        assert issubclass(form, forms.ModelForm)  # a subclass of formset.form
        formset.form = form
        return formset


def save_action_formset(request: HttpRequest, formset) -> None:
    """An inline of actions saved through the one service that edits actions."""
    instances = formset.save(commit=False)
    for form in formset.forms:
        if form.instance in instances:
            action_edit(
                action=form.instance, user=request.user, changed=form.changed_data
            )
    for action in formset.deleted_objects:
        action.delete()
    formset.save_m2m()


class ProgressUpdateInline(admin.StackedInline):
    """This week's update: one blank form, filled in with where the action stands."""

    model = ProgressUpdate
    form = ProgressUpdateForm
    fields = ["date", "narrative", *PROGRESS_FIELDS, "marking", "evidence_files"]
    extra = max_num = 1
    can_delete = False
    verbose_name = "new progress update"
    verbose_name_plural = "Add a progress update"

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProgressUpdate]:
        return super().get_queryset(request).none()

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any):
        formset = super().get_formset(request, obj, **kwargs)
        form = for_user(formset.form, request.user)
        assert issubclass(form, forms.ModelForm)  # a subclass of formset.form
        formset.form = form
        return formset  # filled in from the action: ActionAdmin.get_formset_kwargs


class ProgressHistoryInline(ProgressTagsMixin, admin.TabularInline):
    """Updates already given, newest first; a record, so never edited."""

    model = ProgressUpdate
    fields = readonly_fields = (
        "date",
        "author",
        "status_tag",
        "rag_tag",
        "percent_complete",
        "narrative",
        "marking",
    )
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
