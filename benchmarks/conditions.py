"""make bench's other two conditions. Cold: the shared cache emptied before
every request (no page is cached; sessions then come from the database).
Mixed: writers post progress updates through the site at a steady rate across
random actions while a reader loads the page."""

from __future__ import annotations

import http.client
import random
import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

import redis

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(rb'name="seen_version" value="(\d+)"')


def percentiles(samples: list[float]) -> dict:
    if not samples:
        nan = float("nan")
        return {"p50": nan, "p95": nan, "requests": 0}
    ordered = sorted(samples)

    def at(p: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]

    return {"p50": at(50), "p95": at(95), "requests": len(ordered)}


def get(connection: http.client.HTTPConnection, url: str, cookie: str):
    connection.request("GET", url, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    return response, response.read()


def cold(port: int, url: str, cookie: str, seconds: int, cache_url: str) -> dict:
    """Concurrency 1, the cache emptied before each request; only the request
    is timed."""
    store = redis.Redis.from_url(cache_url)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    samples: list[float] = []
    errors = 0
    until = time.monotonic() + seconds
    while time.monotonic() < until and len(samples) < 2000:
        store.flushdb()
        started = time.perf_counter()
        response, _ = get(connection, url, cookie)
        samples.append((time.perf_counter() - started) * 1000)
        errors += response.status != 200
    return percentiles(samples) | {"errors": errors}


@dataclass
class Writer:
    """Progress updates through the site's form, `rate` a second in all, each
    to a random action of those given, from several threads so that a slow
    response does not slow the rate. Each thread writes to its own share of
    the actions: two writers reading and saving one action at the same moment
    would (rightly) meet the edit-conflict check, which is not a failure."""

    port: int
    cookie: str
    actions: list[int]
    rate: float = 5.0
    threads: int = 4
    samples: list[float] = field(default_factory=list)
    errors: int = 0
    failures: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def start(self) -> None:
        self._workers = [
            threading.Thread(target=self._run, args=(n,), daemon=True)
            for n in range(self.threads)
        ]
        for worker in self._workers:
            worker.start()

    def finish(self) -> dict:
        self.stop.set()
        for worker in self._workers:
            worker.join(timeout=60)
        return percentiles(self.samples) | {
            "errors": self.errors,
            "failures": self.failures[:5],
        }

    def _run(self, number: int) -> None:
        rng = random.Random(number)
        interval = self.threads / self.rate
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        next_at = time.monotonic() + number * interval / self.threads
        while not self.stop.is_set():
            time.sleep(max(0.0, next_at - time.monotonic()))
            next_at += interval
            action = rng.choice(self.actions[number :: self.threads] or self.actions)
            started = time.perf_counter()
            try:
                ok = self._post(connection, action, rng)
            except (OSError, http.client.HTTPException) as error:
                connection = http.client.HTTPConnection("127.0.0.1", self.port)
                self.failures.append(f"action {action}: {error!r}")
                ok = False
            self.samples.append((time.perf_counter() - started) * 1000)
            self.errors += not ok

    def _post(self, connection, action: int, rng: random.Random) -> bool:
        url = f"/actions/{action}/update/"
        response, body = get(connection, url, self.cookie)
        token, version = TOKEN.search(body), VERSION.search(body)
        csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
        if response.status != 200 or not (token and version and csrf):
            self.failures.append(f"GET {url}: {response.status}")
            return False
        form = {
            "csrfmiddlewaretoken": token.group(1).decode(),
            "status": "in_progress",
            "percent_complete": rng.randint(5, 95),
            "rag": rng.choice(["red", "amber", "green"]),
            "narrative": "Weekly update from the benchmark's writer.",
            "date": time.strftime("%Y-%m-%d"),
            "marking": "official",
            "seen_version": version.group(1).decode(),
        }
        connection.request(
            "POST",
            url,
            body=urlencode(form),
            headers={
                "Cookie": f"{self.cookie}; csrftoken={csrf.group(1)}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{self.port}{url}",
            },
        )
        posted = connection.getresponse()
        answer = posted.read()
        if posted.status != 302:
            title = re.search(rb"<title>([^<]*)", answer)
            said = title.group(1).decode() if title else ""
            self.failures.append(f"POST {url}: {posted.status} {said}")
        return posted.status == 302
