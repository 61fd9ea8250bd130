"""Signed-in pages and every download say `Cache-Control: private, no-store`:
OFFICIAL-SENSITIVE content must not stay in a shared computer's browser cache
or a proxy's. Public pages are left cacheable."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

NO_STORE = "private, no-store"


def is_download(response: HttpResponse) -> bool:
    return response.get("Content-Disposition", "").startswith("attachment")


class PrivateResponseMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in or is_download(response) or request.path.startswith("/admin/"):
            response["Cache-Control"] = NO_STORE
            response.headers.pop("Expires", None)
            patch_vary_headers(response, ["Cookie"])
        return response
