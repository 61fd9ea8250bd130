"""The inspectorate's view of a finding and HMICFRS's monitoring of a force, as
admin inlines: who may add or change them is asked of the organisation the
page is about, and each row is saved through its service."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from inspections.models import (
    Finding,
    Force,
    Inspection,
    InspectorateView,
    MonitoringPeriod,
)
from inspections.services import (
    inspectorate_view_save,
    may_record_oversight,
    monitoring_period_save,
)


def _organisation_of(obj: Finding | Force | None) -> int | None:
    if isinstance(obj, Finding):
        return obj.inspection.organisation_id
    if isinstance(obj, Force):
        return obj.organisation_id
    return None


class OversightInline(admin.options.InlineModelAdmin):
    """Stacked, each field labelled: axe-core finds a tabular inline's
    selects unnamed and its delete column's header empty."""

    extra = 0
    template = "admin/edit_inline/stacked.html"

    def _may(self, request: HttpRequest, verb: str, obj) -> bool:
        organisation = _organisation_of(obj)
        if organisation is None:
            return False
        return may_record_oversight(request.user, verb, self.model, organisation)

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._may(request, "add", obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._may(request, "change", obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # kept as the record of what the inspectorate said and did


class InspectorateViewInline(OversightInline):
    model = InspectorateView
    fields = ["status", "date", "comment", "recorded_by"]
    readonly_fields = ["recorded_by"]
    verbose_name_plural = "the inspectorate's view, newest first"

    def get_queryset(self, request: HttpRequest):
        # shown read only, each row's recorder would be a query
        return super().get_queryset(request).select_related("recorded_by")


class MonitoringPeriodInline(OversightInline):
    model = MonitoringPeriod
    fields = [
        "stage",
        ("entered", "left"),
        "reasons",
        "inspections",
        "improvement_plan",
    ]
    verbose_name_plural = "HMICFRS monitoring (Scan and Engage)"

    def get_fields(self, request: HttpRequest, obj=None):
        """Read only, the related reports would be listed whether or not the
        reader may see them: they are on the force's page, read through the
        inspections' own rule."""
        fields = super().get_fields(request, obj)
        if self.has_change_permission(request, obj):
            return fields
        return [name for name in fields if name != "inspections"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Only this force's reports, and only those the person may see.
        object_id = request.resolver_match.kwargs.get("object_id")
        kwargs["queryset"] = Inspection.objects.visible_to(request.user).filter(
            force_id=object_id
        )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def save_oversight_formset(request: HttpRequest, formset) -> bool:
    """Save an oversight inline through its service; False if the formset is
    not one of them."""
    if formset.model is InspectorateView:
        for view in formset.save(commit=False):
            inspectorate_view_save(view=view, user=request.user)
        return True
    if formset.model is MonitoringPeriod:
        saving = formset.save(commit=False)  # and notes what changed, for the log
        for form in formset.forms:
            if form.instance in saving:
                monitoring_period_save(
                    period=form.instance,
                    user=request.user,
                    inspections=form.cleaned_data.get("inspections", []),
                )
        return True
    return False
