from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from actions.models import DueDateExtension, Evidence
from actions.services import extension_decide
from pcc_panel.lib.history_admin import ReadOnlyHistoryAdmin


@admin.register(DueDateExtension)
class DueDateExtensionAdmin(ReadOnlyHistoryAdmin):
    """Owners ask in the site; chief officers decide here or there."""

    list_display = [
        "action",
        "requested_by",
        "current_due_date",
        "new_due_date",
        "decision",
        "decided_by",
    ]
    list_filter = ["decision"]
    list_select_related = ["action", "requested_by", "decided_by"]
    search_fields = ["action__title", "reason"]
    readonly_fields = [
        "action",
        "requested_by",
        "current_due_date",
        "new_due_date",
        "reason",
        "decision",
        "decided_by",
        "decided_at",
        "decision_note",
    ]
    actions = ["approve", "refuse"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[DueDateExtension]:
        return DueDateExtension.objects.visible_to(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_decide_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("actions.decide_extension")

    @admin.action(description="Approve the new due dates", permissions=["decide"])
    def approve(self, request, queryset):
        self._decide(request, queryset, approve=True)

    @admin.action(description="Refuse the new due dates", permissions=["decide"])
    def refuse(self, request, queryset):
        self._decide(request, queryset, approve=False)

    def _decide(self, request, queryset, *, approve: bool) -> None:
        decided = 0
        for extension in queryset:
            try:
                extension_decide(
                    extension=extension, user=request.user, approve=approve
                )
                decided += 1
            except (ValidationError, PermissionDenied) as refusal:
                text = " ".join(getattr(refusal, "messages", [str(refusal)]))
                self.message_user(request, f"{extension}: {text}", messages.WARNING)
        if decided:
            verb = "approved" if approve else "refused"
            self.message_user(request, f"{decided} request(s) {verb}.")


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    """Files are attached with a progress update in the site, and downloaded only
    through the site's checked view."""

    list_display = ["original_name", "update", "size", "uploaded_by", "download"]
    list_select_related = ["update__action", "uploaded_by"]
    search_fields = ["original_name", "update__action__title"]
    fields = readonly_fields = (
        "original_name",
        "update",
        "content_type",
        "size",
        "uploaded_by",
        "uploaded_at",
        "download",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Evidence]:
        return Evidence.objects.visible_to(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="File")
    def download(self, evidence: Evidence) -> str:
        url = reverse("actions:evidence", args=[evidence.pk])
        return format_html('<a href="{}">Download</a>', url)
