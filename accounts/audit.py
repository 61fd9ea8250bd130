"""The one way into the accounts' audit trail (AccountEvent), and the same line
in the security log."""

from __future__ import annotations

import logging

from django.http import HttpRequest

from accounts.models import AccountEvent, User
from accounts.throttle import address_of

logger = logging.getLogger("pcc_panel.security")
Kind = AccountEvent.Kind


def client_address(request: HttpRequest | None) -> str:
    """The client's address; behind a trusted proxy, the proxy's too."""
    address = address_of(request)
    proxy = request.META.get("PROXY_ADDR") if request else None
    return f"{address} (through {proxy})" if proxy else address


def record(
    kind: AccountEvent.Kind,
    *,
    user: User | None = None,
    username: str = "",
    request: HttpRequest | None = None,
    by: User | None = None,
    detail: str = "",
) -> AccountEvent:
    name = (user.get_username() if user else username)[:150]
    event = AccountEvent.objects.create(
        kind=kind,
        user=user if user and user.pk else None,
        username=name,
        by=by if by and by.pk and by != user else None,
        address=client_address(request)[:100] if request else "",
        detail=detail[:300],
    )
    level = logging.WARNING if kind in WARNINGS else logging.INFO
    extra = f" by {event.by.get_username()}" if event.by else ""
    where = f" from {event.address}" if event.address else ""
    said = LOGGED_AS.get(kind, kind.label.lower())
    about = f" ({event.detail})" if event.detail else ""
    logger.log(level, "%s: %s%s%s%s", said, name, where, extra, about)
    return event


# the security log's words for these, as they were before the audit trail
LOGGED_AS = {
    Kind.SIGNED_IN: "sign-in",
    Kind.SIGN_IN_FAILED: "failed sign-in",
    Kind.LOCKED_OUT: "locked out",
    Kind.SIGNED_OUT: "sign-out",
}


WARNINGS = {
    Kind.SIGN_IN_FAILED,
    Kind.LOCKED_OUT,
    Kind.SECOND_FACTOR_FAILED,
    Kind.RECOVERY_CODE_USED,
    Kind.SECOND_FACTOR_REMOVED,
}
