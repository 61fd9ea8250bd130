from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.access import AnyUser
from governance.models import (
    Meeting,
    MeetingType,
    RecommendationResponse,
    Section55Response,
)
from governance.services import (
    check_may_keep_meeting,
    forces_to_keep_meetings_for,
    may_keep_meeting,
    may_keep_section_55,
)
from inspections.admin_filters import force_filter
from pcc_panel.lib.history_admin import ReadOnlyHistoryAdmin
from pcc_panel.lib.inline_autocomplete import LoadedAutocompleteInline


class RecommendationResponseInline(LoadedAutocompleteInline, admin.StackedInline):
    model = RecommendationResponse
    autocomplete_fields = ["finding"]
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[RecommendationResponse]:
        return RecommendationResponse.objects.visible_to(request.user).select_related(
            "finding"
        )


class Section55ResponseForm(forms.ModelForm):
    """Only the office of the force answered for keeps its response: the same
    rule as the site's form (governance.services.may_keep_section_55)."""

    user: AnyUser | None = None

    class Meta:
        model = Section55Response
        fields = ["inspection", "force"]  # the admin's fieldsets add the rest

    def clean(self) -> dict:
        data = super().clean() or {}
        inspection, force = data.get("inspection"), data.get("force")
        if inspection is not None and self.user is not None:
            answered = force or inspection.force
            if answered is not None and not may_keep_section_55(
                self.user, inspection, answered
            ):
                self.add_error(
                    None,
                    "Your role does not keep the section 55 response of "
                    f"{answered}: that is its own Commissioner's office.",
                )
        return data


@admin.register(Section55Response)
class Section55ResponseAdmin(ReadOnlyHistoryAdmin):
    form = Section55ResponseForm
    list_display = ["inspection", "force", "due_on", "published_on", "state_label"]
    list_select_related = ["inspection__force", "force"]
    search_fields = ["inspection__title", "inspection__pillar", "force__name"]
    autocomplete_fields = ["inspection", "force"]
    inlines = [RecommendationResponseInline]
    fieldsets = [
        (None, {"fields": ["inspection", "force"]}),
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

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user  # a new class each request
        return form

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        """Another area's response is read here, not changed."""
        if obj is None:
            return super().has_change_permission(request)
        return may_keep_section_55(request.user, obj.inspection, obj.force)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is None:
            return super().has_delete_permission(request)
        return super().has_delete_permission(request, obj) and may_keep_section_55(
            request.user, obj.inspection, obj.force
        )

    @admin.display(description="Due")
    def due_on(self, response: Section55Response):
        return response.due_on

    @admin.display(description="State")
    def state_label(self, response: Section55Response) -> str:
        return response.state().label


@admin.register(MeetingType)
class MeetingTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "frequency", "for_the_panel"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyHistoryAdmin):
    """An area's meetings, kept by its own people
    (governance.services.may_keep_meeting)."""

    list_display = ["date", "meeting_type", "force"]
    list_filter = ["meeting_type", force_filter("force")]
    list_select_related = ["meeting_type", "force"]
    date_hierarchy = "date"
    search_fields = ["notes", "attendees"]
    fields = ["force", "meeting_type", "date", "attendees", "notes"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Meeting]:
        return Meeting.objects.visible_to(request.user).order_by("-date", "pk")

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "force" in form.base_fields:
            form.base_fields["force"].required = True  # null only for old rows
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "force":
            kwargs["queryset"] = forces_to_keep_meetings_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_keep_meeting(request.user, obj.force))

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_keep_meeting(request.user, obj.force))

    def save_model(self, request: HttpRequest, obj: Meeting, form, change) -> None:
        check_may_keep_meeting(request.user, obj)
        super().save_model(request, obj, form, change)
