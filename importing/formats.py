"""Bytes to lines of text, whatever the file's name says: the format is told
from the content. Every failure of a reader becomes a DocumentError."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable

from importing.errors import DocumentError
from importing.extraction import Document, Line
from importing.html import looks_like_html, read_html

MAX_BYTES = 20 * 1024 * 1024
MAX_PAGES = 300
TIME_LIMIT_SECONDS = 20.0
MAX_CHARACTERS = 3_000_000  # about 1,000 pages of report: more is not one report
# A .docx is a ZIP of XML parts: each part's size, inflated, is checked before
# anything is parsed, so that a small file that inflates enormously (a "zip
# bomb") is refused in moments rather than read for minutes.
MAX_PART_BYTES = 30 * 1024 * 1024  # a 300-page report's document.xml is ~10 MB
MAX_INFLATED_BYTES = 60 * 1024 * 1024
MAX_RATIO = 100  # Word's XML compresses 5 to 30 times; a bomb, hundreds
MAX_PARAGRAPHS = 60_000  # about 300 pages of short paragraphs
PDF_STREAM_BYTES = 2 * 1024 * 1024  # a report page's content is tens of KB
MAX_PDF_CONTENT = 30 * 1024 * 1024  # every page's content, inflated

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PageProgress = Callable[[int, int], None]


def read_document(
    data: bytes,
    *,
    max_pages: int = MAX_PAGES,
    time_limit: float = TIME_LIMIT_SECONDS,
    on_page: PageProgress | None = None,
) -> Document:
    if len(data) > MAX_BYTES:
        raise DocumentError(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; the importer reads files "
            f"up to {MAX_BYTES // 1024 // 1024} MB."
        )
    if not data.strip():
        raise DocumentError("The file is empty.")
    head = data[:1024]
    if b"%PDF-" in head:
        return _within_length(_read_pdf(data, max_pages, time_limit, on_page))
    if data.startswith(b"PK\x03\x04"):
        return _within_length(_read_docx(data, time_limit))
    if data.startswith(OLE2):
        raise DocumentError(
            "This is a password-protected Word document or an old-style .doc file. "
            "Save it as .docx without a password, or as PDF, and try again."
        )
    if data.lstrip().startswith(b"{\\rtf"):
        raise DocumentError("This is an RTF file. Save it as .docx or PDF first.")
    if looks_like_html(data):
        return _within_length(read_html(_decode(data)))
    return _within_length(_read_text(data))


def _within_length(document: Document) -> Document:
    if sum(len(line.text) for line in document.lines) > MAX_CHARACTERS:
        raise DocumentError(
            f"The document holds more than {MAX_CHARACTERS:,} characters of text, "
            "more than any one inspection report. Import the report itself, or the "
            "part of it with the grades and findings."
        )
    return document


def _read_text(data: bytes) -> Document:
    text = _decode(data)
    lines = [
        Line(text=line, number=number)
        for number, line in enumerate(text.splitlines(), start=1)
    ]
    markdown = any(line.text.startswith(("#", "|", "**", "- ")) for line in lines[:400])
    return Document(format="Markdown" if markdown else "plain text", lines=lines)


def _decode(data: bytes) -> str:
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise _not_text() from error
    if b"\x00" in data:
        raise _not_text()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise _not_text() from error
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f")
    if controls > max(2, len(text) // 200):
        raise _not_text()
    return text


def _not_text() -> DocumentError:
    return DocumentError(
        "This file is not text, PDF or a Word document (.docx): it looks like "
        "binary data the importer cannot read."
    )


def _read_pdf(
    data: bytes, max_pages: int, time_limit: float, on_page: PageProgress | None
) -> Document:
    from pypdf import apply_configuration

    # no stream may inflate past PDF_STREAM_BYTES, whatever it declares
    limits = {
        name: PDF_STREAM_BYTES
        for name in (
            "maximum_declared_stream_length",
            "array_based_stream_maximum_output_length",
            "jbig2_maximum_output_length",
            "lzw_maximum_output_length",
            "run_length_maximum_output_length",
            "zlib_maximum_output_length",
            "image_maximum_buffer_size",
        )
    }
    with apply_configuration(None, **limits):
        return _read_pdf_limited(data, max_pages, time_limit, on_page)


def _read_pdf_limited(
    data: bytes, max_pages: int, time_limit: float, on_page: PageProgress | None
) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    damaged = DocumentError(
        "The PDF could not be read: it is damaged or incomplete. Save or download "
        "it again and try once more."
    )
    started = time.monotonic()
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(
                "The PDF is password-protected. Save a copy without a password and "
                "try again."
            )
        count = len(reader.pages)
    except DocumentError:
        raise
    except Exception as error:  # pypdf raises many kinds on malformed input
        if "crypt" in str(error).lower():
            raise DocumentError(
                "The PDF is encrypted in a way the importer cannot open. Save a "
                "copy without a password or restrictions and try again."
            ) from error
        raise damaged from error
    if count == 0:
        raise damaged
    if count > max_pages:
        raise DocumentError(
            f"The PDF has {count} pages; the importer reads at most {max_pages}. "
            "Import the part of the report with the grades and findings."
        )
    _check_page_contents(reader, count)
    lines: list[Line] = []
    for index in range(count):
        if time.monotonic() - started > time_limit:
            raise DocumentError(
                f"Reading the PDF took longer than {time_limit:.0f} seconds (page "
                f"{index + 1} of {count}). Import a shorter extract of the report."
            )
        try:
            text = reader.pages[index].extract_text() or ""
        except LimitReachedError as error:
            raise DocumentError(
                f"Page {index + 1} of the PDF holds more than a report's page could: "
                f"its content inflates past {_mb(PDF_STREAM_BYTES)}. The importer "
                "refuses it rather than read it."
            ) from error
        except Exception as error:  # a damaged page stream, a missing font…
            raise damaged from error
        lines.extend(
            Line(text=line, number=number, page=index + 1)
            for number, line in enumerate(text.splitlines(), start=1)
        )
        lines.append(Line(text="", number=0, page=index + 1))
        if on_page:
            on_page(index + 1, count)
    if not any(line.text.strip() for line in lines):
        raise DocumentError(
            "The PDF has no text to read: it may be a scanned image. Use the "
            "report's text version, or a PDF with selectable text."
        )
    return Document(format="PDF", lines=lines, pages=count)


DAMAGED_DOCX = "The Word document could not be read: it is damaged or incomplete."
TOO_BIG_DOCX = (
    "The Word document is far larger inside than a report: {what}. The importer "
    "refuses it rather than read it. If it is a real report, save it as PDF and "
    "import that, or import the part with the grades and findings."
)


def _check_page_contents(reader, count: int) -> None:
    """Inflate every page's content (cheap) before extracting text from it (dear:
    about a second a megabyte): a page whose content inflates hundreds of times
    over, or a document of more content than any report, is refused first."""
    from pypdf.errors import LimitReachedError
    from pypdf.generic import ArrayObject

    total = 0
    for index in range(count):
        try:
            contents = reader.pages[index].get("/Contents")
            contents = contents.get_object() if contents is not None else None
            if contents is None:
                continue
            streams = (
                [part.get_object() for part in contents]
                if isinstance(contents, ArrayObject)
                else [contents]
            )
            for stream in streams:
                packed = len(getattr(stream, "_data", b"") or b"")
                inflated = len(stream.get_data())
                total += inflated
                if inflated > 256 * 1024 and inflated > MAX_RATIO * max(packed, 1):
                    raise DocumentError(
                        f"Page {index + 1} of the PDF inflates "
                        f"{inflated / max(packed, 1):,.0f} times over, as no report's "
                        "page does. The importer refuses it rather than read it."
                    )
        except DocumentError:
            raise
        except LimitReachedError as error:
            raise DocumentError(
                f"Page {index + 1} of the PDF holds more than a report's page could: "
                f"its content inflates past {_mb(PDF_STREAM_BYTES)}. The importer "
                "refuses it rather than read it."
            ) from error
        except Exception as error:  # a damaged page tree or stream
            raise DocumentError(
                "The PDF could not be read: it is damaged or incomplete. Save or "
                "download it again and try once more."
            ) from error
        if total > MAX_PDF_CONTENT:
            raise DocumentError(
                f"The PDF's pages hold more than {_mb(MAX_PDF_CONTENT)} of content, "
                "more than any inspection report. Import the part of the report "
                "with the grades and findings."
            )


def _read_docx(data: bytes, time_limit: float = TIME_LIMIT_SECONDS) -> Document:
    started = time.monotonic()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except Exception as error:  # zipfile raises several kinds on bad archives
        raise DocumentError(DAMAGED_DOCX) from error
    if "word/document.xml" not in {member.filename for member in members}:
        raise DocumentError(
            "This is a ZIP archive, not a Word document (.docx): the importer reads "
            "text, Markdown, PDF and .docx files."
        )
    check_zip_sizes(members)
    try:
        paragraphs = _count_paragraphs(archive)
    except DocumentError:
        raise
    except Exception as error:  # a member that does not inflate as declared
        raise DocumentError(DAMAGED_DOCX) from error
    if paragraphs > MAX_PARAGRAPHS:
        raise DocumentError(
            TOO_BIG_DOCX.format(
                what=f"{paragraphs:,} paragraphs or more, where the longest reports "
                f"have fewer than {MAX_PARAGRAPHS:,}"
            )
        )
    try:
        lines = list(_docx_lines(data, started, time_limit))
    except DocumentError:
        raise
    except Exception as error:  # python-docx and lxml on malformed parts
        raise DocumentError(DAMAGED_DOCX) from error
    return Document(format="Word (.docx)", lines=lines)


def check_zip_sizes(members: list[zipfile.ZipInfo]) -> None:
    """From the sizes the archive declares, before inflating anything."""
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > MAX_PART_BYTES:
            what = f"{member.filename} inflates to {_mb(member.file_size)}"
        elif member.file_size > 1024 * 1024 and ratio > MAX_RATIO:
            what = f"{member.filename} inflates {ratio:,.0f} times over"
        elif total > MAX_INFLATED_BYTES:
            what = f"its parts inflate to more than {_mb(MAX_INFLATED_BYTES)}"
        else:
            continue
        raise DocumentError(TOO_BIG_DOCX.format(what=what))


def _count_paragraphs(archive: zipfile.ZipFile) -> int:
    """Count paragraphs in the body as it inflates, a megabyte at a time, and
    stop at the limits whatever the archive claimed of its sizes."""
    count, read, tail = 0, 0, b""
    with archive.open("word/document.xml") as part:
        while chunk := part.read(1024 * 1024):
            read += len(chunk)
            if read > MAX_PART_BYTES:
                raise DocumentError(
                    TOO_BIG_DOCX.format(
                        what=f"its body inflates past {_mb(MAX_PART_BYTES)}"
                    )
                )
            # the previous chunk's last four bytes: a tag split across two
            # chunks is counted once, and none fits wholly in four bytes
            window = tail + chunk
            count += window.count(b"<w:p>") + window.count(b"<w:p ")
            tail = chunk[-4:]
            if count > MAX_PARAGRAPHS:
                break
    return count


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB"


def _docx_lines(data: bytes, started: float, time_limit: float):
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    number = 0
    for block in document.iter_inner_content():
        if number % 500 == 0 and time.monotonic() - started > time_limit:
            raise DocumentError(
                f"Reading the Word document took longer than {time_limit:.0f} "
                "seconds. Import a shorter extract of the report."
            )
        if isinstance(block, Table):
            for row in block.rows:
                number += 1
                cells = [cell.text.strip().replace("\n", " ") for cell in row.cells]
                yield Line(f"| {' | '.join(cells)} |", number, unit="paragraph")
            yield Line("", number, unit="paragraph")
            continue
        number += 1
        text = block.text.strip()
        style = (block.style.name if block.style is not None else "") or ""
        if text and style.startswith(("Heading", "Title")):
            level = style.removeprefix("Heading").strip()
            text = f"{'#' * (int(level) if level.isdigit() else 1)} {text}"
        elif text and (style.startswith("List") or _is_numbered(block)):
            text = f"- {text}"
        yield Line(text, number, unit="paragraph")
        yield Line("", number, unit="paragraph")


def _is_numbered(paragraph) -> bool:
    properties = paragraph._p.pPr
    return properties is not None and properties.numPr is not None
