from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.safestring import SafeString

from actions.admin import ActionInline
from inspections.admin_import import DocumentImportMixin
from inspections.choices import Grade
from inspections.models import Finding, Force, ForceYear, GradedQuestion, Inspection
from pcc_panel.lib.admin_filters import theme_filter
from pcc_panel.lib.history_admin import ReadOnlyHistoryAdmin
from pcc_panel.lib.tags import tag


class ForceYearInline(admin.TabularInline):
    model = ForceYear
    fields = ["year", "officers", "population", "savings_to_date"]
    extra = 0


@admin.register(Force)
class ForceAdmin(ReadOnlyHistoryAdmin):
    list_display = ["name", "inspection_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ForceYearInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Force]:
        return (
            super()
            .get_queryset(request)
            .annotate(inspection_count=Count("inspections"))
        )

    @admin.display(description="Inspections", ordering="inspection_count")
    def inspection_count(self, force: Force) -> int:
        return force.inspection_count


class GradedQuestionInline(admin.TabularInline):
    model = GradedQuestion
    fields = ["order", "wording", "short_title", "grade", "previous"]
    autocomplete_fields = ["previous"]
    extra = 0


class FindingInline(admin.TabularInline):
    model = Finding
    fields = ["order", "kind", "theme", "text", "question", "marking"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Finding]:
        return super().get_queryset(request).select_related("question")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name != "question":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        # Only this inspection's questions; the page's object id is in the URL.
        object_id = request.resolver_match.kwargs.get("object_id")
        kwargs["queryset"] = GradedQuestion.objects.filter(inspection_id=object_id)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        field.choices = list(field.choices)  # read once, not once for every row
        return field


@admin.register(Inspection)
class InspectionAdmin(DocumentImportMixin, ReadOnlyHistoryAdmin):
    list_display = [
        "inspection",
        "force",
        "inspectorate",
        "publication_date",
        "grade",
        "finding_count",
        "is_published",
        "marking",
    ]
    list_filter = [
        "is_published",
        "marking",
        "inspectorate",
        "programme",
        "overall_grade",
        "force",
    ]
    list_select_related = ["force"]
    search_fields = ["title", "pillar", "force__name"]
    date_hierarchy = "publication_date"
    autocomplete_fields = ["force"]
    inlines = [GradedQuestionInline, FindingInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["force", "inspectorate", "programme", "pillar", "title"]}),
        (
            "Dates and grade",
            {
                "fields": [
                    ("fieldwork_start", "fieldwork_end"),
                    "publication_date",
                    "overall_grade",
                ]
            },
        ),
        ("Report", {"fields": ["report_url", "summary"]}),
        ("Who sees it", {"fields": ["is_published", "marking"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Inspection]:
        return Inspection.objects.visible_to(request.user).annotate(
            finding_count=Count("findings")
        )

    @admin.display(description="Inspection", ordering="pillar")
    def inspection(self, inspection: Inspection) -> str:
        return inspection.name

    @admin.display(description="Overall grade", ordering="overall_grade")
    def grade(self, inspection: Inspection) -> SafeString:
        return tag(Grade, inspection.overall_grade, empty="Not graded")

    @admin.display(description="Findings", ordering="finding_count")
    def finding_count(self, inspection: Inspection) -> int:
        return inspection.finding_count


@admin.register(GradedQuestion)
class GradedQuestionAdmin(ReadOnlyHistoryAdmin):
    list_display = ["wording", "inspection", "order", "graded"]
    list_filter = ["grade", "inspection__force"]
    list_select_related = ["inspection__force"]
    search_fields = ["wording", "short_title", "inspection__force__name"]
    autocomplete_fields = ["inspection", "previous"]

    @admin.display(description="Grade", ordering="grade")
    def graded(self, question: GradedQuestion) -> SafeString:
        return tag(Grade, question.grade, empty="Not graded")


@admin.register(Finding)
class FindingAdmin(ReadOnlyHistoryAdmin):
    list_display = [
        "summary",
        "kind",
        "theme",
        "inspection",
        "question",
        "action_count",
        "marking",
    ]
    list_filter = ["kind", "marking", "inspection__force", theme_filter("theme")]
    list_select_related = ["inspection__force", "question"]
    search_fields = ["text", "theme", "inspection__force__name"]
    autocomplete_fields = ["inspection", "question"]
    fields = ["inspection", "kind", "theme", "text", "question", "order", "marking"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Finding]:
        return Finding.objects.visible_to(request.user).annotate(
            action_count=Count("actions")
        )

    def get_inlines(self, request: HttpRequest, obj: Finding | None):
        return [ActionInline] if obj is not None and obj.is_actionable else []

    @admin.display(description="Finding", ordering="text")
    def summary(self, finding: Finding) -> str:
        return finding.text if len(finding.text) <= 90 else f"{finding.text[:89]}…"

    @admin.display(description="Actions", ordering="action_count")
    def action_count(self, finding: Finding) -> int:
        return finding.action_count
