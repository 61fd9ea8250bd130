"""A sensitive step (signing off, publishing, changing someone's roles) asks
for the password again when it was last given more than REAUTHENTICATE_AFTER
ago (accounts.sessions.recently_confirmed)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts import sessions

View = Callable[..., HttpResponse]


def identity_confirmed(view: View) -> View:
    """Then back to the page the step was on. A form posted a while after its
    page was opened is still taken (sessions.recently_confirmed's grace), so
    nothing typed is lost."""

    @wraps(view)
    def confirmed_first(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return ask_to_confirm(request) or view(request, *args, **kwargs)

    return confirmed_first


def ask_to_confirm(request: HttpRequest) -> HttpResponse | None:
    """The page asking for the password, if this step needs it now: for views
    that first check the person may take the step at all."""
    posted = request.method == "POST"
    if request.user.is_authenticated and not sessions.recently_confirmed(
        request, posted=posted
    ):
        return confirm_first(request)
    return None


def confirm_first(request: HttpRequest) -> HttpResponse:
    back = request.get_full_path() if request.method == "GET" else referrer(request)
    return redirect(f"{reverse('accounts:confirm')}?{urlencode({'next': back})}")


def referrer(request: HttpRequest) -> str:
    page = request.META.get("HTTP_REFERER", "")
    if page and url_has_allowed_host_and_scheme(
        page, allowed_hosts={request.get_host()}
    ):
        return page
    return reverse("accounts:account")
