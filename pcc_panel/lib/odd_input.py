"""A query string no page could use is a bad request (400), never a server
error: PostgreSQL refuses a NUL character in any string, so a `%00` in a
filter or a search would otherwise fail deep inside a query."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse


class OddQueryString(SuspiciousOperation):
    pass


class OddInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any("\x00" in key or "\x00" in value for key, value in _pairs(request)):
            raise OddQueryString("A NUL character in the query string.")
        return self.get_response(request)


def _pairs(request: HttpRequest):
    for key, values in request.GET.lists():
        for value in values:
            yield key, value
