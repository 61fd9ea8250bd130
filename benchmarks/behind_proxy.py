"""Sign-in throttling behind a reverse proxy, shown end to end on loopback: a
small proxy on 127.0.0.1:8120 adds X-Forwarded-For as nginx does, in front of
gunicorn (two workers, BEHIND_TLS_PROXY=1, the shared Redis) on 127.0.0.1:8121.
Clients connect from different loopback addresses (127.0.0.2, .3, …), so the
proxy sees them as different people. Then a Word bomb is uploaded through the
proxy while another client reads a page. Prints what happened; run with
`make behind-proxy`."""

from __future__ import annotations

import http.client
import http.server
import os
import re
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.importing.documents import PARAGRAPH, word  # noqa: E402

PYTHON = sys.executable
PROXY, APP = 8120, 8121
PASSWORD = "correct-horse-battery-staple"


class Proxy(http.server.BaseHTTPRequestHandler):
    """Forwards everything to the app, appending the peer to X-Forwarded-For."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
        forwarded = self.headers.get("X-Forwarded-For")
        peer = self.client_address[0]
        headers["X-Forwarded-For"] = f"{forwarded}, {peer}" if forwarded else peer
        headers["X-Forwarded-Proto"] = "https"
        upstream = http.client.HTTPConnection("127.0.0.1", APP, timeout=60)
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            answer = upstream.getresponse()
        except OSError:  # the app is still starting
            self.send_response(502)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        content = answer.read()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in ("transfer-encoding", "connection"):
                self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(content)
        upstream.close()

    do_GET = do_POST = forward


class ThreadedProxy(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


class Person:
    """A browser at one loopback address, talking to the proxy."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.cookies: dict[str, str] = {}

    def request(self, method, path, fields=None, files=None, forwarded=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", PROXY, timeout=60, source_address=(self.address, 0)
        )
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if forwarded:
            headers["X-Forwarded-For"] = forwarded  # what a client may forge
        body = None
        if files is not None:
            boundary = "----pccpanelboundary"
            parts = []
            for name, value in (fields or {}).items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                    f"\r\n\r\n{value}\r\n".encode()
                )
            for name, (filename, data) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: application/octet-stream'
                    "\r\n\r\n".encode()
                    + data
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif fields is not None:
            body = urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if body is not None:
            headers["Referer"] = f"https://127.0.0.1:{PROXY}{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";")[0]
        connection.close()
        return response.status, text

    def sign_in(self, username: str, password: str, forwarded=None):
        _, page = self.request("GET", "/accounts/sign-in/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None, "the sign-in page has no CSRF token"
        return self.request(
            "POST",
            "/accounts/sign-in/",
            {
                "csrfmiddlewaretoken": token.group(1),
                "username": username,
                "password": password,
            },
            forwarded=forwarded,
        )


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="pcc-proxy-"))
    log = folder / "gunicorn.log"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DEBUG": "0",
        "SECRET_KEY": "proxy-check-only-not-secret-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "BEHIND_TLS_PROXY": "1",  # trusts X-Forwarded-For from 127.0.0.1 only
        "CACHE_URL": "redis://127.0.0.1:6379/6",
        "LOG_LEVEL": "INFO",
        "DJANGO_SETTINGS_MODULE": "pcc_panel.settings",
    }
    manage = [PYTHON, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run(
        [*manage, "shell", "-c", SET_UP.format(password=PASSWORD)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(["redis-cli", "-n", "6", "flushdb"], check=True, capture_output=True)
    gunicorn = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "pcc_panel.wsgi", "--workers", "2",
         "--bind", f"127.0.0.1:{APP}", "--no-control-socket", "--timeout", "30",
         "--error-logfile", str(log), "--capture-output"],
        cwd=ROOT,
        env=env,
    )  # fmt: skip
    proxy = ThreadedProxy(("127.0.0.1", PROXY), Proxy)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        for _ in range(150):
            try:
                if Person("127.0.0.1").request("GET", "/accessibility/")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        report(log)
    finally:
        proxy.shutdown()
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


SET_UP = """
from django.contrib.auth.models import Group
from accounts.models import User
for name, role in (("target", "Staff officer"), ("officer", "Staff officer")):
    user = User.objects.create_user(name, password="{password}", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
"""


def report(log: Path) -> None:
    lines = ["## Sign-in throttling behind a proxy (loopback)", ""]
    attacker = Person("127.0.0.2")
    codes = [attacker.sign_in("target", "wrong-password")[0] for _ in range(6)]
    lines.append(
        f"- 127.0.0.2 tries six wrong passwords for `target`: answers {codes} "
        "(200 = the form again with its message; the fifth failure pauses signing "
        "in as `target` from there, 429)."
    )
    forged = attacker.sign_in("target", "wrong", forwarded="198.51.100.1")[0]
    lines.append(
        f"- 127.0.0.2 again, forging `X-Forwarded-For: 198.51.100.1`: {forged} "
        "(the proxy's own entry is believed, not the client's)."
    )
    honest = Person("127.0.0.3")
    status, _ = honest.sign_in("target", PASSWORD)
    _, page = honest.request("GET", "/")
    signed_in = "Signed in as" in page or "sign-out" in page.lower()
    lines.append(
        f"- `target` signs in from 127.0.0.3 with the right password: {status} "
        f"({'signed in' if signed_in else 'NOT signed in'}): the lockout is theirs "
        "at 127.0.0.2 only, not everyone's behind the proxy."
    )
    sprayer = Person("127.0.0.4")
    answers = [sprayer.sign_in(f"guess{n}", "Spring2026!")[1] for n in range(21)]
    paused_at = next(
        (n + 1 for n, text in enumerate(answers) if "network address" in text), None
    )
    lines.append(
        f"- 127.0.0.4 tries one password against 21 usernames: paused at attempt "
        f"{paused_at} (SIGN_IN_ADDRESS_LIMIT is 20)."
    )
    neighbour = Person("127.0.0.5").sign_in("guess1", "Spring2026!")[1]
    lines.append(
        "- 127.0.0.5, meanwhile: "
        + ("paused too (wrong)" if "network address" in neighbour else "not paused")
        + "."
    )
    logged = [
        line.split(" WARNING ")[-1].strip()
        for line in log.read_text().splitlines()
        if "pcc_panel.security" in line
    ]
    lines += ["", "The security log, first lines:", "", "```", *logged[:3], "```", ""]
    lines += upload_while_reading()
    print("\n".join(lines))


def upload_while_reading() -> list[str]:
    officer = Person("127.0.0.6")
    officer.sign_in("officer", PASSWORD)
    _, form = officer.request("GET", "/admin/inspections/inspection/import/")
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert found is not None, "the import form has no CSRF token"
    token = found.group(1)
    bomb = word(PARAGRAPH * 1_700_000)
    reader = Person("127.0.0.7")
    timings: list[float] = []
    result: dict[str, object] = {}

    def read() -> None:
        for _ in range(20):
            started = time.monotonic()
            reader.request("GET", "/accessibility/")
            timings.append(time.monotonic() - started)

    def upload() -> None:
        started = time.monotonic()
        status, page = officer.request(
            "POST",
            "/admin/inspections/inspection/import/",
            {"csrfmiddlewaretoken": token},
            files={"document": ("report.docx", bomb)},
        )
        result.update(
            status=status,
            seconds=time.monotonic() - started,
            refused="far larger inside than a report" in page,
        )

    threads = [threading.Thread(target=read), threading.Thread(target=upload)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [
        "## A Word bomb uploaded through the proxy while another person reads",
        "",
        f"- The bomb ({len(bomb) / 1024:,.0f} KB, 55 MB inside): answered "
        f"{result['status']} in {result['seconds']:.2f} s, "
        + ("refused with its message." if result["refused"] else "NOT refused.")
        + "",
        f"- Meanwhile 20 reads of a page: slowest {max(timings) * 1000:.0f} ms, "
        f"median {sorted(timings)[10] * 1000:.0f} ms.",
    ]


if __name__ == "__main__":
    main()
