from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.forms.models import ModelChoiceIterator
from django.http import HttpRequest
from django.utils.safestring import SafeString

from accounts.access import EVERYWHERE, may_in, only_where_held, reach
from inspections.admin_filters import force_filter, theme_filter
from inspections.admin_oversight import (
    InspectorateViewInline,
    MonitoringPeriodInline,
    save_oversight_formset,
)
from inspections.choices import FindingKind, Grade
from inspections.models import (
    Amendment,
    AmendmentSource,
    Finding,
    Force,
    ForceYear,
    GradedQuestion,
    Inspection,
)
from inspections.querysets import inspection_of, inspection_visibility
from inspections.services import (
    amendment_record,
    may_amend,
    questions_from_framework,
)
from pcc_panel.lib.history_admin import ReadOnlyHistoryAdmin, RecordAdmin
from pcc_panel.lib.inline_autocomplete import LoadedAutocompleteInline
from pcc_panel.lib.tags import tag

if TYPE_CHECKING:  # django-stubs-ext is a development requirement only
    from django_stubs_ext import WithAnnotations

    _ModelAdmin = admin.ModelAdmin[Any]
else:
    _ModelAdmin = object


class _InspectionCount(TypedDict):
    inspection_count: int


class _FindingCount(TypedDict):
    finding_count: int


class _ActionCount(TypedDict):
    action_count: int


class ForceYearInline(admin.TabularInline):
    model = ForceYear
    fields = ["year", "officers", "population", "savings_to_date"]
    extra = 0


