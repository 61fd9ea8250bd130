"""The inspection admin gains its import pages here: the importer writes
inspections and panel reports, so it sits above both apps."""

from __future__ import annotations

from django.contrib import admin

from importing.admin_views import DocumentImportMixin
from inspections.admin import InspectionAdmin
from inspections.models import Inspection


class ImportingInspectionAdmin(DocumentImportMixin, InspectionAdmin):
    pass


admin.site.unregister(Inspection)
admin.site.register(Inspection, ImportingInspectionAdmin)
