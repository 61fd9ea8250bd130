"""Test documents made on the spot, in the shapes the importer must read."""

from __future__ import annotations

import io
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
SEED = DATA / "leicestershire-peel-effectiveness-panel-report-2017.txt"
NORTHSHIRE = DATA / "northshire-hmicfrs-peel-2019.md"

REPORT_HTML = """
<h1>PEEL: Police effectiveness 2018/19 – An inspection of Northshire Constabulary</h1>
<p>An invented report, written for PCC Panel's tests. Northshire is not a real
force.</p>
<p>HMICFRS published this report on 14 May 2019. Our fieldwork took place between
4 and 15 February 2019.</p>
<h2>Overall summary</h2>
<p>The extent to which the force is effective at keeping people safe and reducing
crime requires improvement.</p>
<h2>How effective is the force at investigating crime?</h2>
<p>Northshire Constabulary is judged to be 'requiring improvement' at
investigating crime and reducing re-offending.</p>
<h3>Areas for improvement</h3>
<ul>
<li>The force should ensure that all investigations are allocated promptly to
staff with the right skills, and that supervisors review each investigation at
least every seven days and record what they found.</li>
<li>The force should make better use of bail.</li>
</ul>
"""
FILLER = (
    "The force continues to work with partners across the county to reduce harm "
    "and to keep people safe. "
) * 10


def report_pdf(pages: int = 1) -> bytes:
    """A PEEL-shaped report as a PDF of exactly this many pages: the findings on
    the first, then annex pages of prose."""
    from weasyprint import HTML

    annexes = "".join(
        f'<section style="break-before: page"><h2>Annex {n}</h2><p>{FILLER}</p>'
        "</section>"
        for n in range(1, pages)
    )
    return HTML(string=f"<html><body>{REPORT_HTML}{annexes}</body></html>").write_pdf()


def encrypted_pdf(password: str = "secret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(report_pdf())))
    writer.encrypt(user_password=password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_only_pdf() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(out, format="PDF")
    return out.getvalue()


def panel_paper_docx() -> bytes:
    """The seed's shape as a Word document: header table, numbered paragraphs,
    bulleted lists, an implications table."""
    import docx

    document = docx.Document()
    document.add_paragraph("POLICE & CRIME COMMISSIONER FOR NORTHSHIRE")
    document.add_paragraph("POLICE & CRIME PANEL")
    header = document.add_table(rows=4, cols=2)
    for row, (label, value) in zip(
        header.rows,
        [
            ("Report of", "POLICE AND CRIME COMMISSIONER"),
            ("Date", "THURSDAY 20 JUNE 2019"),
            ("Subject", "HMICFRS INSPECTION – PEEL EFFECTIVENESS"),
            ("Author", "DEPUTY CHIEF CONSTABLE"),
        ],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = label, value
    document.add_heading("Purpose of Report", level=2)
    document.add_paragraph(
        "1. To inform the Panel of the inspection of Northshire Constabulary."
    )
    document.add_heading("Recommendation", level=2)
    document.add_paragraph("2. The Panel is asked to note the report.")
    document.add_heading("Background", level=2)
    document.add_paragraph(
        "3. HMICFRS published its report into the effectiveness of Northshire "
        "Constabulary on 14 May 2019."
    )
    document.add_heading("The rating", level=2)
    document.add_paragraph(
        "How effective is the force at tackling serious and organised crime? Good",
        style="List Bullet",
    )
    document.add_paragraph(
        "How effective is the force at protecting vulnerable people? Inadequate",
        style="List Bullet",
    )
    document.add_heading("Areas for improvement", level=2)
    document.add_paragraph("4. HMICFRS found these areas for improvement:")
    document.add_heading("Protecting vulnerable people", level=3)
    document.add_paragraph(
        "Improving risk assessment at domestic abuse incidents;", style="List Bullet"
    )
    document.add_paragraph(
        "Improving the response to missing children.", style="List Bullet"
    )
    document.add_heading("Implications", level=2)
    implications = document.add_table(rows=2, cols=2)
    implications.rows[0].cells[0].text = "Financial :"
    implications.rows[0].cells[1].text = "None"
    implications.rows[1].cells[0].text = "Legal :"
    implications.rows[1].cells[1].text = "None"
    document.add_heading("Person to Contact", level=2)
    document.add_paragraph("DCC's Staff Officer Insp Jo Bloggs")
    document.add_paragraph("Email: jo.bloggs@northshire.example")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