@admin.register(Force)
class ForceAdmin(ReadOnlyHistoryAdmin):
    list_display = ["name", "inspection_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ForceYearInline, MonitoringPeriodInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Force]:
        """Forces with an inspection the person may see, and those in which
        they may add one."""
        user = request.user
        seen = inspection_visibility(user, "inspections__")
        forces = super().get_queryset(request)
        adds = reach(user, "inspections.add_inspection")
        if adds is not EVERYWHERE:
            visible = Force.objects.visible_to(user).values("pk")
            forces = forces.filter(Q(pk__in=visible) | Q(organisation__in=adds))
        return forces.annotate(
            inspection_count=Count("inspections", filter=seen)
        ).order_by("name")

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        """Another area's force is read, not changed, by this area's people."""
        if obj is None:
            return super().has_change_permission(request)
        return may_in(request.user, "inspections.change_force", obj.organisation_id)

    def save_formset(self, request, form, formset, change):
        if not save_oversight_formset(request, formset):
            super().save_formset(request, form, formset, change)

    @admin.display(description="Inspections", ordering="inspection_count")
    def inspection_count(self, force: WithAnnotations[Force, _InspectionCount]) -> int:
        return force.inspection_count


def _shown(value) -> str:
    if value in (None, ""):
        return "(none)"
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def form_changes(form, what: str) -> list[str]:
    """One line per field a form changed: "Grade: Good → Inadequate"."""
    lines = []
    for name in form.changed_data:
        field = form.fields[name]
        label = str(field.label or name)
        old = form.initial.get(name)
        new = form.cleaned_data.get(name)
        if hasattr(field, "choices") and not isinstance(new, models.Model):
            labels = dict(field.choices)
            old, new = labels.get(old, old), labels.get(new, new)
        lines.append(f"{what}: {label}: {_shown(old)} → {_shown(new)}")
    return lines


def formset_changes(formset) -> list[str]:
    lines = []
    name = str(formset.model._meta.verbose_name)
    for form in formset.forms:
        if not form.has_changed() or not hasattr(form, "cleaned_data"):
            continue
        if form in formset.deleted_forms:
            lines.append(f"Removed {name}: {form.instance}")
        elif form.instance.pk is None:
            lines.append(f"Added {name}: {form.instance}")
        else:
            lines += form_changes(
                form, f"{name[:1].upper()}{name[1:]} “{form.instance}”"
            )
    return lines


class AmendmentRecordingMixin(_ModelAdmin):
    """A change to a published inspection, or to its questions or findings, made
    in the admin is recorded as an amendment: who, when and what changed."""

    def inspection_of(self, obj) -> Inspection:
        return obj.inspection

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        """Another area's inspection is read here, not changed: the rule that
        saving an amendment checks (inspections.services.may_amend), so that
        no one is shown a form they cannot save. The admin reads every row
        through its visibility rule (get_queryset)."""
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or may_amend(
            request.user, self.inspection_of(obj), seen=True
        )

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or may_amend(
            request.user, self.inspection_of(obj), seen=True
        )

    def save_model(self, request, obj, form, change):
        lines = form_changes(form, str(obj._meta.verbose_name).capitalize())
        super().save_model(request, obj, form, change)
        if change:
            self._record(request, self.inspection_of(obj), lines)

    def save_formset(self, request, form, formset, change):
        if save_oversight_formset(request, formset):
            return  # the inspectorate's doing, not an amendment of the report
        lines = formset_changes(formset)
        super().save_formset(request, form, formset, change)
        if change:
            self._record(request, self.inspection_of(form.instance), lines)

    def _record(self, request, inspection: Inspection, lines: list[str]) -> None:
        if inspection.is_published and lines:
            amendment_record(
                inspection=inspection,
                user=request.user,
                source=AmendmentSource.ADMIN,
                changes=lines,
            )


class GradedQuestionInline(LoadedAutocompleteInline, admin.TabularInline):
    model = GradedQuestion
    fields = ["order", "wording", "short_title", "grade", "previous"]
    autocomplete_fields = ["previous"]
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[GradedQuestion]:
        return super().get_queryset(request).select_related("previous")


class FindingInline(admin.TabularInline):
    model = Finding
    fields = [
        "order",
        "number",
        "kind",
        "theme",
        "text",
        "question",
        "concern",
        "marking",
    ]
    extra = 0
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Finding]:
        return (
            Finding.objects.visible_to(request.user)
            .select_related("question")
            .order_by("kind", "order", "pk")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name not in ("question", "concern"):
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        # Only this inspection's questions and causes of concern; the page's
        # object id is in the URL.
        object_id = request.resolver_match.kwargs.get("object_id")
        if db_field.name == "question":
            kwargs["queryset"] = GradedQuestion.objects.filter(inspection_id=object_id)
        else:
            kwargs["queryset"] = Finding.objects.visible_to(request.user).filter(
                inspection_id=object_id, kind=FindingKind.CAUSE_OF_CONCERN
            )
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        assert field is not None  # a foreign key has a form field
        assert isinstance(field.choices, ModelChoiceIterator)
        # read once, not once for every row (and no COUNT first: iter, not len)
        field.choices = list(iter(field.choices))
        return field


class InspectionAdminForm(forms.ModelForm):
    class Meta:
        model = Inspection
        fields = ["force", "applies_to"]  # the admin's fieldsets add the rest

    def clean(self) -> dict:
        """An inspection is of one force, or applies to several (a thematic
        inspection): one or the other."""
        data = super().clean() or {}
        force, applies_to = data.get("force"), data.get("applies_to")
        if force and applies_to:
            self.add_error(
                "applies_to",
                "An inspection of one force applies to that force: clear these, "
                "or clear the force for a thematic inspection.",
            )
        elif not force and not applies_to and "force" not in self.errors:
            self.add_error(
                "applies_to",
                "Choose the force inspected, or for a thematic inspection the "
                "forces it applies to.",
            )
        elif not force and "force" not in self.errors:
            user = getattr(self, "user", None)
            if user is None or (
                reach(user, "inspections.change_inspection") is not EVERYWHERE
            ):
                self.add_error(
                    "force",
                    "A thematic inspection belongs to no one force: only someone "
                    "whose role reaches every force records it. Choose your force.",
                )
        return data


@admin.register(Inspection)
class InspectionAdmin(AmendmentRecordingMixin, ReadOnlyHistoryAdmin):
    form = InspectionAdminForm
    list_display = [
        "inspection",
        "subject",
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
        force_filter("force"),
    ]
    list_select_related = ["force"]
    search_fields = ["title", "pillar", "force__name"]
    date_hierarchy = "publication_date"
    autocomplete_fields = ["force", "applies_to"]
    inlines = [GradedQuestionInline, FindingInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "force",
                    "applies_to",
                    "inspectorate",
                    "framework",
                    "programme",
                    "pillar",
                    "title",
                ]
            },
        ),
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
        return (
            Inspection.objects.visible_to(request.user)
            .annotate(finding_count=Count("findings"))
            .order_by(*(Inspection._meta.ordering or []))
        )

    def inspection_of(self, obj: Inspection) -> Inspection:
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user  # type: ignore[attr-defined]  # a new class each request
        return form

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        if change:
            return
        added = questions_from_framework(form.instance)
        if added:
            messages.info(
                request,
                f"Added the {len(added)} questions of {form.instance.round.label}, "
                "ungraded: "
                "give each the grade the report gives it.",
            )

    @admin.display(description="Inspection", ordering="pillar")
    def inspection(self, inspection: Inspection) -> str:
        return inspection.name

    @admin.display(description="Force or service", ordering="force__name")
    def subject(self, inspection: Inspection) -> str:
        return inspection.subject

    @admin.display(description="Overall grade", ordering="overall_grade")
    def grade(self, inspection: Inspection) -> SafeString:
        return tag(Grade, inspection.overall_grade, empty="Not graded")

    @admin.display(description="Findings", ordering="finding_count")
    def finding_count(
        self, inspection: WithAnnotations[Inspection, _FindingCount]
    ) -> int:
        return inspection.finding_count


