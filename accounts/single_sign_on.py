"""Signing in through the organisation's OpenID Connect provider (Microsoft
Entra ID, or any other). Authlib does the protocol: the discovery document
(read once per process and kept), the authorisation code flow with PKCE (S256),
`state` and `nonce` kept in the session and checked, and the ID token's
signature (the provider's published keys), issuer, audience, expiry and nonce
verified. What is ours: which account a verified identity is, the roles its
groups grant (OIDC_ROLE_MAP), and refusing a sign-in without a second factor
at the provider where OIDC_REQUIRE_MFA asks for one."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from functools import cache
from typing import Any

from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from joserfc.errors import JoseError
from requests import RequestException

from accounts import audit, second_factor
from accounts.models import ExternalIdentity, Membership, Organisation, User
from accounts.roles import Role

PROVIDER = "identity provider"  # the second factor, as the session records it
MFA_METHODS = {"mfa"}  # what Entra ID puts in `amr` after a second factor
REAUTHENTICATING = "sso_reauthenticate"
Kind = audit.Kind


class Refused(Exception):
    """A sign-in that did not go through: the message is for the person."""


def is_on() -> bool:
    return bool(settings.OIDC_ISSUER)


@cache
def _client(issuer: str, client_id: str, secret: str):
    registry = OAuth()
    return registry.register(
        name="provider",
        client_id=client_id,
        client_secret=secret,
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={
            "scope": "openid profile email",
            "code_challenge_method": "S256",
        },
    )


def client():
    """One per configuration, so its discovery document and keys are read
    once per process (Authlib keeps them on the client)."""
    return _client(
        settings.OIDC_ISSUER, settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET
    )


def start(request: HttpRequest, redirect_uri: str, *, again: bool = False):
    """To the provider. `again`: the person must sign in there afresh, to
    confirm it is them before a sensitive step (prompt=login, max_age=0)."""
    request.session[REAUTHENTICATING] = again
    extra: dict[str, Any] = {"prompt": "login", "max_age": 0} if again else {}
    try:
        return client().authorize_redirect(request, redirect_uri, **extra)
    except (OAuthError, RequestException, ValueError) as error:
        raise Refused(UNREACHABLE) from error


UNREACHABLE = (
    "The sign-in service could not be reached. Try again in a few minutes, or "
    "sign in with your username and password if you have one."
)


@dataclass
class Verified:
    issuer: str
    claims: dict[str, Any]
    again: bool


def finish(request: HttpRequest) -> Verified:
    """The provider's answer, verified; Refused if anything is wrong."""
    state = request.GET.get("state", "")
    if request.GET.get("error"):
        said = request.GET.get("error_description", "")[:200]
        raise Refused(
            "Your organisation's sign-in service did not sign you in"
            + (f": {said}" if said else ".")
        )
    if not state or f"_state_provider_{state}" not in request.session:
        raise Refused(
            "That sign-in had expired or was started in another browser. Start "
            "again from the sign-in page."
        )
    try:
        token = client().authorize_access_token(request)
    except (OAuthError, JoseError, ValueError) as error:
        raise Refused(NOT_VERIFIED) from error
    except RequestException as error:
        raise Refused(UNREACHABLE) from error
    claims = token.get("userinfo")
    if not claims or not claims.get("sub"):
        raise Refused(NOT_VERIFIED)
    again = bool(request.session.pop(REAUTHENTICATING, False))
    if again and time.time() - float(claims.get("auth_time") or 0) > 300:
        raise Refused(
            "Your organisation's sign-in service did not ask for your password "
            "again, so this step cannot go ahead. Try again."
        )
    issuer = client().load_server_metadata()["issuer"]
    return Verified(issuer=issuer, claims=dict(claims), again=again)


NOT_VERIFIED = (
    "The answer from your organisation's sign-in service could not be verified, "
    "so you are not signed in. Try again; if it happens again, tell whoever looks "
    "after PCC Panel."
)


def check_second_factor(claims: dict[str, Any]) -> None:
    methods = set(claims.get("amr") or [])
    if settings.OIDC_REQUIRE_MFA and not methods & MFA_METHODS:
        raise Refused(
            "Your organisation's sign-in did not include a second factor (such "
            "as the Authenticator app), which PCC Panel needs. Sign out of your "
            "organisation's account and sign in again with it, or ask your IT "
            "service desk to turn on multi-factor authentication for you."
        )


