"""Passkeys (WebAuthn) as a second factor, where the browser offers them:
django-otp-webauthn does the ceremony (py_webauthn checks the signature,
challenge, origin and relying party); these views put it under the same rules
as the authenticator app. A passkey is added from Your account once the
session has given its second factor, and is then offered at sign-in beside
the code. Signing in with a passkey alone (passwordless) is off."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django_otp_webauthn import exceptions
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from accounts import audit, second_factor
from accounts.models import User

PASSKEY = "Passkey"


def relying_party(request: HttpRequest) -> str:
    """The site's own host name: a passkey works only on the address it was
    made on (ALLOWED_HOSTS has already vouched for the host)."""
    host = request.get_host()
    return host if host.endswith("]") else host.rsplit(":", 1)[0]


class Helper(WebAuthnHelper):
    def get_allowed_origins(self) -> list[str]:
        return [f"{self.request.scheme}://{self.request.get_host()}"]


def passkeys_of(user: User) -> list[WebAuthnCredential]:
    return list(WebAuthnCredential.objects.filter(user=user, confirmed=True))


def has_one(user: User) -> bool:
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


class _AfterTheSecondFactor:
    """Adding a passkey needs a session that has given its second factor."""

    request: HttpRequest

    def initial(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            passed = not second_factor.is_due(request)
            request.user.is_verified = lambda: passed
            if not passed or not second_factor.has_one(request.user):
                raise exceptions.NotVerified(
                    detail="Set up an authenticator app and sign in with it first."
                )
        super().initial(request, *args, **kwargs)  # type: ignore[misc]


class RegistrationBegin(_AfterTheSecondFactor, BeginCredentialRegistrationView):
    pass


class RegistrationComplete(_AfterTheSecondFactor, CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            audit.record(
                audit.Kind.SECOND_FACTOR_SET_UP,
                user=self.request.user,  # type: ignore[arg-type]
                request=self.request,
                detail="passkey",
            )
        return response


class _SignedInWithPassword:
    """The passkey is the second step, never the only one."""

    def get_user(self) -> AbstractBaseUser | None:
        user = self.request.user  # type: ignore[attr-defined]
        if not user.is_authenticated:
            raise exceptions.PasswordlessLoginDisabled()
        return user


class AuthenticationBegin(_SignedInWithPassword, BeginCredentialAuthenticationView):
    pass


class AuthenticationComplete(
    _SignedInWithPassword, CompleteCredentialAuthenticationView
):
    def complete_auth(self, device: WebAuthnCredential) -> None:
        if device.user_id != self.request.user.pk:
            raise exceptions.CredentialNotFound()
        second_factor.passed(self.request, self.request.user, PASSKEY)
