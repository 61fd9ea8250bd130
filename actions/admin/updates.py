from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from actions.admin.common import PROGRESS_FIELDS, ProgressTagsMixin, record_from
from actions.forms import ProgressUpdateForm, for_user
from actions.models import Action, ProgressUpdate
from pcc_panel.lib.history_admin import ReadOnlyHistoryAdmin


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ProgressTagsMixin, ReadOnlyHistoryAdmin):
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
    fields = [
        "action",
        "date",
        "narrative",
        *PROGRESS_FIELDS,
        "marking",
        "evidence_files",
    ]
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

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        """With ?action=, the form starts from where that action stands."""
        initial = super().get_changeform_initial_data(request)
        asked = str(initial.get("action", ""))
        action = (
            Action.objects.updatable_by(request.user).filter(pk=asked).first()
            if asked.isdigit() and len(asked) < 10
            else None
        )
        if action is not None:
            initial |= {
                name: getattr(action, name) for name in (*PROGRESS_FIELDS, "marking")
            }
        return initial

    def save_model(self, request, obj, form, change):
        evidence = form.cleaned_data.get("evidence_files") or ()
        obj.pk = record_from(obj, request.user, evidence).pk
