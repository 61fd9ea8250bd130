"""The admin's import pages: upload a document, see what it would create or
change, confirm. The read document waits in the session between the two."""

from __future__ import annotations

import datetime
import secrets
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import path, reverse

from importing.errors import DocumentError
from importing.extraction import document_as_data, document_from_data
from importing.formats import read_document
from importing.forms import DocumentUploadForm, ImportConfirmForm
from importing.parser import parse_document
from importing.plan import ImportPlan, plan_import
from importing.services import ImportDiffers, document_import
from inspections.choices import FindingKind
from reports.models import PAPER_FIELDS, PanelReport

if TYPE_CHECKING:
    from django.contrib import admin

    from inspections.models import Inspection

    _ModelAdmin = admin.ModelAdmin[Inspection]
else:
    _ModelAdmin = object

SESSION_PREFIX = "inspection-import:"


class DocumentImportMixin(_ModelAdmin):
    """For InspectionAdmin: /admin/inspections/inspection/import/."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "import/", wrap(self.import_view), name="inspections_inspection_import"
            ),
            path(
                "import/<str:token>/",
                wrap(self.import_preview_view),
                name="inspections_inspection_import_preview",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "may_import": request.user.has_perm("inspections.import_document"),
        }
        return super().changelist_view(request, extra_context)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        self._check_may_import(request)
        posted = request.method == "POST"
        form = DocumentUploadForm(
            request.POST if posted else None, request.FILES if posted else None
        )
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["document"]
            try:
                document = read_document(upload.read())
                parse_document(document)
            except DocumentError as error:
                form.add_error("document", str(error))
            else:
                token = _keep(request, upload.name, document)
                return HttpResponseRedirect(
                    reverse("admin:inspections_inspection_import_preview", args=[token])
                )
        return TemplateResponse(
            request,
            "admin/inspections/inspection/import.html",
            {**self._context(request, "Import an inspection document"), "form": form},
        )

    def import_preview_view(self, request: HttpRequest, token: str) -> HttpResponse:
        self._check_may_import(request)
        kept = request.session.get(SESSION_PREFIX + token)
        if kept is None:
            messages.warning(
                request,
                "That preview is no longer available (it is kept until you confirm "
                "or sign out). Upload the document again.",
            )
            return HttpResponseRedirect(reverse("admin:inspections_inspection_import"))
        extraction = parse_document(document_from_data(kept["document"]))
        form = ImportConfirmForm(request.POST if request.method == "POST" else None)
        choices = {}
        if request.method == "POST" and form.is_valid():
            choices = {
                "force_name": form.cleaned_data["force_name"],
                "pillar": form.cleaned_data["pillar"],
                "publication_date": form.cleaned_data["publication_date"],
            }
            if form.cleaned_data["previewed"] == form.choices():
                try:
                    inspection = document_import(
                        extraction=extraction,
                        user=request.user,
                        apply_changes=form.cleaned_data["apply_changes"],
                        **choices,
                    )
                except ImportDiffers as error:
                    form.add_error("apply_changes", str(error))
                except PermissionDenied as error:
                    form.add_error(None, str(error))
                except DocumentError as error:
                    form.add_error(None, str(error))
                else:
                    del request.session[SESSION_PREFIX + token]
                    messages.success(request, f"Imported {inspection} as a draft.")
                    return HttpResponseRedirect(
                        reverse(
                            "admin:inspections_inspection_change", args=[inspection.pk]
                        )
                    )
            else:
                messages.info(
                    request, "The preview now shows your changes: check it and confirm."
                )
        plan = plan_import(extraction, user=request.user, **choices)
        if request.method == "GET" or form.is_valid():
            form = _confirm_form(plan, form if request.method == "POST" else None)
        return TemplateResponse(
            request,
            "admin/inspections/inspection/import_preview.html",
            {
                **self._context(request, "Check the import"),
                "form": form,
                "plan": plan,
                "found": extraction,
                "file_name": kept["name"],
                "kinds": _findings_by_kind(plan),
                "panel_rows": _panel_rows(extraction),
            },
        )

    def _check_may_import(self, request: HttpRequest) -> None:
        if not request.user.has_perm("inspections.import_document"):
            raise PermissionDenied

    def _context(self, request: HttpRequest, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
        }


def _keep(request: HttpRequest, name: str, document) -> str:
    """One import at a time per person: an earlier unconfirmed one is dropped."""
    for key in [k for k in request.session.keys() if k.startswith(SESSION_PREFIX)]:
        del request.session[key]
    token = secrets.token_urlsafe(12)
    request.session[SESSION_PREFIX + token] = {
        "name": name,
        "document": document_as_data(document),
    }
    return token


def _confirm_form(plan: ImportPlan, posted: ImportConfirmForm | None):
    """The form as the preview was made: a changed choice shows a new preview."""
    initial: dict[str, Any] = {  # a form's initial data
        "force_name": plan.force.name if plan.force else plan.force_name,
        "pillar": plan.pillar,
        "publication_date": plan.publication_date,
    }
    initial["previewed"] = "|".join(str(initial[k] or "") for k in initial)
    if posted is not None:
        assert isinstance(posted.data, QueryDict)  # bound to request.POST
        data = posted.data.copy()
        for name in ("force_name", "pillar", "previewed"):
            data[name] = initial[name]
        form = ImportConfirmForm(data)
        form.is_valid()
        return form
    return ImportConfirmForm(initial=initial)


def _panel_rows(extraction) -> list[tuple[str, object, str]]:
    rows = []
    fields = extraction.panel.fields
    for name, found in sorted(fields.items(), key=lambda i: PAPER_FIELDS.index(i[0])):
        model_field = PanelReport._meta.get_field(name)
        assert isinstance(model_field, models.Field)  # a column of the report
        label = str(model_field.verbose_name)
        if name.startswith("implications_"):
            label = f"Implications: {label}"
        value = found.value
        if isinstance(value, datetime.date):
            value = f"{value:%-d %B %Y}"
        rows.append((label[:1].upper() + label[1:], value, found.where))
    return rows


def _findings_by_kind(plan: ImportPlan) -> list[tuple[str, list]]:
    drafts = plan.new_findings if plan.existing else plan.extraction.findings
    questions = plan.extraction.questions
    return [
        (
            kind.plural,
            [
                (d, questions[d.question] if d.question is not None else None)
                for d in drafts
                if d.kind == kind.value
            ],
        )
        for kind in FindingKind
        if any(d.kind == kind.value for d in drafts)
    ]
