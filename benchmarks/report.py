"""docs/benchmarks.md from one run of make bench: the table, the CSV export's
figures, and each target met or missed."""

from __future__ import annotations

import datetime
import math
import os
import platform
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 5.0
TARGET_P95_C20_MS = 250.0
TARGET_QUERIES = 12
TARGET_PDF_MS = 2000.0
TARGET_CSV_FIRST_BYTE_MS = 1000.0


def ms(value: float) -> str:
    """A latency, or a dash where no request finished within the run."""
    return "—" if math.isnan(value) else f"{value:,.1f}"


def write_report(
    pages, generated, csv_first, csv_memory, seconds, ports, workers, writers
) -> str:
    reference = next(p for p in pages if p.url == "/bench/reference/")
    floors = {c: reference.runs[c]["p50"] for c in (1, "cold", "mixed")}

    def ratio(page, condition) -> float:
        value, floor = page.runs[condition]["p50"], floors[condition]
        return value / floor if floor and not math.isnan(value) else 0.0

    lines = [
        "# Benchmarks",
        "",
        f"One run of `make bench` on {datetime.date.today():%-d %B %Y}: "
        f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, PostgreSQL, `DEBUG` off, two gunicorn "
        f"instances (ports {ports[0]} and {ports[1]}, {workers} sync workers each, as "
        "gunicorn advises for this many cores) sharing one database and one Redis; "
        f"{seconds} s per run. No page or fragment is cached: Redis holds sessions "
        "(read from it, written through to the database) and sign-in counters.",
        "",
        "Three conditions, each page's p50 also given as a multiple of the "
        "reference page's in the same condition:",
        "",
        "- **warm**: wrk at concurrency 1 against the first instance, and at "
        "concurrency 20 (ten connections to each instance, histograms merged);",
        "- **cold**: concurrency 1, the Redis database emptied before every "
        "request (so sessions, too, are read from PostgreSQL);",
        "- **mixed**: wrk at concurrency 1 on the page while writers post progress "
        "updates through the site's form on the other instance, 5 a second across "
        "the busy owner's open actions (each a GET of the form and its POST).",
        "",
        f"Data: {generated}",
        "",
        "| Page | warm p50 | × ref | cold p50 | cold p95 | × ref | mixed p50 "
        "| mixed p95 | × ref | c20 p50 | c20 p95 | queries, cold / warm | bytes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    failures = []
    for page in pages:
        one, twenty = page.runs[1], page.runs[20]
        cold, mixed = page.runs["cold"], page.runs["mixed"]
        lines.append(
            f"| {page.name} | {ms(one['p50'])} | {ratio(page, 1):.1f}× "
            f"| {ms(cold['p50'])} | {ms(cold['p95'])} | {ratio(page, 'cold'):.1f}× "
            f"| {ms(mixed['p50'])} | {ms(mixed['p95'])} | {ratio(page, 'mixed'):.1f}× "
            f"| {ms(twenty['p50'])} | {ms(twenty['p95'])} "
            f"| {page.queries} / {page.warm_queries} | {page.bytes:,} |"
        )
        errors = sum(page.runs[c]["errors"] for c in (1, 20, "cold", "mixed"))
        if errors:
            failures.append(f"{page.name}: {errors} failed requests")
        if page.kind in ("html", "api"):
            for condition, label in ((1, "warm"), ("cold", "cold"), ("mixed", "mixed")):
                if ratio(page, condition) > TARGET_RATIO:
                    failures.append(
                        f"{page.name}: p50 {label} {ratio(page, condition):.1f}× "
                        "the reference page"
                    )
            if twenty["p95"] > TARGET_P95_C20_MS:
                failures.append(f"{page.name}: p95 at c20 {twenty['p95']:.0f} ms")
        if page.kind != "reference" and page.queries > TARGET_QUERIES:
            failures.append(f"{page.name}: {page.queries} queries")
        if page.kind == "pdf" and one["p50"] > TARGET_PDF_MS:
            failures.append(f"{page.name}: {one['p50']:.0f} ms")
    if csv_first["first_byte_ms"] > TARGET_CSV_FIRST_BYTE_MS:
        failures.append(f"CSV first byte {csv_first['first_byte_ms']:.0f} ms")
    posted = sum(w["requests"] for w in writers)
    write_errors = sum(w["errors"] for w in writers)
    every = sorted(writers, key=lambda w: w["requests"])
    p50 = max((w["p50"] for w in every if w["requests"]), default=float("nan"))
    p95 = max((w["p95"] for w in every if w["requests"]), default=float("nan"))
    if write_errors:
        seen = "; ".join(f for w in writers for f in w.get("failures", []))[:500]
        failures.append(f"Writers: {write_errors} of {posted} updates failed ({seen})")
    (all_rows, all_peak), (some_rows, some_peak) = csv_memory.values()
    lines += [
        "",
        f"Writers during the mixed runs: {posted:,} progress updates posted, "
        f"{write_errors} failed; the slowest run's p50 {ms(p50)} ms and p95 "
        f"{ms(p95)} ms for the form's GET and its POST together.",
        "",
        f"CSV export of all actions, one request: first byte after "
        f"{csv_first['first_byte_ms']:.0f} ms, all {csv_first['bytes']:,} bytes after "
        f"{csv_first['total_s']:.1f} s. Peak Python memory while streaming "
        f"{all_rows:,} rows: {all_peak:.1f} MB; {some_rows:,} rows: "
        f"{some_peak:.1f} MB. A dash in the table: no request finished within the "
        "run (at concurrency 20, twenty whole-tracker exports share two cores).",
        "",
        "Targets: every HTML page's and API list's p50 at concurrency 1 within "
        f"{TARGET_RATIO:.0f}× the reference page's, in each condition; p95 at "
        f"concurrency 20 under {TARGET_P95_C20_MS:.0f} ms; at most {TARGET_QUERIES} "
        f"queries a page; the PDF under {TARGET_PDF_MS / 1000:.0f} s; the CSV's "
        f"first byte under {TARGET_CSV_FIRST_BYTE_MS / 1000:.0f} s, in constant "
        "memory; no failed request or update.",
        "",
        "**All targets met.**"
        if not failures
        else "Missed:\n\n" + "\n".join(f"- {failure}" for failure in failures),
        "",
    ]
    text = "\n".join(lines)
    out = Path(os.environ.get("BENCH_REPORT", ROOT / "docs/benchmarks.md"))
    out.write_text(text)
    return text
