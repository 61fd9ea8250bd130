from __future__ import annotations

from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from simple_history.admin import SimpleHistoryAdmin


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's page for one past version saves a valid POST, even
    with reverting disabled and whatever the object-level rights: that would let
    anyone who may read an action rewrite it. The audit trail is read-only."""

    def history_view(self, request, object_id, extra_context=None):
        self._check_seen(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied(
                "The history is a record: it can be read, not changed."
            )
        if not str(version_id).isdigit():
            raise Http404("No such version.")
        self._check_seen(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _check_seen(self, request, object_id) -> None:
        """The history of a row is read only by those who may read the row:
        django-simple-history falls back to the history itself when the row
        is outside the admin's queryset. Only a superuser reads the history
        of a row since deleted."""
        if request.user.is_superuser:
            return
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        pk = str(object_id)
        if not pk.isdigit() or not self.get_queryset(request).filter(pk=pk).exists():
            raise Http404("No such record.")

    def action_checkbox(self, obj) -> SafeString:
        """Django's own, written out: rendered through the form renderer's
        templates, fifty checkboxes cost a changelist more than its queries."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="Select this object for an action - {}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            obj,
        )


class RecordAdmin(admin.ModelAdmin):
    """A record of what happened (an amendment, an account's event): read in
    the admin, never added, changed or deleted there."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
