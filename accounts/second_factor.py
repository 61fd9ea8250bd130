"""The second factor: who must give one (`required_for`), whether this session
has given it (`is_due`), and setting up, checking and removing a person's
authenticator app and recovery codes. django-otp keeps the devices and checks
the codes (TOTP, RFC 6238, with its throttling); nothing here does the maths."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp import device_classes, devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import audit, sessions
from accounts.models import User

PASSED = "second_factor"  # session: how the second factor was given
HAS_ONE = "has_second_factor"  # session: the person had one at sign-in
RECOVERY_CODES = 10
APP = "Authenticator app"
RECOVERY = "Recovery codes"
SENSITIVE = "inspections.view_sensitive"
Kind = audit.Kind


# Rights that change nothing anyone else wrote or relies on: a panel member's
# question to the Commissioner is their own words, read by their panel and
# published with its answer. Holding it alone asks for no second factor.
ONLY_ASKS = frozenset({"questions.add_panelquestion"})


def required_for(user: User) -> bool:
    """Everyone whose roles may read OFFICIAL-SENSITIVE material or change
    anything: the admin's users, and any role with more than view rights."""
    if not settings.SECOND_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return any(
        name == SENSITIVE
        or not (name.partition(".")[2].startswith("view_") or name in ONLY_ASKS)
        for name in user.get_all_permissions()
    )


def is_due(request: HttpRequest) -> bool:
    """Signed in, but the second factor this account needs is not given yet."""
    user = request.user
    if not user.is_authenticated or request.session.get(PASSED):
        return False
    return bool(request.session.get(HAS_ONE)) or required_for(user)


def note_sign_in(request: HttpRequest | None, user: User) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[HAS_ONE] = has_one(user)


def has_one(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def app_of(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def pending_app(user: User) -> TOTPDevice:
    """The authenticator being set up: its key stays the same across attempts,
    so a mistyped code does not mean scanning a new QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP, confirmed=False)


@dataclass
class Checked:
    passed: bool
    method: str = ""
    message: str = ""


def check(request: HttpRequest, code: str) -> Checked:
    """The code from the person's app, or one of their recovery codes (each
    works once). Wrong codes slow further attempts (django-otp's throttling)."""
    user: User = request.user  # type: ignore[assignment]
    code = "".join(code.split()).lower()
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            allowed, _ = device.verify_is_allowed()
            if not allowed:
                audit.record(Kind.SECOND_FACTOR_FAILED, user=user, request=request)
                return Checked(False, message=PAUSED)
            if device.verify_token(code):
                method = RECOVERY if isinstance(device, StaticDevice) else APP
                passed(request, user, method)
                return Checked(True, method=method)
    audit.record(Kind.SECOND_FACTOR_FAILED, user=user, request=request)
    return Checked(
        False,
        message="That code is not right. Enter the 6-digit code your authenticator "
        "app shows now, or one of your recovery codes.",
    )


def passed(request: HttpRequest, user: User, method: str) -> None:
    """This session has given its second factor, by `method`."""
    request.session[PASSED] = method
    request.session[HAS_ONE] = True
    request.session.cycle_key()
    sessions.confirmed(request)
    if method == RECOVERY:
        left = recovery_left(user)
        audit.record(
            Kind.RECOVERY_CODE_USED,
            user=user,
            request=request,
            detail=f"{left} recovery code{'s' if left != 1 else ''} left",
        )
    else:
        detail = "" if method == APP else method.lower()
        audit.record(
            Kind.SECOND_FACTOR_PASSED, user=user, request=request, detail=detail
        )


@dataclass
class SetUp:
    codes: list[str] | None = None  # the recovery codes, shown to the person once
    message: str = ""


NOT_RIGHT = (
    "That code is not right. Check the app shows PCC Panel, and enter the code it "
    "shows now (each lasts 30 seconds)."
)
PAUSED = "Too many wrong codes in a row. Wait a minute, then try again with a new code."


def confirm_set_up(request: HttpRequest, code: str) -> SetUp:
    """Turn the pending authenticator on if the code is right."""
    user: User = request.user  # type: ignore[assignment]
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .first()
        )
        if device is None:
            return SetUp(message="Start again: the set-up page has a new key.")
        if not device.verify_is_allowed()[0]:
            return SetUp(message=PAUSED)
        if not device.verify_token("".join(code.split())):
            return SetUp(message=NOT_RIGHT)
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        passed(request, user, APP)
        audit.record(Kind.SECOND_FACTOR_SET_UP, user=user, request=request)
    sessions.end_everywhere_else(request, user)
    return SetUp(codes=codes)


def renew_recovery_codes(request: HttpRequest) -> list[str]:
    user: User = request.user  # type: ignore[assignment]
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        audit.record(Kind.RECOVERY_CODES_RENEWED, user=user, request=request)
    return codes


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return codes


def remove(user: User, *, request: HttpRequest, by: User | None = None) -> None:
    """The person's authenticator, passkeys and recovery codes go, and every
    session of theirs ends: they set a new one up at their next sign-in if
    they must."""
    with transaction.atomic():
        for model in device_classes():
            model.objects.filter(user=user).delete()
        sessions.end_all(user)
        audit.record(Kind.SECOND_FACTOR_REMOVED, user=user, request=request, by=by)
