"""Failed sign-ins counted per address, whatever the usernames tried: django-axes
locks one username from one address; this stops one address trying a common
password against many usernames (password spraying). Counted in the shared
cache, so every application server sees the same count."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def _key(address: str) -> str:
    return f"sign-in-failures:{address}"


def address_of(request: HttpRequest | None) -> str:
    return request.META.get("REMOTE_ADDR", "unknown") if request else "unknown"


def note_failure(request: HttpRequest | None) -> int:
    key = _key(address_of(request))
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        return 1


def address_paused(request: HttpRequest | None) -> bool:
    return (cache.get(_key(address_of(request))) or 0) >= settings.SIGN_IN_ADDRESS_LIMIT
