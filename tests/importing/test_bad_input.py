"""Files the importer cannot use end with a message that names the problem."""

from __future__ import annotations

import io
import zipfile

import pytest

from importing import formats
from importing.errors import DocumentError
from importing.formats import read_document
from importing.parser import parse_document
from tests.importing.documents import (
    SEED,
    encrypted_pdf,
    image_only_pdf,
    panel_paper_docx,
    report_pdf,
)


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


BAD = {
    "empty": (b"", "The file is empty."),
    "blank": (b"  \n\n\t \r\n", "The file is empty."),
    "binary": (bytes(range(256)) * 20, "looks like binary data"),
    "nul bytes in text": (b"Areas for improvement\x00\x00\x01", "binary data"),
    "control characters": (b"\x01\x02\x03\x04\x05\x06" * 50, "binary data"),
    "truncated PDF": (None, "The PDF could not be read: it is damaged or incomplete."),
    "PDF header only": (b"%PDF-1.7\n", "The PDF could not be read"),
    "password-protected PDF": (None, "The PDF is password-protected."),
    "scanned PDF": (None, "The PDF has no text to read"),
    "truncated Word document": (
        None,
        "The Word document could not be read: it is damaged or incomplete.",
    ),
    "ZIP that is not Word": (
        zipped({"notes/readme.txt": b"hello"}),
        "This is a ZIP archive, not a Word document",
    ),
    "malformed Word document": (
        zipped(
            {"word/document.xml": b"<w:document>not xml", "[Content_Types].xml": b"?"}
        ),
        "The Word document could not be read",
    ),
    "password-protected Word document": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
        "password-protected Word document or an old-style .doc file",
    ),
    "RTF": (b"{\\rtf1\\ansi Hello}", "This is an RTF file."),
    "no recognisable structure": (
        b"Dear Sir,\n\nThank you for your letter of Tuesday.\n\nYours faithfully\n",
        "No inspection was recognised in this document",
    ),
}


def bad_file(name: str) -> bytes:
    data, _ = BAD[name]
    if data is not None:
        return data
    return {
        "truncated PDF": lambda: report_pdf()[:1500],
        "password-protected PDF": encrypted_pdf,
        "scanned PDF": image_only_pdf,
        "truncated Word document": lambda: panel_paper_docx()[:3000],
    }[name]()


@pytest.mark.parametrize("name", BAD)
def test_bad_files_are_refused_with_a_message_naming_the_problem(name):
    with pytest.raises(DocumentError) as refused:
        parse_document(read_document(bad_file(name)))
    assert BAD[name][1] in str(refused.value)


def test_files_over_20_mb_are_refused_before_they_are_read():
    data = b"Areas for improvement\n\n- Improving things\n" * 500_000
    assert len(data) > 20 * 1024 * 1024
    with pytest.raises(DocumentError, match=r"The file is 2\d\.\d MB; the importer "):
        read_document(data)


def test_text_longer_than_any_report_is_refused():
    data = b"Areas for improvement\n\n" + b"- The force should improve.\n" * 120_000
    with pytest.raises(DocumentError, match="more than 3,000,000 characters"):
        read_document(data)


def test_a_pdf_past_the_page_limit_is_refused_before_its_pages_are_read():
    with pytest.raises(
        DocumentError, match="The PDF has 4 pages; the importer reads at most 3"
    ):
        read_document(report_pdf(pages=4), max_pages=3)


def test_a_pdf_that_takes_too_long_is_stopped(monkeypatch):
    clock = iter(range(0, 1000, 30))
    monkeypatch.setattr(formats.time, "monotonic", lambda: next(clock))
    with pytest.raises(
        DocumentError, match=r"took longer than 20 seconds \(page 1 of 2\)"
    ):
        read_document(report_pdf(pages=2))


def test_the_format_comes_from_the_content():
    assert read_document(report_pdf()).format == "PDF"
    assert read_document(SEED.read_bytes()).format == "Markdown"
    assert read_document(panel_paper_docx()).format == "Word (.docx)"
    assert read_document("Plain words.\n".encode("utf-16")).format == "plain text"
    assert read_document("Café society\n".encode("cp1252")).lines[0].text == (
        "Café society"
    )
