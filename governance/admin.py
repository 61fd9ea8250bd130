from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from governance.models import (
    Meeting,
    MeetingType,
    RecommendationResponse,
    Section55Response,
)
from pcc_panel.lib.history_admin import ReadOnlyHistoryAdmin


class RecommendationResponseInline(admin.StackedInline):
    model = RecommendationResponse
    autocomplete_fields = ["finding"]
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[RecommendationResponse]:
        return RecommendationResponse.objects.visible_to(request.user).select_related(
            "finding"
        )


@admin.register(Section55Response)
class Section55ResponseAdmin(ReadOnlyHistoryAdmin):
    list_display = ["inspection", "due_on", "published_on", "state_label"]
    list_select_related = ["inspection__force"]
    search_fields = ["inspection__title", "inspection__force__name"]
    autocomplete_fields = ["inspection"]
    inlines = [RecommendationResponseInline]
    fieldsets = [
        (None, {"fields": ["inspection"]}),
        (
            "The chief officer's comments",
            {
                "fields": [
                    ("chief_officer_invited_on", "chief_officer_received_on"),
                    "chief_officer_comments",
                ]
            },
        ),
        ("The Commissioner's comments", {"fields": ["commissioner_comments"]}),
        (
            "Publication and copies",
            {
                "fields": [
                    ("published_on", "published_where"),
                    ("sent_to_hmicfrs_on", "sent_to_home_secretary_on"),
                ]
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Section55Response]:
        return Section55Response.objects.visible_to(request.user)

    @admin.display(description="Due")
    def due_on(self, response: Section55Response):
        return response.due_on

    @admin.display(description="State")
    def state_label(self, response: Section55Response) -> str:
        return response.state().label


@admin.register(MeetingType)
class MeetingTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "frequency"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyHistoryAdmin):
    list_display = ["date", "meeting_type"]
    list_filter = ["meeting_type"]
    list_select_related = ["meeting_type"]
    date_hierarchy = "date"
    search_fields = ["notes", "attendees"]
