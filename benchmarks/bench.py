"""make bench: the national data set on PostgreSQL, DEBUG off, two gunicorn
instances sharing one database and one Redis, each page in three conditions:
cache warm (wrk, concurrency 1 and 20), cache cold (emptied before every
request) and a mixed load (writers posting progress updates through the site,
5 a second, while wrk reads the page). Prints the tables and writes them to
docs/benchmarks.md.

    .venv/bin/python benchmarks/bench.py [--seconds 8] [--reuse]

--reuse keeps an already generated bench database (faster when iterating)."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.conditions import Writer, cold  # noqa: E402
from benchmarks.report import write_report  # noqa: E402

PYTHON = sys.executable
DATABASE = "pcc_panel_bench"
PORTS = (8101, 8102)
WORKERS = 2 * (os.cpu_count() or 1) + 1  # gunicorn's advice: (2 × cores) + 1
ENV = {
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "BENCHMARK_VIEWS": "1",
    "OPEN_DATA_REQUESTS_PER_MINUTE": "100000000",  # wrk asks from one address
    "LOG_LEVEL": "WARNING",
    "CACHE_URL": "redis://127.0.0.1:6379/7",
    "DJANGO_SETTINGS_MODULE": "pcc_panel.settings",
}


@dataclass
class Page:
    name: str
    url: str = ""
    user: str = ""  # "", "owner" (a busy staff officer) or "chief"
    kind: str = "html"  # html, api (JSON), pdf, csv, reference
    runs: dict = field(default_factory=dict)
    queries: int = 0
    warm_queries: int = 0
    bytes: int = 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--only", default="", help="pages whose name has this")
    args = parser.parse_args()
    os.environ.update(ENV)
    tools()
    generated = database(reuse=args.reuse)
    import django

    django.setup()
    pages, cookies, writes_to = pages_and_sessions()
    pages = [p for p in pages if args.only in p.name or p.kind == "reference"]
    servers = start_servers()
    writers: list[dict] = []
    try:
        for page in pages:
            measure(page, cookies, args.seconds)
            page.runs["cold"] = cold(
                PORTS[0], page.url, cookies[page.user], args.seconds, ENV["CACHE_URL"]
            )
            writers.append(mixed(page, cookies, writes_to, args.seconds))
        csv_first_byte = first_byte("/actions/export.csv", cookies["chief"])
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
    csv_memory = streaming_memory(cookies)
    report = write_report(
        pages,
        generated,
        csv_first_byte,
        csv_memory,
        args.seconds,
        PORTS,
        WORKERS,
        writers,
    )
    print(report)


def tools() -> None:
    if shutil.which("wrk") is None:
        print("Installing wrk (Debian's package)…", flush=True)
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True)
    clusters = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True)
    if "online" not in clusters.stdout:
        version = os.listdir("/etc/postgresql")[0]
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
            check=True,
        )
    redis = subprocess.run(["redis-cli", "ping"], capture_output=True, text=True)
    if "PONG" not in redis.stdout:
        subprocess.run(
            "redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' "
            "--appendonly no",
            shell=True,
            check=True,
        )


def manage(*args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout.strip()


def database(*, reuse: bool) -> str:
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc"]
    exists = subprocess.run(
        [*psql, f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    manage("collectstatic", "--noinput", "-v0")
    if reuse and exists:
        manage("migrate", "--noinput", "-v0")
        return "reused from an earlier run"
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE],
        check=True,
    )
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True
    )
    print("Migrating and generating the national data set…", flush=True)
    manage("migrate", "--noinput", "-v0")
    started = time.monotonic()
    out = manage("generate_data", "--forces", "43", "--years", "8", "--seed", "1")
    return f"{out} (wall clock {time.monotonic() - started:.0f} s)"


def pages_and_sessions() -> tuple[list[Page], dict[str, str], list[int]]:
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Q
    from django.test import Client

    from accounts import second_factor
    from actions.choices import Status
    from actions.models import Action
    from inspections.models import Force, Inspection
    from reports.models import PanelReport

    users = get_user_model().objects
    owner = (
        users.filter(username__contains=".staff", username__endswith=".gen")
        .annotate(
            open=Count(
                "owned_actions",
                filter=~Q(owned_actions__status__in=Status.finished_values()),
            )
        )
        .order_by("-open", "pk")
        .first()
    )
    chief = users.filter(username__contains=".chief", username__endswith=".gen").first()
    inspection = (
        Inspection.objects.filter(force__isnull=False)
        .order_by("-publication_date", "pk")
        .first()
    )
    thematic = Inspection.objects.filter(force__isnull=True).order_by("pk").first()
    action = (
        Action.objects.filter(owner=owner)
        .annotate(updates_count=Count("updates"))
        .order_by("-updates_count", "pk")
        .first()
    )
    report = PanelReport.objects.order_by("-meeting_date", "pk").first()
    force = Force.objects.order_by("name").first()
    assert owner and chief and inspection and action and report and force, "no data"
    assert thematic, "no thematic inspection"
    pages = [
        Page("Trivial view (no database)", "/bench/trivial/", kind="reference"),
        Page(
            "Reference page (1 query, 50 rows)", "/bench/reference/", kind="reference"
        ),
        Page("Home", "/"),
        Page("Inspection page", inspection.get_absolute_url()),
        Page("Thematic inspection (43 forces)", thematic.get_absolute_url(), "chief"),
        Page(
            "Thematic, by force",
            f"/inspections/{thematic.pk}/by-force/",
            "chief",
        ),
        Page("Dashboard", "/dashboard/", "chief"),
        Page("Dashboard, one force", f"/dashboard/?force={force.pk}", "chief"),
        Page("My actions (busy owner)", "/actions/mine/", "owner"),
        Page("Action page with history", action.get_absolute_url(), "owner"),
        Page("Panel report", report.get_absolute_url()),
        Page("Panel report PDF", f"/reports/{report.pk}/pdf/", kind="pdf"),
        Page("Admin action changelist", "/admin/actions/action/", "owner"),
        Page("CSV export, all actions", "/actions/export.csv", "chief", kind="csv"),
        Page("Open data guide", "/open-data/"),
        Page(
            "Open data: inspections, first 100 (JSON)",
            "/api/v1/inspections",
            kind="api",
        ),
        Page(
            "Open data: one force's findings (JSON)",
            f"/api/v1/findings?organisation={force.slug}",
            kind="api",
        ),
        Page(
            "Open data: one force's findings (CSV)",
            f"/api/v1/findings.csv?organisation={force.slug}",
            kind="csv",
        ),
        # two words found in findings nationally, and in every force's plan
        Page("Search, two words (public)", "/search/?q=supervision+investigations"),
        Page(
            "Search, two words (busy owner)",
            "/search/?q=supervision+investigations",
            "owner",
        ),
        Page(
            "Search, two common words (busy owner)", "/search/?q=audit+sample", "owner"
        ),
    ]
    cookies = {"": ""}
    for key, user in (("owner", owner), ("chief", chief)):
        client = Client()
        client.force_login(user)
        session = client.session  # signed in with the second factor too
        session[second_factor.PASSED] = second_factor.APP
        session.save()
        cookies[key] = f"sessionid={client.cookies['sessionid'].value}"
    count_queries(pages, {"owner": owner, "chief": chief})
    writes_to = list(
        Action.objects.filter(owner=owner, status=Status.IN_PROGRESS).values_list(
            "pk", flat=True
        )
    )
    return pages, cookies, writes_to


def count_queries(pages: list[Page], users) -> None:
    """Queries with nothing cached (the worst case, which the budget is for)
    and once the page's cached parts are there."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts import second_factor

    for page in pages:
        client = Client()
        if page.user:
            client.force_login(users[page.user])
            session = client.session
            session[second_factor.PASSED] = second_factor.APP
            session.save()
        client.get(page.url)  # the session's first request notes its activity
        counts = []
        for clear in (True, False):
            if clear:
                cache.clear()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(page.url)
                body = (
                    b"".join(response.streaming_content)  # type: ignore[attr-defined]
                    if response.streaming
                    else response.content
                )
            assert response.status_code == 200, (page.url, response.status_code)
            counts.append(len(queries))
        page.queries, page.warm_queries, page.bytes = *counts, len(body)


