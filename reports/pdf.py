"""The paper as a PDF for an agenda pack, with WeasyPrint: A4, the subject and
page numbers in the footer; tagged PDF/UA-1 (structure, language, title) so
that a screen reader reads its headings, lists and tables in order."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string


def paper_pdf(request: HttpRequest, context: dict) -> bytes:
    from weasyprint import CSS, HTML  # loads Pango: only when a PDF is asked for

    html = render_to_string("reports/paper_pdf.html", context, request=request)
    stylesheet = CSS(filename=finders.find("css/paper.css"))
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        stylesheets=[stylesheet], pdf_variant="pdf/ua-1"
    )
