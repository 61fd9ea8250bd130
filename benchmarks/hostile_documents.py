"""Hostile documents against the importer's limits: each is read in a fresh
process, timed, with its peak memory. Prints a table; run with
`make bench-documents`. The issue's bar: refused in under 5 s and 200 MB."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.importing.documents import (  # noqa: E402
    PARAGRAPH,
    lying_word,
    pdf_bomb,
    word,
)

CHILD = """
import json, os, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcc_panel.settings_test")
import django
django.setup()
from importing.errors import DocumentError
from importing.formats import read_document
import docx, pypdf  # loaded before the baseline, as in a running server
data = open(sys.argv[1], "rb").read()
def status(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) / 1024
before = status("VmRSS:")
started = time.monotonic()
try:
    read_document(data)
    outcome = "read"
except DocumentError as error:
    outcome = str(error)
seconds = time.monotonic() - started
peak = status("VmHWM:")  # the high-water mark of this process alone
print(json.dumps({{"seconds": seconds, "before_mb": before,
                  "peak_mb": peak, "outcome": outcome}}))
"""


def cases() -> list[tuple[str, bytes]]:
    varied = b"".join(
        b"<w:p><w:r><w:t>" + os.urandom(12).hex().encode() + b"</w:t></w:r></w:p>"
        for _ in range(70_000)
    )
    return [
        (
            "Word: 60 MB of short paragraphs (the issue's bomb)",
            word(PARAGRAPH * 1_700_000),
        ),
        ("Word: 1 GB of short paragraphs", word(PARAGRAPH * 30_000_000)),
        ("Word: 70,000 paragraphs that do not compress", word(varied)),
        (
            "Word: 60 MB body, sizes in the archive lied about",
            lying_word(PARAGRAPH * 1_700_000),
        ),
        ("PDF: one page inflating to 200 MB", pdf_bomb(200 * 1024 * 1024)),
        ("PDF: one page of 1 MB of text, under the size cap", pdf_bomb(1_000_000)),
        ("PDF: one page of 300 KB of text", pdf_bomb(300_000)),
        ("PDF: one page of 2 MB of varied text (no bomb)", pdf_bomb(2_000_000, True)),
        ("Text: 20 MB of one character", b"a" * (20 * 1024 * 1024 - 1)),
    ]


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, data in cases():
            path = Path(folder) / "document"
            path.write_bytes(data)
            child = subprocess.run(
                [sys.executable, "-c", CHILD.format(root=str(ROOT)), str(path)],
                capture_output=True,
                text=True,
                timeout=120,
                check=True,
            )
            figures = json.loads(child.stdout.strip().splitlines()[-1])
            rows.append((name, len(data), figures))
    print(
        "| Document | File | Refused in | Memory before → peak "
        "| What the person is told |"
    )
    print("|---|---:|---:|---:|---|")
    for name, size, f in rows:
        print(
            f"| {name} | {size / 1024:,.0f} KB | {f['seconds']:.2f} s | "
            f"{f['before_mb']:.0f} → {f['peak_mb']:.0f} MB | {f['outcome'][:110]} |"
        )


if __name__ == "__main__":
    main()
