"""Making, stopping and reading a person's private calendar link."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from accounts import audit
from accounts.models import AccountEvent, User
from calendars.models import CalendarLink


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def make_link(user: User, request: HttpRequest | None = None) -> str:
    """A new secret for the person's calendar, replacing any earlier one (which
    stops working at once). The secret itself is returned, never stored."""
    secret = secrets.token_urlsafe(32)
    CalendarLink.objects.update_or_create(
        user=user,
        defaults={"secret_hash": _hash(secret), "made_at": timezone.now()},
    )
    audit.record(AccountEvent.Kind.CALENDAR_LINK_MADE, user=user, request=request)
    return secret


def stop_link(user: User, request: HttpRequest | None = None) -> bool:
    stopped, _ = CalendarLink.objects.filter(user=user).delete()
    if stopped:
        audit.record(
            AccountEvent.Kind.CALENDAR_LINK_STOPPED, user=user, request=request
        )
    return bool(stopped)


def reader_of(secret: str) -> User | None:
    """Whose calendar a secret opens: an active person's, or no one's. One
    query; the moment it was read is kept, at most once an hour."""
    if not 20 <= len(secret) <= 100:
        return None
    link = (
        CalendarLink.objects.select_related("user")
        .filter(secret_hash=_hash(secret), user__is_active=True)
        .first()
    )
    if link is None:
        return None
    now = timezone.now()
    if link.last_read_at is None or (now - link.last_read_at).total_seconds() > 3600:
        CalendarLink.objects.filter(pk=link.pk).update(last_read_at=now)
    return link.user
