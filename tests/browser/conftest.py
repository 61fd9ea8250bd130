"""Playwright driving Debian's Chromium, and axe-core to check each page."""

from __future__ import annotations

import io
import os
import time
from base64 import b32decode, b32encode
from pathlib import Path

import axe_playwright_python
import pytest
from django.core.management import call_command
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, sync_playwright

# Playwright's sync API runs an event loop in this thread; the test's own database
# calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(f"Browser tests must run in CI. {message}")
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Page:
    """A fresh page; any Content-Security-Policy violation on it fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert refused == [], "the Content-Security-Policy blocked something"


@pytest.fixture
def live_demo(transactional_db, live_server):
    """The live server with the demo data and, as with DEBUG on, its sign-ins.

    The live server reads committed rows, so these tests run outside a transaction
    and the database is flushed after each; migrating the data migrations out and
    back in gives each test the role groups and meeting types a freshly migrated
    database has."""
    quiet = {"verbosity": 0, "stdout": io.StringIO()}
    for app, first in (("accounts", "0001"), ("governance", "0001")):
        call_command("migrate", app, first, **quiet)
    call_command("migrate", **quiet)  # with what depended on them
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=io.StringIO())
    return live_server


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.2 AA violations on the page as it stands, one line each."""
    page.evaluate(AXE_SOURCE)
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
        for v in results["violations"]
    ]


def save_view(page: Page, name: str, width: int, height: int) -> None:
    """With SCREENSHOT_DIR set, keep what one screen of this size shows."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(Path(folder) / name))


def save_screenshot(page: Page, name: str) -> None:
    """With SCREENSHOT_DIR set (make screenshot), keep the page for the README."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(
            path=str(Path(folder) / name),
            full_page=True,
            clip={"x": 0, "y": 0, "width": 1280, "height": 1650},
        )


def sign_in(page: Page, username: str) -> None:
    """On the sign-in page: sign in as a demo user, with the code from their
    authenticator app where their role needs one, setting the app up from the
    page's key the first time, as the person would."""
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pcc-panel-demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/accounts/second-factor/set-up/" in page.url:
        key = page.locator("#key").inner_text().replace(" ", "")
        page.get_by_label("Code from the app").fill(authenticator_code(key))
        page.get_by_role("button", name="Turn on the second factor").click()
        page.get_by_role("link", name="I have saved my codes: continue").click()
    elif "/accounts/second-factor/" in page.url:
        page.get_by_label("Code").fill(code_of(username))
        page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def authenticator_code(key: str, step: int = 0) -> str:
    """What an authenticator app shows for this base32 key, `step` periods on."""
    totp = TOTP(b32decode(key))
    totp.time = time.time() + 30 * step
    return f"{totp.token():06d}"


def code_of(username: str) -> str:
    """The next code the person's app shows that has not been used yet."""
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    key = b32encode(device.bin_key).decode()
    now = TOTP(device.bin_key)
    step = max(0, device.last_t + 1 - now.t())
    return authenticator_code(key, step)
