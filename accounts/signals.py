"""Sign-ins, failed sign-ins and lockouts go to the security log (connected
in pcc_panel.signals)."""

from __future__ import annotations

import logging

from django.contrib import messages

from accounts.throttle import address_of, note_failure

logger = logging.getLogger("pcc_panel.security")


def _address(request) -> str:
    """The client's address; behind a trusted proxy, the proxy's too."""
    address = address_of(request)
    proxy = request.META.get("PROXY_ADDR") if request else None
    return f"{address} (through {proxy})" if proxy else address


def log_sign_in(sender, request, user, **kwargs) -> None:
    logger.info("sign-in: %s from %s", user.get_username(), _address(request))


def log_failed_sign_in(sender, credentials, request=None, **kwargs) -> None:
    logger.warning(
        "failed sign-in: %s from %s", credentials.get("username"), _address(request)
    )
    note_failure(request)


def log_lockout(sender, request, username, ip_address, **kwargs) -> None:
    logger.warning("locked out: %s from %s", username, ip_address)


def say_signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        logger.info("sign-out: %s", user.get_username())
        messages.success(request, "You have signed out.", fail_silently=True)
