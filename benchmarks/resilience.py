"""make resilience: what happens when things fail, on the bench database (made
by make bench, or generated here if missing), with gunicorn serving it.

1. PostgreSQL stopped during a run of reads and writes: a styled 503 while it
   is down, recovery by itself, and every acknowledged update still there.
2. Concurrent edits of one action from separate processes: one per version.
3. A gunicorn worker killed mid-run: the other requests are unaffected.
4. Backup and restore: equal row counts and checksums after a round trip.

Prints what it found and writes docs/resilience.md."""

from __future__ import annotations

import datetime
import http.client
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.bench import ENV, PYTHON, database, tools  # noqa: E402

PORT = 8111
RESTORED = "pcc_panel_restored"
TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
CHECKSUM = (
    "SELECT count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) "
    'FROM "{table}" t'
)
CLUSTER = ["pg_ctlcluster", "--skip-systemctl-redirect"]


class Browser:
    """Just enough of a browser: a session cookie, the CSRF token, forms."""

    def __init__(self, session: str = "") -> None:
        self.cookies = {"sessionid": session} if session else {}

    def request(self, method: str, path: str, fields: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{PORT}{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        connection.close()
        return response.status, text

    def update_form(self, action_id: int) -> dict:
        status, page = self.request("GET", f"/actions/{action_id}/update/")
        if status != 200:
            raise RuntimeError(f"update form answered {status}")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        version = re.search(r'name="seen_version" value="(\d+)"', page)
        assert token is not None and version is not None, "not the update form"
        return {
            "csrfmiddlewaretoken": token.group(1),
            "seen_version": version.group(1),
        }

    def post_update(self, action_id: int, form: dict, narrative: str) -> int:
        fields = {
            **form,
            "narrative": narrative,
            "status": "in_progress",
            "rag": "green",
            "percent_complete": "50",
            "date": datetime.date.today().isoformat(),
            "marking": "official",
        }
        status, _ = self.request("POST", f"/actions/{action_id}/update/", fields)
        return status


def main() -> None:
    os.environ.update(ENV)
    tools()
    database(reuse=True)
    import django

    django.setup()
    people = setup()
    results = []
    with server(workers=5) as master:
        results.append(database_outage(people))
        results.append(concurrent_edits(people))
        results.append(worker_killed(master))
    results.append(backup_and_restore())
    report = "\n".join(
        ["# Resilience", "", f"One run of `make resilience` on "
         f"{datetime.date.today():%-d %B %Y}, against the bench database.", ""]
        + [line for section in results for line in section]
    )  # fmt: skip
    (ROOT / "docs/resilience.md").write_text(report + "\n")
    print(report)


def setup() -> dict:
    """A staff officer with in-progress actions, signed in; sessions made here."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.test import Client

    from accounts import second_factor
    from actions.models import Action

    owner = (
        get_user_model()
        .objects.filter(username__contains=".staff", username__endswith=".gen")
        .annotate(n=Count("owned_actions"))
        .order_by("-n")
        .first()
    )
    actions = list(
        Action.objects.filter(owner=owner, status="in_progress")
        .order_by("pk")
        .values_list("pk", flat=True)[:6]
    )
    client = Client()
    assert owner is not None, "no generated staff officer in the database"
    client.force_login(owner)
    session = client.session  # signed in with the second factor too
    session[second_factor.PASSED] = second_factor.APP
    session.save()
    return {"session": client.cookies["sessionid"].value, "actions": actions}


class server:
    def __init__(self, workers: int) -> None:
        self.workers = workers

    def __enter__(self) -> subprocess.Popen:
        self.process = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "pcc_panel.wsgi",
             "--workers", str(self.workers), "--bind", f"127.0.0.1:{PORT}",
             "--log-level", "error", "--no-control-socket"],
            cwd=ROOT,
        )  # fmt: skip
        wait_until(lambda: Browser().request("GET", "/bench/trivial/")[0] == 200)
        return self.process

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def wait_until(check, seconds: float = 30) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            if check():
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("gave up waiting")


def pg(action: str) -> None:
    version = os.listdir("/etc/postgresql")[0]
    fast = ["-m", "fast"] if action == "stop" else []
    subprocess.run([*CLUSTER, version, "main", action, *fast], check=True)


def database_outage(people) -> list[str]:
    acknowledged: list[str] = []
    answers: list[tuple[float, int, bool]] = []  # (time, status, styled 503)
    stop = threading.Event()
    started = time.monotonic()

    def writer(action_id: int) -> None:
        browser = Browser(people["session"])
        while not stop.is_set():
            try:
                form = browser.update_form(action_id)
                marker = f"resilience {uuid.uuid4()}"
                if browser.post_update(action_id, form, marker) == 302:
                    acknowledged.append(marker)
            except (OSError, RuntimeError, AttributeError):
                time.sleep(0.1)

    def reader() -> None:
        browser = Browser(people["session"])
        while not stop.is_set():
            try:
                status, page = browser.request("GET", "/actions/mine/")
                styled = "The service is unavailable for a moment" in page
                answers.append((time.monotonic() - started, status, styled))
                if "Traceback" in page:
                    answers.append((time.monotonic() - started, -1, False))
            except OSError:
                answers.append((time.monotonic() - started, 0, False))
            time.sleep(0.05)

    threads = [
        threading.Thread(target=writer, args=(a,)) for a in people["actions"][:3]
    ]
    threads.append(threading.Thread(target=reader))
    for thread in threads:
        thread.start()
    time.sleep(4)
    down_at = time.monotonic() - started
    pg("stop")
    time.sleep(6)
    up_at = time.monotonic() - started
    pg("start")
    time.sleep(8)
    stop.set()
    for thread in threads:
        thread.join()

    from django.db import connection

    from actions.models import ProgressUpdate

    connection.close()
    saved = set(
        ProgressUpdate.objects.filter(narrative__in=acknowledged).values_list(
            "narrative", flat=True
        )
    )
    during = [a for a in answers if down_at + 0.5 < a[0] < up_at]
    after = [a for a in answers if a[0] > up_at and a[1] == 200]
    recovered = (after[0][0] - up_at) if after else float("nan")
    statuses = sorted({a[1] for a in answers})
    return [
        "## PostgreSQL stopped during reads and writes",
        "",
        f"Three writers posted weekly updates and a reader loaded My actions; "
        f"PostgreSQL was stopped at {down_at:.1f} s and started again at "
        f"{up_at:.1f} s.",
        "",
        f"- Answers while it was down: {len(during)}, of which "
        f"{sum(a[1] == 503 and a[2] for a in during)} the styled 503 page; "
        f"tracebacks: {sum(a[1] == -1 for a in answers)}; status codes seen: "
        f"{statuses}.",
        f"- First good answer {recovered:.1f} s after PostgreSQL started.",
        f"- Acknowledged updates (HTTP 302): {len(acknowledged)}; found afterwards: "
        f"{len(saved)}; missing: {len(set(acknowledged) - saved)}.",
        "",
    ]


def _race(args) -> int:
    session, action_id, form, barrier_wait = args
    browser = Browser(session)
    browser.cookies["csrftoken"] = form.pop("_csrf_cookie")
    barrier_wait.wait()
    return browser.post_update(action_id, form, f"race {uuid.uuid4()}")


def concurrent_edits(people, contenders: int = 8, rounds: int = 5) -> list[str]:
    from django.db import connection

    from actions.models import Action, ProgressUpdate

    action_id = people["actions"][-1]
    connection.close()
    before = Action.objects.get(pk=action_id)
    updates_before = ProgressUpdate.objects.filter(action_id=action_id).count()
    outcomes: list[int] = []
    with multiprocessing.Manager() as manager:
        for _ in range(rounds):
            browser = Browser(people["session"])
            form = browser.update_form(action_id)
            form["_csrf_cookie"] = browser.cookies["csrftoken"]
            barrier = manager.Barrier(contenders)
            with multiprocessing.Pool(contenders) as pool:
                outcomes += pool.map(
                    _race,
                    [(people["session"], action_id, dict(form), barrier)] * contenders,
                )
    after = Action.objects.get(pk=action_id)
    updates_after = ProgressUpdate.objects.filter(action_id=action_id).count()
    won = outcomes.count(302)
    return [
        "## Concurrent edits of one action",
        "",
        f"{rounds} rounds; in each, {contenders} processes loaded the update form "
        "at the same version and posted at once.",
        "",
        f"- Saved (302): {won}; refused as a conflict (200, the form with the "
        f"message): {outcomes.count(200)}; errors (5xx): "
        f"{sum(o >= 500 for o in outcomes)}.",
        f"- Version {before.version} → {after.version}; progress updates "
        f"{updates_before} → {updates_after}: {updates_after - updates_before} new "
        f"for {won} saved, so no update was lost or doubled.",
        "",
    ]


def worker_killed(master: subprocess.Popen) -> list[str]:
    children = subprocess.run(
        ["pgrep", "-P", str(master.pid)], capture_output=True, text=True
    ).stdout.split()
    out = ROOT / "benchmarks/.killed.json"
    load = subprocess.Popen(
        ["wrk", "--threads=2", "--connections=10", "--duration=8s",
         "--script", str(ROOT / "benchmarks/wrk_report.lua"),
         f"http://127.0.0.1:{PORT}/"],
        env={**os.environ, "WRK_OUT": str(out)},
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(3)
    os.kill(int(children[0]), signal.SIGKILL)
    load.wait()
    import json

    result = json.loads(out.read_text())
    out.unlink()
    time.sleep(1)
    alive = subprocess.run(
        ["pgrep", "-P", str(master.pid)], capture_output=True, text=True
    ).stdout.split()
    return [
        "## A gunicorn worker killed mid-run",
        "",
        "wrk loaded the home page with 10 connections for 8 s; after 3 s one of "
        "the 5 workers was killed with SIGKILL.",
        "",
        f"- Requests: {result['requests']:,}; socket errors: "
        f"{result['socket_errors']}; non-2xx/3xx answers: {result['status_errors']}.",
        f"- Workers afterwards: {len(alive)} (gunicorn started a new one).",
        "",
    ]


def backup_and_restore() -> list[str]:
    source = ENV["DATABASE_URL"]
    target = source.rsplit("/", 1)[0] + f"/{RESTORED}"
    dump = ROOT / "backups/resilience-check.dump"
    dump.parent.mkdir(exist_ok=True)
    started = time.monotonic()
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", source], check=True)
    dumped = time.monotonic() - started
    server_args = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["dropdb", *server_args, "--if-exists", RESTORED], check=True)
    subprocess.run(["createdb", *server_args, RESTORED], check=True)
    started = time.monotonic()
    subprocess.run(
        ["pg_restore", "--no-owner", f"--dbname={target}", str(dump)], check=True
    )
    restored = time.monotonic() - started
    original, copy = checksums(source), checksums(target)
    differ = [t for t in original if original[t] != copy.get(t)]
    rows = sum(count for count, _ in original.values())
    dump.unlink()
    return [
        "## Backup and restore",
        "",
        f"`pg_dump` of the bench database ({dumped:.1f} s), `pg_restore` into a new "
        f"database ({restored:.1f} s), then each table's row count and an MD5 of "
        "its rows in order compared.",
        "",
        f"- Tables: {len(original)}; rows: {rows:,}; tables that differ: "
        f"{len(differ)}{' (' + ', '.join(differ) + ')' if differ else ''}.",
        "",
    ]


def checksums(url: str) -> dict[str, tuple[int, str]]:
    tables = psql(url, TABLES).split()
    sums = {}
    for table in tables:
        row = psql(url, CHECKSUM.format(table=table))
        count, digest = row.split("|")
        sums[table] = (int(count), digest)
    return sums


def psql(url: str, sql: str) -> str:
    return subprocess.run(
        ["psql", url, "-tAc", sql], capture_output=True, text=True, check=True
    ).stdout.strip()


if __name__ == "__main__":
    main()
