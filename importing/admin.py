"""The inspection admin gains its import pages here: the importer writes
inspections and panel reports, so it sits above both apps. Each inspection's
page lists the documents imported into it and what was corrected."""

from __future__ import annotations

from django.contrib import admin

from importing.admin_views import DocumentImportMixin
from importing.models import DocumentImport
from inspections.admin import InspectionAdmin
from inspections.models import Inspection


class DocumentImportInline(admin.StackedInline):  # a record, not rows to edit
    model = DocumentImport
    extra = 0
    can_delete = False
    fields = ("file_name", "document_format", "made_by", "made_at", "read", "corrected")
    readonly_fields = fields
    verbose_name_plural = "Imported from"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        """Who imported what is seen by those who see who amended it."""
        return request.user.has_perm("inspections.view_amendment")

    @admin.display(description="Corrected in the preview")
    def corrected(self, record: DocumentImport) -> str:
        return "\n".join(record.correction_list) or "Nothing"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("made_by")


class ImportingInspectionAdmin(DocumentImportMixin, InspectionAdmin):
    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        return [*inlines, DocumentImportInline] if obj is not None else inlines


admin.site.unregister(Inspection)
admin.site.register(Inspection, ImportingInspectionAdmin)
