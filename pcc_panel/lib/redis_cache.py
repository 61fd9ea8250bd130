"""Django's Redis cache, with one client per connection pool rather than a new
client for every cache call: building a redis.Redis costs more than the round
trip it makes, and pages make a dozen cache calls."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

if TYPE_CHECKING:
    from redis import ConnectionPool, Redis


class ReusingClient(RedisCacheClient):
    # set by Django's RedisCacheClient; django-stubs leaves its privates out
    _client: type[Redis]
    _get_connection_pool: Callable[[bool], ConnectionPool]

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if id(pool) not in clients:
            clients[id(pool)] = self._client(connection_pool=pool)
        return clients[id(pool)]


class SharedRedisCache(RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusingClient
