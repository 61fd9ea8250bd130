from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from accounts import audit, second_factor, sessions


class SessionLimitsMiddleware:
    """Sign out anyone idle for SESSION_IDLE_TIMEOUT, and everyone once their
    session is SESSION_ABSOLUTE_LIFETIME old (accounts.sessions); note on the
    person whether they have confirmed who they are recently enough."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            why = sessions.why_ended(request)
            if why is not None:
                audit.record(audit.Kind.TIMED_OUT, user=user, request=request)
                logout(request)
                messages.info(request, f"{why} Sign in again to carry on.")
                return redirect_to_login(request.get_full_path())
            sessions.note_confirmation(request)
        return self.get_response(request)


# What someone who has given their password but not yet their second factor may
# open: the second factor's own pages (a passkey's included), signing out, and
# the accessibility page.
BEFORE_SECOND_FACTOR = {
    "accounts:second_factor",
    "accounts:second_factor_set_up",
    "accounts:logout",
    "accessibility",
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
}


class SecondFactorMiddleware:
    """Nothing but the second factor's pages until this session has given the
    second factor that the account needs (accounts.second_factor.is_due): on
    the site, the admin, exports and every other path alike."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, args, kwargs):
        match = request.resolver_match
        if match is not None and match.view_name in BEFORE_SECOND_FACTOR:
            return None
        if not second_factor.is_due(request):
            return None
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse('accounts:second_factor')}?{query}")
