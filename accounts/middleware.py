from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

LAST_SEEN = "last_seen"
WRITE_EVERY = 60  # seconds: note activity at most once a minute


class IdleTimeoutMiddleware:
    """Sign out people who use the admin after ADMIN_IDLE_TIMEOUT without a
    request. The session cookie itself still ends when the browser closes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.is_staff:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN)
            limit = settings.ADMIN_IDLE_TIMEOUT.total_seconds()
            if last_seen is not None and now - last_seen > limit:
                logout(request)
                minutes = int(limit // 60)
                messages.info(
                    request,
                    f"You were signed out after {minutes} minutes without "
                    "activity. Sign in again to carry on.",
                )
                return redirect_to_login(request.get_full_path())
            if last_seen is None or now - last_seen > WRITE_EVERY:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
