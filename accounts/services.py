"""Changes to someone's account made by whoever looks after accounts: each
ends the person's sessions where it should, and goes in the audit trail."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from accounts import audit, second_factor, sessions
from accounts.models import User


def deactivate(user: User, *, by: User, request: HttpRequest | None = None) -> bool:
    """The account can no longer sign in, and its sessions end; nothing of it
    is deleted, so its history still names it. False if it already was."""
    with transaction.atomic():
        changed = User.objects.filter(pk=user.pk, is_active=True).update(
            is_active=False
        )
        if changed:
            sessions.end_all(user)
            audit.record(audit.Kind.DEACTIVATED, user=user, by=by, request=request)
    user.is_active = False
    return bool(changed)


def reset_second_factor(user: User, *, by: User, request: HttpRequest) -> bool:
    """For a lost phone with no recovery codes left: the person sets a new app up
    at their next sign-in. False if they had none."""
    if not second_factor.has_one(user) and not second_factor.recovery_left(user):
        return False
    second_factor.remove(user, request=request, by=by)
    return True
