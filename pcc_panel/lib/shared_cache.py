"""Everything the project keeps in the shared cache (Redis, which every
application server reads), and the key each is kept under. No other module
imports Django's cache (a test reads every import): pages are fast because
their queries are, so no page or fragment is cached. Sessions are Django's own
(`cached_db`: read from the cache, written through to the database)."""

from __future__ import annotations

from django.core.cache import cache

SIGN_IN_FAILURES = "sign-in-failures:{address}"


def sign_in_failures_key(address: str) -> str:
    return SIGN_IN_FAILURES.format(address=address)


def count_up(key: str, *, seconds: int) -> int:
    """Add one to a counter that lasts `seconds` from its first count."""
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        return 1


def count_of(key: str) -> int:
    return cache.get(key) or 0


OPEN_DATA_REQUESTS = "open-data-requests:{address}:{minute}"


def open_data_requests_key(address: str, minute: int) -> str:
    """The count of one address's open-data requests in one minute."""
    return OPEN_DATA_REQUESTS.format(address=address, minute=minute)
