"""The cache production runs on: Redis, one client per pool; what is kept in
it, behind one module; and pages that, with the cache on, show what was just
saved and keep what a person typed."""

from __future__ import annotations

import ast
import datetime
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from pcc_panel.lib.env import env_cache
from pcc_panel.lib.redis_cache import SharedRedisCache
from tests.conftest import sign_in
from tests.factories import ActionFactory

REDIS = "redis://127.0.0.1:6379/9"


@pytest.fixture
def redis_cache():
    backend = SharedRedisCache(REDIS, {})
    backend.clear()
    yield backend
    backend.clear()


def test_the_redis_cache_reuses_one_client(redis_cache):
    redis_cache.set("answer", 41)
    redis_cache.incr("answer")
    assert redis_cache.get("answer") == 42
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client() is client


def test_cache_url_chooses_the_backend(monkeypatch):
    monkeypatch.setenv("CACHE_URL", REDIS)
    assert env_cache("CACHE_URL")["BACKEND"].endswith("SharedRedisCache")
    monkeypatch.setenv("CACHE_URL", "memcached://x")
    with pytest.raises(Exception, match="CACHE_URL must be"):
        env_cache("CACHE_URL")


ROOT = Path(__file__).resolve().parent.parent
APPS = ["pcc_panel", "accounts", "inspections", "actions", "governance", "reports",
        "importing", "demo"]  # fmt: skip
CACHING = (
    "django.core.cache",
    "django.views.decorators.cache",
    "django.middleware.cache",
)
CACHE_MODULES = {"pcc_panel/lib/shared_cache.py", "pcc_panel/lib/redis_cache.py"}


def test_only_the_shared_cache_module_touches_the_cache():
    """One module names every key; nothing else reads or writes the cache, and
    no template caches a fragment."""
    touching = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                names = (
                    [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else []
                )
                if any(n.startswith(CACHING) for n in names):
                    touching.add(str(path.relative_to(ROOT)))
    assert touching == CACHE_MODULES
    cached = [
        str(t.relative_to(ROOT))
        for t in (ROOT / "templates").rglob("*.html")
        if "{% cache" in t.read_text() or "cache %}" in t.read_text()
    ]
    assert cached == []


@pytest.mark.django_db
def test_with_the_cache_on_a_page_shows_a_save_at_once_and_keeps_what_was_typed(
    client, staff_officer, settings
):
    """GET, POST with errors, GET, POST, GET, through the shared cache."""
    backend = "pcc_panel.lib.redis_cache.SharedRedisCache"
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": REDIS}}
    cache.clear()
    action = ActionFactory(owner=staff_officer, due_date=datetime.date(2030, 1, 31))
    sign_in(client, staff_officer)
    page = action.get_absolute_url()
    assert "31 January 2030" in client.get(page).text
    asked = reverse("actions:extension_request", args=[action.pk])
    typed = "The new contract starts in April; we need the quarter."
    refused = client.post(asked, {"new_due_date": "2029-12-01", "reason": typed})
    assert refused.status_code == 200
    assert typed in refused.text  # what was typed comes back, with its error
    assert "Ask for a date after the current due date" in refused.text
    assert typed not in client.get(page).text  # and is not kept for another view
    client.post(asked, {"new_due_date": "2030-06-30", "reason": typed})
    again = client.get(page).text
    assert "30 Jun 2030" in again and typed in again  # the request, shown at once
    cache.clear()
