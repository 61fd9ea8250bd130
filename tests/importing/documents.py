"""Test documents made on the spot, in the shapes the importer must read."""

from __future__ import annotations

import io
import os
import zipfile
import zlib
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


# Hostile documents: small files that inflate enormously.
PARAGRAPH = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>"


def word(body: bytes) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("x")
    plain = io.BytesIO()
    document.save(plain)
    source = zipfile.ZipFile(io.BytesIO(plain.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                head, _, _ = data.partition(b"<w:body>")
                data = head + b"<w:body>" + body + b"</w:body></w:document>"
            archive.writestr(item, data)
    return out.getvalue()


def lying_word(body: bytes) -> bytes:
    """A .docx whose document.xml claims to inflate to 1 MB: zipfile stops at
    the claimed size, so the lie cannot make the reader read more."""
    data = bytearray(word(body))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("word/document.xml")
    small = (1024 * 1024).to_bytes(4, "little")
    local = info.header_offset + 22  # uncompressed size in the local header
    data[local : local + 4] = small
    central = bytes(data).rfind(
        b"PK\x01\x02" + bytes(data)[info.header_offset + 4 : info.header_offset + 6]
    )
    directory = bytes(data).find(b"word/document.xml", central) - 46 + 24
    data[directory : directory + 4] = small
    return bytes(data)


def pdf_bomb(inflated: int, varied: bool = False) -> bytes:
    """One page whose content stream is small compressed, enormous inflated (or,
    varied, as large compressed as inflated: heavy work, but no bomb)."""
    line = b"BT /F1 12 Tf 72 720 Td (a) Tj ET\n"
    if varied:
        text = b"".join(
            b"BT /F1 12 Tf 72 720 Td (" + os.urandom(8).hex().encode() + b") Tj ET\n"
            for _ in range(inflated // 50)
        )
    else:
        text = line * (inflated // len(line))
    content = zlib.compress(text, 9)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
        b"/Resources<</Font<</F1<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>>>>>>>",
        b"<</Length %d/Filter/FlateDecode>>stream\n" % len(content)
        + content
        + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
