"""The admin's import pages: upload a document, see what it would create or
change, confirm. The read document waits in the session between the two."""

from __future__ import annotations

import datetime
import secrets
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import path, reverse

from accounts.access import signed_in
from importing.corrections import (
    DETAILS,
    Corrections,
    applied,
    correct,
    details_of,
    finding_rows,
    question_rows,
)
from importing.errors import DocumentError
from importing.extraction import Extraction, document_as_data, document_from_data
from importing.formats import read_document
from importing.forms import (
    DocumentUploadForm,
    FindingRows,
    PreviewDetailsForm,
    QuestionRows,
)
from importing.parser import parse_document
from importing.plan import plan_import
from importing.services import ImportDiffers, document_import
from importing.words import shortened
from inspections.choices import FindingKind
from inspections.models import Inspection
from inspections.services import IMPORTS, check_may_import
from reports.models import PAPER_FIELDS, PanelReport

if TYPE_CHECKING:
    from django.contrib import admin

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
            "may_import": request.user.has_perm(IMPORTS),
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
        key = SESSION_PREFIX + token
        kept = request.session.get(key)
        if kept is None:
            messages.warning(
                request,
                "That preview is no longer available (it is kept until you confirm "
                "or sign out). Upload the document again.",
            )
            return HttpResponseRedirect(reverse("admin:inspections_inspection_import"))
        read = parse_document(document_from_data(kept["document"]))
        read.source_name = kept["name"]
        corrections = Corrections.from_data(kept.get("corrections"))
        shown = applied(read, corrections)
        posting = request.method == "POST"
        forms = _preview_forms(shown, request.POST if posting else None)
        if posting and all(form.is_valid() for form in forms):
            details, questions, findings = forms
            posted = correct(
                read, shown, details.details(), questions.rows(), findings.rows()
            )
            if "confirm" in request.POST and _same(applied(read, posted), shown):
                try:
                    inspection = document_import(
                        extraction=shown,
                        user=request.user,
                        apply_changes=details.cleaned_data["apply_changes"],
                        corrections=corrections.lines,
                        read=read.summary(),
                    )
                except ImportDiffers as error:
                    details.add_error("apply_changes", str(error))
                except (PermissionDenied, DocumentError) as error:
                    details.add_error(None, str(error))
                else:
                    del request.session[key]
                    return _imported(request, inspection)
            else:
                request.session[key] = {**kept, "corrections": posted.as_data()}
                messages.info(
                    request,
                    "The preview now shows your corrections: check it, then create "
                    "the inspection."
                    if posted
                    else "The preview shows the document as read: nothing is "
                    "corrected.",
                )
                return HttpResponseRedirect(request.path)
        plan = plan_import(shown, user=request.user)
        return TemplateResponse(
            request,
            "admin/inspections/inspection/import_preview.html",
            {
                **self._context(request, "Check the import"),
                "details_form": forms[0],
                "detail_rows": [
                    (forms[0][name], _where(shown, name)) for name in DETAILS
                ],
                "new_rows": {
                    index
                    for index, draft in enumerate(shown.findings)
                    if draft in plan.new_findings
                },
                "question_rows": forms[1],
                "finding_rows": forms[2],
                "plan": plan,
                "found": shown,
                "corrections": corrections.lines,
                "file_name": kept["name"],
                "kind_counts": _kind_counts(shown),
                "panel_rows": _panel_rows(shown),
            },
        )

    def _check_may_import(self, request: HttpRequest) -> None:
        check_may_import(request.user, None)  # of what force, the preview says

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


def _imported(request: HttpRequest, inspection: Inspection) -> HttpResponse:
    """To the draft, if this person may see it; a draft of a force their role
    does not reach is not shown to them, and the message says so."""
    messages.success(request, f"Imported {inspection} as a draft.")
    # read afresh: the import may have added a force, which the office that
    # oversees every force now reaches, and this request's reach was read before
    person = get_user_model().objects.get(pk=signed_in(request).pk)
    if Inspection.objects.visible_to(person).filter(pk=inspection.pk).exists():
        return HttpResponseRedirect(
            reverse("admin:inspections_inspection_change", args=[inspection.pk])
        )
    messages.info(
        request,
        f"{inspection.force} is not a force your role reaches, so the draft is not "
        "listed for you: a chief officer or the Commissioner's office for that "
        "force will see it.",
    )
    return HttpResponseRedirect(reverse("admin:inspections_inspection_changelist"))


def _preview_forms(shown: Extraction, data: QueryDict | None) -> tuple:
    """The details, question rows and finding rows as the preview shows them;
    bound to what was posted, if anything."""
    details_form = PreviewDetailsForm(data, initial=details_of(shown))
    questions = question_rows(shown)
    question_choices = [
        (index, shortened(q.short_title or q.wording, 60))
        for index, q in enumerate(shown.questions)
    ]
    findings = finding_rows(shown)
    question_forms = QuestionRows(
        data,
        prefix="question",
        initial=[{**row, "origin": i} for i, row in enumerate(questions)],
        form_kwargs={"shown": len(questions)},
    )
    finding_forms = FindingRows(
        data,
        prefix="finding",
        initial=[{**row, "origin": i} for i, row in enumerate(findings)],
        form_kwargs={"shown": len(findings), "questions": question_choices},
    )
    return details_form, question_forms, finding_forms


def _same(one: Extraction, other: Extraction) -> bool:
    """Whether confirming would import what the preview on the page shows."""
    return (
        details_of(one) == details_of(other)
        and question_rows(one) == question_rows(other)
        and finding_rows(one) == finding_rows(other)
    )


def _where(shown: Extraction, name: str) -> str:
    found = shown.fields.get(name)
    return found.where if found else ""


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


def _kind_counts(shown: Extraction) -> list[str]:
    """ "2 strengths", "1 cause of concern": the findings shown, by kind."""
    counts = []
    for kind in FindingKind:
        count = len(shown.findings_of(kind.value))
        if count:
            name = kind.label.lower() if count == 1 else kind.plural.lower()
            counts.append(f"{count} {name}")
    return counts
