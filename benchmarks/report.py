"""docs/benchmarks.md from one run of make bench: the table, the CSV export's
figures, and each target met or missed."""

from __future__ import annotations

import datetime
import math
import os
import platform
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 4.0
TARGET_P95_C20_MS = 250.0
TARGET_QUERIES = 12
TARGET_PDF_MS = 2000.0
TARGET_CSV_FIRST_BYTE_MS = 1000.0


def ms(value: float) -> str:
    """A latency, or a dash where no request finished within the run."""
    return "—" if math.isnan(value) else f"{value:,.1f}"


def write_report(
    pages, generated, csv_first, csv_memory, seconds, ports, workers
) -> str:
    reference = next(p for p in pages if p.url == "/bench/reference/")
    floor = reference.runs[1]["p50"]
    lines = [
        "# Benchmarks",
        "",
        f"One run of `make bench` on {datetime.date.today():%-d %B %Y}: "
        f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, PostgreSQL, `DEBUG` off, two gunicorn "
        f"instances (ports {ports[0]} and {ports[1]}, {workers} sync workers each, as "
        "gunicorn advises for this many cores) sharing one database and one Redis "
        f"cache; load from wrk in a separate process, {seconds} s per run. "
        "Concurrency 1 runs against the first instance; concurrency 20 sends ten "
        "connections to each instance at once, and the two latency histograms "
        "are merged.",
        "",
        f"Data: {generated}",
        "",
        "| Page | p50 c1 (ms) | p95 c1 (ms) | req/s c1 | p50 c20 (ms) | p95 c20 (ms) "
        "| req/s c20 | queries, cold / cached | bytes | p50 / reference |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    failures = []
    for page in pages:
        one, twenty = page.runs[1], page.runs[20]
        ratio = one["p50"] / floor if floor and not math.isnan(one["p50"]) else 0
        lines.append(
            f"| {page.name} | {ms(one['p50'])} | {ms(one['p95'])} | {one['rps']:,.1f} "
            f"| {ms(twenty['p50'])} | {ms(twenty['p95'])} | {twenty['rps']:,.1f} "
            f"| {page.queries} / {page.warm_queries} | {page.bytes:,} | {ratio:.1f}× |"
        )
        errors = one["errors"] + twenty["errors"]
        if errors:
            failures.append(f"{page.name}: {errors} failed requests")
        if page.kind == "html":
            if ratio > TARGET_RATIO:
                failures.append(f"{page.name}: p50 {ratio:.1f}× the reference page")
            if twenty["p95"] > TARGET_P95_C20_MS:
                failures.append(f"{page.name}: p95 at c20 {twenty['p95']:.0f} ms")
        if page.kind != "reference" and page.queries > TARGET_QUERIES:
            failures.append(f"{page.name}: {page.queries} queries")
        if page.kind == "pdf" and one["p50"] > TARGET_PDF_MS:
            failures.append(f"{page.name}: {one['p50']:.0f} ms")
    if csv_first["first_byte_ms"] > TARGET_CSV_FIRST_BYTE_MS:
        failures.append(f"CSV first byte {csv_first['first_byte_ms']:.0f} ms")
    (all_rows, all_peak), (some_rows, some_peak) = csv_memory.values()
    lines += [
        "",
        f"CSV export of all actions, one request: first byte after "
        f"{csv_first['first_byte_ms']:.0f} ms, all {csv_first['bytes']:,} bytes after "
        f"{csv_first['total_s']:.1f} s. Peak Python memory while streaming "
        f"{all_rows:,} rows: {all_peak:.1f} MB; {some_rows:,} rows: "
        f"{some_peak:.1f} MB. A dash in the table: no request finished within the "
        "run (at concurrency 20, twenty whole-tracker exports share two cores).",
        "",
        "Targets: every HTML page's p50 at concurrency 1 within "
        f"{TARGET_RATIO:.0f}× the reference page's; p95 at concurrency 20 under "
        f"{TARGET_P95_C20_MS:.0f} ms; at most {TARGET_QUERIES} queries a page; the PDF "
        f"under {TARGET_PDF_MS / 1000:.0f} s; the CSV's first byte under "
        f"{TARGET_CSV_FIRST_BYTE_MS / 1000:.0f} s, in constant memory.",
        "",
        "**All targets met.**"
        if not failures
        else "Missed:\n\n" + "\n".join(f"- {failure}" for failure in failures),
        "",
    ]
    text = "\n".join(lines)
    (ROOT / "docs/benchmarks.md").write_text(text)
    return text
