"""How long reading and parsing documents takes: the seed panel paper; the real
documents of tests/data/real, by kind, as text and as a saved web page; and a
generated 300-page PDF report (the importer's page limit). Prints the
figures; run with `make bench-import`."""

from __future__ import annotations

import html
import os
import statistics
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pcc_panel.settings_test")
django.setup()

from importing.extraction import Extraction  # noqa: E402
from importing.formats import read_document  # noqa: E402
from importing.parser import parse_document  # noqa: E402
from tests.importing.documents import report_pdf  # noqa: E402
from tests.importing.real import documents, expected_of  # noqa: E402

SEED = ROOT / "tests/data/leicestershire-peel-effectiveness-panel-report-2017.txt"


def timed(data: bytes, runs: int) -> tuple[list[float], Extraction]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        extraction = parse_document(read_document(data))
        times.append(time.perf_counter() - started)
    return times, extraction


def report(name: str, times: list[float], extraction) -> None:
    print(
        f"{name}: median {statistics.median(times) * 1000:.1f} ms, "
        f"min {min(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms "
        f"over {len(times)} runs; {len(extraction.questions)} questions, "
        f"{len(extraction.findings)} findings"
    )


def main() -> None:
    times, extraction = timed(SEED.read_bytes(), runs=50)
    report("Seed panel paper (text, 118 lines)", times, extraction)
    by_kind: dict[str, list[float]] = {}
    as_html: list[float] = []
    for path in documents():
        text = path.with_suffix(".txt").read_bytes()
        kind = expected_of(path)["kind"]
        by_kind.setdefault(kind, []).extend(_per_run(text, runs=20))
        as_html.extend(_per_run(_as_page(text), runs=20))
    print("Real documents (tests/data/real), read and parsed, by kind:")
    for kind, kind_times in sorted(by_kind.items()):
        print(
            f"  {kind}: median {statistics.median(kind_times) * 1000:.2f} ms, "
            f"max {max(kind_times) * 1000:.2f} ms over {len(kind_times)} runs"
        )
    print(
        f"  every one as a saved web page (HTML): median "
        f"{statistics.median(as_html) * 1000:.2f} ms, max {max(as_html) * 1000:.2f} ms"
    )
    pdf = report_pdf(pages=300)
    times, extraction = timed(pdf, runs=3)
    report(
        f"300-page PDF ({len(pdf) // 1024} KB, {extraction.pages} pages)",
        times,
        extraction,
    )


def _per_run(data: bytes, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        parse_document(read_document(data), strict=False)
        times.append(time.perf_counter() - started)
    return times


def _as_page(text: bytes) -> bytes:
    """The text as a browser saves a page: paragraphs in <p>, with a cookie
    banner and navigation around them."""
    paragraphs = "".join(
        f"<p>{html.escape(part)}</p>\n"
        for part in text.decode("utf-8").split("\n\n")
        if part.strip()
    )
    return (
        "<!DOCTYPE html><html><head><title>Page</title></head><body>"
        '<div class="cookie-banner"><p>We use cookies.</p></div>'
        "<nav><ul><li>Home</li><li>Publications</li></ul></nav>"
        f"<main>{paragraphs}</main><footer>Crown copyright</footer></body></html>"
    ).encode()


if __name__ == "__main__":
    main()