@admin.register(GradedQuestion)
class GradedQuestionAdmin(AmendmentRecordingMixin, ReadOnlyHistoryAdmin):
    list_display = ["wording", "inspection", "order", "graded"]
    list_filter = ["grade", force_filter("inspection__force")]
    list_select_related = ["inspection__force"]
    search_fields = ["wording", "short_title", "inspection__force__name"]
    autocomplete_fields = ["inspection", "previous"]
    readonly_fields = ["source"]  # where an import read it: a record, not an input

    def get_queryset(self, request: HttpRequest) -> QuerySet[GradedQuestion]:
        return GradedQuestion.objects.visible_to(request.user)

    @admin.display(description="Grade", ordering="grade")
    def graded(self, question: GradedQuestion) -> SafeString:
        return tag(Grade, question.grade, empty="Not graded")


@admin.register(Finding)
class FindingAdmin(AmendmentRecordingMixin, ReadOnlyHistoryAdmin):
    list_display = [
        "summary",
        "kind",
        "theme",
        "inspection",
        "question",
        "action_count",
        "marking",
    ]
    list_filter = [
        "kind",
        "marking",
        force_filter("inspection__force"),
        theme_filter("theme"),
    ]
    list_select_related = ["inspection__force", "question"]
    search_fields = ["text", "theme", "inspection__force__name"]
    autocomplete_fields = ["inspection", "question", "concern"]
    readonly_fields = ["source"]  # where an import read it: a record, not an input
    fieldsets = [
        (None, {"fields": ["inspection", "kind", "number", "theme", "text"]}),
        (None, {"fields": ["question", "order", "marking", "source"]}),
        (
            "Causes of concern and recommendations",
            {
                "fields": ["is_accelerated", "concern", "addressed_to", "deadline"],
                "description": "A cause of concern is always accompanied by one "
                "or more recommendations: give each recommendation the cause it "
                "answers, and the body and date the report sets for it.",
            },
        ),
    ]

    def get_inlines(self, request: HttpRequest, obj: Finding | None):
        return [InspectorateViewInline] if obj is not None and obj.is_actionable else []

    def get_queryset(self, request: HttpRequest) -> QuerySet[Finding]:
        # an aggregate drops Meta.ordering: autocomplete pages need an order
        return (
            Finding.objects.visible_to(request.user)
            .annotate(action_count=Count("actions"))
            .order_by(*(Finding._meta.ordering or []))
        )

    @admin.display(description="Finding", ordering="text")
    def summary(self, finding: Finding) -> str:
        text = finding.text if len(finding.text) <= 90 else f"{finding.text[:89]}…"
        return f"{finding.reference}: {text}" if finding.reference else text

    @admin.display(description="Actions", ordering="action_count")
    def action_count(self, finding: WithAnnotations[Finding, _ActionCount]) -> int:
        return finding.action_count


@admin.register(Amendment)
class AmendmentAdmin(RecordAdmin):
    """A record: read, never written here."""

    list_display = ["inspection", "made_at", "made_by", "source", "was_published"]
    list_filter = ["source", "was_published"]
    list_select_related = ["inspection__force", "made_by"]
    search_fields = ["changes", "inspection__force__name"]
    fields = readonly_fields = (
        "inspection",
        "made_at",
        "made_by",
        "source",
        "was_published",
        "changes",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Amendment]:
        where = inspection_of("inspection__")
        held = only_where_held(request.user, "inspections.view_amendment", where)
        return Amendment.objects.filter(
            held, inspection__in=Inspection.objects.visible_to(request.user)
        )
