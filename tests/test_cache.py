"""The cache production runs on: Redis, one client per pool, and the data
version every cached page keys on."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from pcc_panel.lib import freshness
from pcc_panel.lib.env import env_cache
from pcc_panel.lib.redis_cache import SharedRedisCache
from tests.factories import FindingFactory

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


@pytest.mark.django_db
def test_every_save_of_the_domain_changes_the_data_version():
    before = freshness.data_version()
    FindingFactory()
    assert freshness.data_version() != before


@pytest.mark.django_db
def test_a_lost_version_is_replaced_by_one_no_page_has_used():
    old = freshness.data_version()
    cache.delete(freshness.KEY)
    assert freshness.data_version() not in (None, old)