def start_servers() -> list[subprocess.Popen]:
    servers = [
        subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "pcc_panel.wsgi",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "120",  # as docs/deployment.md runs it: exports stream for long
                "--log-level",
                "warning",
                "--no-control-socket",
            ],
            cwd=ROOT,
        )
        for port in PORTS
    ]
    for port in PORTS:
        for _ in range(100):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/bench/trivial/")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit(f"gunicorn on port {port} did not start")
    return servers


def wrk(url: str, cookie: str, connections: int, seconds: int, port: int, out: Path):
    command = [
        "wrk",
        f"--threads={min(connections, 2)}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=120s",
        "--script",
        str(ROOT / "benchmarks/wrk_report.lua"),
        f"http://127.0.0.1:{port}{url}",
    ]
    if cookie:
        command[1:1] = ["--header", f"Cookie: {cookie}"]
    return subprocess.Popen(
        command,
        env={**os.environ, "WRK_OUT": str(out)},
        stdout=subprocess.DEVNULL,
    )


def measure(page: Page, cookies: dict[str, str], seconds: int) -> None:
    cookie = cookies[page.user]
    print(f"Loading {page.name}…", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        warm = Path(folder) / "warm.json"
        for port in PORTS:
            wrk(page.url, cookie, 1, 1, port, warm).wait()
        single = Path(folder) / "c1.json"
        if page.kind == "csv":  # each request takes seconds: run long enough
            seconds = max(seconds, 30)
        wrk(page.url, cookie, 1, seconds, PORTS[0], single).wait()
        page.runs[1] = summarise([json.loads(single.read_text())])
        # concurrency 20: ten connections to each of the two servers at once
        outs = [Path(folder) / f"c20-{port}.json" for port in PORTS]
        runs = [
            wrk(page.url, cookie, 10, seconds, port, out)
            for port, out in zip(PORTS, outs, strict=True)
        ]
        for run in runs:
            run.wait()
        page.runs[20] = summarise([json.loads(out.read_text()) for out in outs])


def mixed(page: Page, cookies, actions: list[int], seconds: int) -> dict:
    """Readers (wrk, concurrency 1) on the page while writers post updates."""
    writer = Writer(PORTS[1], cookies["owner"], actions)
    writer.start()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "mixed.json"
        wrk(page.url, cookies[page.user], 1, seconds, PORTS[0], out).wait()
        page.runs["mixed"] = summarise([json.loads(out.read_text())])
    return writer.finish()


def summarise(results: list[dict]) -> dict:
    histogram: dict[int, int] = {}
    for result in results:
        for value, count in result["histogram"]:
            histogram[value] = histogram.get(value, 0) + count
    total = sum(histogram.values())

    def percentile(p: float) -> float:
        seen, threshold = 0, total * p / 100
        for value in sorted(histogram):
            seen += histogram[value]
            if seen >= threshold:
                return value / 1000
        return 0.0

    requests = sum(r["requests"] for r in results)
    seconds = max(r["duration_us"] for r in results) / 1e6
    if not total:  # no request finished within the run
        errors = sum(r["socket_errors"] for r in results)
        nan = float("nan")
        return {"p50": nan, "p95": nan, "rps": 0.0, "requests": 0, "errors": errors}
    return {
        "p50": percentile(50),
        "p95": percentile(95),
        "rps": requests / seconds,
        "requests": requests,
        "errors": sum(r["socket_errors"] + r["status_errors"] for r in results),
    }


def first_byte(url: str, cookie: str) -> dict:
    connection = http.client.HTTPConnection("127.0.0.1", PORTS[0], timeout=120)
    started = time.perf_counter()
    connection.request("GET", url, headers={"Cookie": cookie})
    response = connection.getresponse()
    response.read(1)
    first = time.perf_counter() - started
    size = 1 + len(response.read())
    return {"first_byte_ms": first * 1000, "total_s": time.perf_counter() - started,
            "bytes": size}  # fmt: skip


def streaming_memory(cookies) -> dict:
    """Peak Python memory while the CSV of every action streams, and while a
    part of them does: rows are read 2,000 at a time, so constant memory means
    the two peaks are alike once both exports are longer than a few batches."""
    from django.test import Client

    client = Client()
    client.cookies.load(cookies["chief"])
    peaks = {}
    for label, url in (
        ("all actions", "/actions/export.csv"),
        ("completed", "/actions/export.csv?status=completed"),
    ):
        tracemalloc.start()
        response = client.get(url)
        rows = sum(chunk.count(b"\n") for chunk in response.streaming_content)  # type: ignore[attr-defined]
        peaks[label] = (rows, tracemalloc.get_traced_memory()[1] / 1024 / 1024)
        tracemalloc.stop()
    return peaks


if __name__ == "__main__":
    main()
