"""How long reading and parsing documents takes: the seed panel paper, and a
generated 100-page PDF report. Prints the figures; run with `make bench-import`."""

from __future__ import annotations

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
    pdf = report_pdf(pages=100)
    times, extraction = timed(pdf, runs=5)
    report(
        f"100-page PDF ({len(pdf) // 1024} KB, {extraction.pages} pages)",
        times,
        extraction,
    )


if __name__ == "__main__":
    main()
