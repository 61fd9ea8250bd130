"""Sign-ins, failed sign-ins, lockouts and sign-outs go to the accounts' audit
trail and the security log (connected in pcc_panel.signals); so do roles
granted and removed."""

from __future__ import annotations

from django.contrib import messages
from simple_history.models import HistoricalRecords

from accounts import audit, second_factor, sessions
from accounts.models import Membership, User
from accounts.throttle import note_failure

Kind = audit.Kind


def log_sign_in(sender, request, user, **kwargs) -> None:
    sessions.begin(request, user)
    second_factor.note_sign_in(request, user)
    detail = getattr(request, "sign_in_detail", "")
    audit.record(Kind.SIGNED_IN, user=user, request=request, detail=detail)


def log_failed_sign_in(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username") or "")
    user = User.objects.filter(username=username).first() if username else None
    audit.record(Kind.SIGN_IN_FAILED, user=user, username=username, request=request)
    note_failure(request)


def log_lockout(sender, request, username, ip_address, **kwargs) -> None:
    user = User.objects.filter(username=username).first() if username else None
    audit.record(
        Kind.LOCKED_OUT,
        user=user,
        username=username or "",
        request=request,
        detail=f"address {ip_address}",
    )


def say_signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit.record(Kind.SIGNED_OUT, user=user, request=request)
        messages.success(request, "You have signed out.", fail_silently=True)


def _changed_by() -> User | None:
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def note_role_before(sender, instance: Membership, **kwargs) -> None:
    was = Membership.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._was = was  # type: ignore[attr-defined]


def log_role_granted(sender, instance: Membership, created: bool, **kwargs) -> None:
    was: Membership | None = getattr(instance, "_was", None)
    if was is not None and (was.role, was.organisation_id) == (
        instance.role,
        instance.organisation_id,
    ):
        return
    by = _changed_by()
    if was is not None:
        audit.record(Kind.ROLE_REMOVED, user=instance.user, by=by, detail=_role(was))
    audit.record(Kind.ROLE_GRANTED, user=instance.user, by=by, detail=_role(instance))


def log_role_removed(sender, instance: Membership, origin=None, **kwargs) -> None:
    """When the person themselves is deleted, the trail keeps their name."""
    gone = isinstance(origin, User)
    audit.record(
        Kind.ROLE_REMOVED,
        user=None if gone else instance.user,
        username=instance.user.get_username(),
        by=_changed_by(),
        detail=_role(instance),
    )


def _role(membership: Membership) -> str:
    return f"{membership.get_role_display()}, {membership.organisation}"
