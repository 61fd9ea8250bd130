"""A finding's admin page with its action plan: the inspections app knows
nothing of actions, so the finding admin gains its inline here."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from actions.admin.common import ActionInline, save_action_formset
from actions.models import Action
from inspections.admin import FindingAdmin
from inspections.models import Finding


class FindingWithActionsAdmin(FindingAdmin):
    def get_inlines(self, request: HttpRequest, obj: Finding | None):
        if obj is None or not obj.is_actionable:
            return []
        return [ActionInline, *super().get_inlines(request, obj)]

    def save_formset(self, request, form, formset, change):
        if formset.model is Action:  # through the action service, not a record
            save_action_formset(request, formset)
        else:
            super().save_formset(request, form, formset, change)


admin.site.unregister(Finding)
admin.site.register(Finding, FindingWithActionsAdmin)
