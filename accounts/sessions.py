"""How long a session lasts, and when the person must show again who they are:
every session ends after SESSION_IDLE_TIMEOUT without a request and after
SESSION_ABSOLUTE_LIFETIME whatever its use; a sensitive step (signing off,
publishing, changing someone's roles) asks for the password again when it was
last given more than REAUTHENTICATE_AFTER ago. Times are kept in the session."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.db.models import F
from django.http import HttpRequest

from accounts.models import User

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN = "last_seen"
CONFIRMED_AT = "confirmed_at"  # the password (or the identity provider) last given
WRITE_EVERY = 60  # seconds: note activity at most once a minute


def begin(request: HttpRequest | None, user: User) -> None:
    """A new session, just signed in (Django has cycled its key)."""
    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now
    request.session[CONFIRMED_AT] = now


def why_ended(request: HttpRequest, now: float | None = None) -> str | None:
    """Why this signed-in session has ended, if it has; else note the request."""
    now = time.time() if now is None else now
    session = request.session
    signed_in_at = session.setdefault(SIGNED_IN_AT, now)
    last_seen = session.get(LAST_SEEN)
    idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
    if now - signed_in_at > settings.SESSION_ABSOLUTE_LIFETIME.total_seconds():
        hours = settings.SESSION_ABSOLUTE_LIFETIME.total_seconds() / 3600
        return f"You were signed out because sessions last {hours:g} hours at most."
    if last_seen is not None and now - last_seen > idle:
        return f"You were signed out after {idle // 60:.0f} minutes without activity."
    if last_seen is None or now - last_seen > WRITE_EVERY:
        session[LAST_SEEN] = now
    return None


def recently_confirmed(request: HttpRequest, *, posted: bool = False) -> bool:
    """Within REAUTHENTICATE_AFTER; for a form posted from a page opened within
    it, SESSION_IDLE_TIMEOUT more (any longer idle and the session has ended)."""
    window = settings.REAUTHENTICATE_AFTER
    if posted:
        window += settings.SESSION_IDLE_TIMEOUT
    confirmed_at = request.session.get(CONFIRMED_AT, 0)
    return time.time() - confirmed_at <= window.total_seconds()


def confirmed(request: HttpRequest) -> None:
    request.session[CONFIRMED_AT] = time.time()
    request.user.identity_confirmed = True  # type: ignore[union-attr]


def note_confirmation(request: HttpRequest) -> None:
    """Whether this request's person has shown who they are recently enough
    for a sensitive step, kept on the user for the rules that ask
    (`identity_confirmed`), as django-otp keeps `is_verified` there: the
    state machine refuses a sign-off without it, by whichever path it comes."""
    posted = request.method == "POST"
    request.user.identity_confirmed = recently_confirmed(  # type: ignore[union-attr]
        request, posted=posted
    )


def identity_confirmed(user: object) -> bool:
    """Whether `note_confirmation` found this person's identity confirmed for
    the request they are making. False outside a request (a command, a shell):
    a sign-off is a person's act on the site or in the admin."""
    return getattr(user, "identity_confirmed", False) is True


def end_everywhere_else(request: HttpRequest, user: User) -> None:
    """Every other session of the person's ends at its next request (its hash
    no longer matches); this one goes on, under its new hash."""
    User.objects.filter(pk=user.pk).update(
        sessions_generation=F("sessions_generation") + 1
    )
    user.refresh_from_db(fields=["sessions_generation"])
    update_session_auth_hash(request, user)


def end_all(user: User) -> None:
    """Every session of the person's ends (deactivated, or second factor reset)."""
    User.objects.filter(pk=user.pk).update(
        sessions_generation=F("sessions_generation") + 1
    )
