from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.defaultfilters import pluralize

from pcc_panel.lib.history_admin import ReadOnlyHistoryAdmin
from reports.models import PanelReport, ReportSection
from reports.services import report_publish


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
        return PanelReport.objects.visible_to(request.user)

    @admin.action(description="Publish the selected reports", permissions=["change"])
    def publish(self, request, queryset):
        published = 0
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
