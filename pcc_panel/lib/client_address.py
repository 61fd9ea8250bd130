"""The address a request really came from. Behind the reverse proxy that
docs/deployment.md describes, REMOTE_ADDR is the proxy's; the client's is the
last address in X-Forwarded-For that the trusted proxies added. Without this,
the sign-in lockout would key on the proxy, and five wrong passwords from
anywhere would lock out anyone."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def client_address(meta: dict, trusted: list[str]) -> str:
    """Walk X-Forwarded-For from the right, past the trusted proxies: the first
    address that is not one of them is the client. Anything the client wrote
    further left is ignored, so it cannot choose its own address."""
    peer = meta.get("REMOTE_ADDR", "")
    if peer not in trusted:
        return peer
    forwarded = [
        part.strip()
        for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    for address in reversed(forwarded):
        if not _is_address(address):
            return peer  # a malformed header: trust nothing in it
        if address not in trusted:
            return address
    return peer


class ClientAddressMiddleware:
    """First in the chain, so that sign-in throttling, the lockout and the
    security log all see the client's address. The proxy's stays in
    PROXY_ADDR."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.trusted = list(settings.TRUSTED_PROXIES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.trusted:
            address = client_address(request.META, self.trusted)
            if address != request.META.get("REMOTE_ADDR"):
                request.META["PROXY_ADDR"] = request.META.get("REMOTE_ADDR", "")
                request.META["REMOTE_ADDR"] = address
        return self.get_response(request)
