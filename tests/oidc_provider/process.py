"""Start and stop the test OpenID Connect provider (serve.py) as a process of
its own on a free loopback port, and go through its sign-in as a person would
with a browser's cookies (requests), for tests that use Django's test client."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "pcc-panel-tests"
CLIENT_SECRET = "a-client-secret-for-the-tests-only"
CALLBACK = "/accounts/sign-in/sso/callback/"
PASSWORD = "provider-password"


@dataclass
class Provider:
    url: str

    @property
    def issuer(self) -> str:
        return f"{self.url}/o"

    def spoil_next_token(self, mode: str) -> None:
        """'signature', 'audience' or 'expired': the next ID token it sends."""
        requests.post(f"{self.url}/test/spoil/", {"mode": mode}, timeout=10)

    def settings(self) -> dict[str, object]:
        return {
            "OIDC_ISSUER": self.issuer,
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_PROVIDER_NAME": "Northmoor Police account",
        }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(users: list[dict]) -> Iterator[Provider]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="oidc-provider-") as folder:
        setup = {
            "client": {
                "id": CLIENT_ID,
                "secret": CLIENT_SECRET,
                "redirect_uris": [
                    f"http://testserver{CALLBACK}",
                    f"http://127.0.0.1{CALLBACK}",  # any port (RFC 8252)
                ],
            },
            "users": [{"password": PASSWORD, **user} for user in users],
        }
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_URL"))
        }
        env |= {
            "PROVIDER_DATABASE": str(Path(folder) / "provider.sqlite3"),
            "PROVIDER_RSA_KEY": pem,
            "PROVIDER_SETUP": json.dumps(setup),
        }
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "tests/oidc_provider/serve.py"), str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            assert line.strip() == "ready", f"the provider did not start: {line!r}"
            yield Provider(url=f"http://127.0.0.1:{port}")
        finally:
            process.terminate()
            process.wait(timeout=10)


def sign_in_at_provider(location: str, username: str) -> str:
    """From the provider's authorisation address: its sign-in page, then back
    towards the application. Returns the application's callback address."""
    browser = requests.Session()
    page = browser.get(location, timeout=10)
    assert page.status_code == 200, page.text
    token = browser.cookies["provider_csrf"]
    next_url = re.search(r'name="next" value="([^"]*)"', page.text)
    answer = browser.post(
        page.url,
        {
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": token,
            "next": next_url.group(1).replace("&amp;", "&") if next_url else "",
        },
        headers={"Referer": page.url},
        allow_redirects=False,
        timeout=10,
    )
    while answer.status_code == 302:
        target = urljoin(answer.url, answer.headers["Location"])
        if not target.startswith(browser_base(location)):
            return target
        answer = browser.get(target, allow_redirects=False, timeout=10)
    raise AssertionError(f"the provider answered {answer.status_code}: {answer.text}")


def browser_base(location: str) -> str:
    return location.split("/o/", 1)[0]
