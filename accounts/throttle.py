"""Failed sign-ins counted per address, whatever the usernames tried: django-axes
locks one username from one address; this stops one address trying a common
password against many usernames (password spraying). Counted in the shared
cache, so every application server sees the same count."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from pcc_panel.lib.shared_cache import count_of, count_up, sign_in_failures_key


def address_of(request: HttpRequest | None) -> str:
    return request.META.get("REMOTE_ADDR", "unknown") if request else "unknown"


def note_failure(request: HttpRequest | None) -> int:
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    return count_up(sign_in_failures_key(address_of(request)), seconds=seconds)


def address_paused(request: HttpRequest | None) -> bool:
    failures = count_of(sign_in_failures_key(address_of(request)))
    return failures >= settings.SIGN_IN_ADDRESS_LIMIT
