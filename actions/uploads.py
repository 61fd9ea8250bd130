"""Evidence files: the types accepted, recognised by their content, not their name."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    description: str


PDF = FileKind("pdf", "application/pdf", "PDF")
PNG = FileKind("png", "image/png", "PNG image")
JPG = FileKind("jpg", "image/jpeg", "JPEG image")
DOCX = FileKind(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word document",
)
XLSX = FileKind(
    "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Excel workbook",
)
CSV = FileKind("csv", "text/csv", "CSV file")
NAME_EXTENSIONS = {"pdf": PDF, "png": PNG, "jpg": JPG, "jpeg": JPG, "docx": DOCX}
NAME_EXTENSIONS |= {"xlsx": XLSX, "csv": CSV}
ACCEPTED = "PDF, Word (DOCX), Excel (XLSX), CSV, PNG or JPG"


def check_upload(upload: UploadedFile) -> FileKind:
    """The kind of an uploaded evidence file; ValidationError, saying why, for an
    empty, oversized or unaccepted file, or one whose content is not what its
    name says."""
    name = upload.name or "the file"
    if not upload.size:
        raise ValidationError(f"{name} is empty.")
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"{name} is {upload.size / 1024 / 1024:.1f} MB: evidence files can be "
            f"at most {limit // 1024 // 1024} MB."
        )
    claimed = NAME_EXTENSIONS.get(PurePath(name).suffix.lower().lstrip("."))
    if claimed is None:
        raise ValidationError(f"{name} is not a {ACCEPTED} file.")
    actual = _kind_of(_read(upload))
    if actual != claimed:
        raise ValidationError(
            f"{name} is named as a {claimed.description}, but its content is not "
            f"one. Attach a {ACCEPTED} file."
        )
    return actual


def _read(upload: UploadedFile) -> bytes:
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    return content


def _kind_of(content: bytes) -> FileKind | None:
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPG
    if content.startswith(b"PK\x03\x04"):
        return _office_kind(content)
    if _is_text(content):
        return CSV
    return None


def _office_kind(content: bytes) -> FileKind | None:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(content)).namelist())
    except zipfile.BadZipFile:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def _is_text(content: bytes) -> bool:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return all(ch.isprintable() or ch in "\t\r\n" for ch in text)
