from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from accounts.access import EVERYWHERE, reach
from accounts.decorators import ask_to_confirm
from pcc_panel.lib.history_admin import ReadOnlyHistoryAdmin
from reports.models import PanelReport, ReportSection
from reports.services import (
    OUTSIDE_YOUR_AREA,
    check_may_write,
    inspections_to_write_on,
    report_publish,
)


class ReportSectionInline(admin.StackedInline):
    model = ReportSection
    fields = [("order", "kind"), "heading", "text", "text_after"]
    extra = 0


@admin.register(PanelReport)
class PanelReportAdmin(ReadOnlyHistoryAdmin):
    list_display = ["subject", "meeting_date", "inspection", "status", "published_at"]
    list_filter = ["status"]
    list_select_related = ["inspection__force"]
    search_fields = ["subject", "author"]
    autocomplete_fields = ["inspection"]
    readonly_fields = ["status", "published_at", "published_by"]
    inlines = [ReportSectionInline]
    actions = ["publish"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "panel_name",
                    ("meeting_date", "report_of"),
                    "subject",
                    "author",
                    "inspection",
                ]
            },
        ),
        ("Purpose and recommendation", {"fields": ["purpose", "recommendation"]}),
        (
            "Implications",
            {
                "fields": [
                    "implications_financial",
                    "implications_legal",
                    "implications_equality",
                    "implications_risks",
                    "implications_plan",
                ]
            },
        ),
        (
            "Papers",
            {"fields": ["include_action_appendix", "appendices", "background_papers"]},
        ),
        (
            "Person to contact",
            {"fields": ["contact_name", "contact_role", "contact_email"]},
        ),
        ("Publication", {"fields": ["status", "published_at", "published_by"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[PanelReport]:
        """The papers of the person's own areas: those on another area's
        inspections are read on the site, once published."""
        user = request.user
        papers = PanelReport.objects.visible_to(user)
        writes = reach(user, "reports.change_panelreport")
        if writes is EVERYWHERE:
            return papers
        own = Q(force__organisation__in=sorted(writes))
        return papers.filter(own | Q(inspection__isnull=True))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Inspections of the person's own area, or thematic ones: the rule
        (reports.services) that saving checks again."""
        if db_field.name != "inspection":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        kwargs["queryset"] = inspections_to_write_on(request.user)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        field.error_messages["invalid_choice"] = OUTSIDE_YOUR_AREA
        return field

    def save_model(self, request, obj, form, change) -> None:
        check_may_write(request.user, obj)
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        """A published report is amended on the site, where the change is
        noted for its readers; here it is read only."""
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.get_object(request, object_id)
        if report is not None and report.is_published and request.method == "GET":
            amend = reverse("reports:edit", args=[report.pk])
            messages.info(
                request,
                format_html(
                    'This report is published. <a href="{}">Amend it on the site</a>, '
                    "with a note its readers are shown.",
                    amend,
                ),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description="Publish the selected reports…", permissions=["change"])
    def publish(self, request, queryset):
        """Asks first, as the site does: a page listing the drafts that will
        become public, each with a link to read it as the public will. Then
        all are published in one transaction."""
        if asked := ask_to_confirm(request):
            return asked
        if request.POST.get("confirmed") != "yes":
            return TemplateResponse(
                request,
                "admin/reports/panelreport/publish_confirmation.html",
                {
                    **self.admin_site.each_context(request),
                    "title": "Publish these reports?",
                    "opts": self.model._meta,
                    "drafts": [r for r in queryset if not r.is_published],
                    "selected": queryset,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                },
            )
        published = 0
        with transaction.atomic():
            for report in queryset:
                if not report.is_published:
                    report_publish(report=report, user=request.user)
                    published += 1
        self.message_user(
            request,
            f"{published} report{pluralize(published)} published."
            + (
                " The others were published already."
                if published < len(queryset)
                else ""
            ),
            messages.SUCCESS,
        )