def account_for(verified: Verified) -> User:
    """The account of this identity: found by issuer and subject, or made on
    the first sign-in, with no role unless its groups grant one, never an
    administrator. Its mapped roles follow the groups at every sign-in."""
    claims = verified.claims
    with transaction.atomic():
        identity = (
            ExternalIdentity.objects.select_related("user")
            .filter(issuer=verified.issuer, subject=str(claims["sub"]))
            .first()
        )
        if identity is None:
            user = _new_account(claims)
            ExternalIdentity.objects.create(
                user=user, issuer=verified.issuer, subject=str(claims["sub"])
            )
        else:
            user = identity.user
            if not user.is_active:
                raise Refused(
                    "Your PCC Panel account is switched off. Ask whoever looks "
                    "after accounts in your organisation."
                )
            _names(user, claims)
        _roles(user, claims)
    return user


def _new_account(claims: dict[str, Any]) -> User:
    base = _username_from(claims)
    for n in range(100):
        name = base if n == 0 else f"{base}-{n + 1}"
        if not User.objects.filter(username=name).exists():
            try:
                with transaction.atomic():
                    user = User(username=name, is_staff=False, is_superuser=False)
                    user.set_unusable_password()
                    _names(user, claims, save=False)
                    user.save()
                    return user
            except IntegrityError:
                continue
    raise Refused(NOT_VERIFIED)


def _username_from(claims: dict[str, Any]) -> str:
    """The provider's name for the person (a UPN such as jo.bloggs@force.police.uk).
    An account with that username made here is never taken over: the new one
    gets a number after it."""
    raw = str(claims.get("preferred_username") or claims.get("email") or claims["sub"])
    return re.sub(r"[^\w.@+-]", "", raw)[:140] or "sso-user"


def _names(user: User, claims: dict[str, Any], save: bool = True) -> None:
    user.first_name = str(claims.get("given_name") or user.first_name)[:150]
    user.last_name = str(claims.get("family_name") or user.last_name)[:150]
    if not (user.first_name or user.last_name) and claims.get("name"):
        user.first_name = str(claims["name"])[:150]
    user.email = str(claims.get("email") or user.email)[:254]
    if save:
        user.save(update_fields=["first_name", "last_name", "email"])


def granted_roles(claims: dict[str, Any]) -> set[tuple[str, str]]:
    """(role, organisation name) for each configured group or app role the
    person has."""
    values = claims.get(settings.OIDC_ROLES_CLAIM) or []
    if isinstance(values, str):
        values = [values]
    held = {str(v) for v in values}
    return {
        (role, organisation)
        for claim, role, organisation in settings.OIDC_ROLE_MAP
        if claim in held
    }


def _roles(user: User, claims: dict[str, Any]) -> None:
    wanted = granted_roles(claims)
    organisations = {
        o.name: o
        for o in Organisation.objects.filter(name__in={name for _, name in wanted})
    }
    missing = sorted(name for _, name in wanted if name not in organisations)
    if missing:
        audit.record(
            Kind.SIGN_IN_FAILED,
            user=user,
            detail="OIDC_ROLE_MAP names no such organisation: " + ", ".join(missing),
        )
    keep = {
        (role, organisations[name].pk) for role, name in wanted if name in organisations
    }
    mapped = Membership.objects.filter(user=user, from_identity_provider=True)
    for membership in mapped:
        if (membership.role, membership.organisation_id) not in keep:
            membership.delete()
    held = set(
        Membership.objects.filter(user=user).values_list("role", "organisation_id")
    )
    for role, organisation_id in sorted(keep - held):
        Membership.objects.create(
            user=user,
            role=role,
            organisation_id=organisation_id,
            from_identity_provider=True,
        )
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    uses_admin = any(Role(role).uses_admin for role in roles)
    if user.is_staff != uses_admin and not user.is_superuser:
        user.is_staff = uses_admin
        user.save(update_fields=["is_staff"])


def signed_in(request: HttpRequest, user: User) -> None:
    """The provider vouched for the second factor (or none is asked of it)."""
    request.session[second_factor.PASSED] = PROVIDER
    request.session[second_factor.HAS_ONE] = True


def refused(request: HttpRequest, message: str, username: str = "") -> None:
    audit.record(
        Kind.SIGN_IN_FAILED,
        username=username,
        request=request,
        detail=("single sign-on: " + message)[:300],
    )
