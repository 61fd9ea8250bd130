"""The person's own account: the second factor at sign-in, setting one up,
confirming who they are before a sensitive step, and their sessions."""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from accounts import audit, passkeys, second_factor, sessions, single_sign_on
from accounts.decorators import confirm_first, identity_confirmed, referrer
from accounts.forms import CodeForm, ConfirmPasswordForm, SetUpForm, SignInForm
from accounts.models import AccountEvent, User

CONFIRM_ATTEMPTS = 5  # wrong passwords in a row before the session is ended
CONFIRM_FAILURES = "confirm_failures"


def _next(request: HttpRequest, default: str = "inspections:list") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_step(request: HttpRequest) -> HttpResponse:
    """After the password: the code from the person's app, or a recovery code."""
    user: User = request.user  # type: ignore[assignment]
    if not second_factor.is_due(request):
        return HttpResponseRedirect(_next(request))
    if not second_factor.has_one(user):
        query = urlencode({"next": _next(request)})
        return redirect(f"{reverse('accounts:second_factor_set_up')}?{query}")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        checked = second_factor.check(request, form.cleaned_data["code"])
        if checked.passed:
            if checked.method == second_factor.RECOVERY:
                left = second_factor.recovery_left(user)
                messages.warning(
                    request,
                    f"You used a recovery code; {left} left. If you no longer have "
                    "your authenticator app, set up a new one on Your account.",
                )
            return HttpResponseRedirect(_next(request))
        form.add_error("code", checked.message)
    return render(
        request,
        "accounts/second_factor.html",
        {"form": form, "next": _next(request), "passkeys": passkeys.has_one(user)},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_set_up(request: HttpRequest) -> HttpResponse:
    """Scan the QR code (or type the key), then prove it with a code. Someone
    who has given their second factor this session may replace their app; the
    first time, anyone who needs one is sent here straight after the password."""
    user: User = request.user  # type: ignore[assignment]
    if second_factor.has_one(user) and second_factor.is_due(request):
        return redirect(f"{reverse('accounts:second_factor')}?{_query(request)}")
    if second_factor.has_one(user) and not sessions.recently_confirmed(request):
        return confirm_first(request)
    device = second_factor.pending_app(user)
    form = SetUpForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        done = second_factor.confirm_set_up(request, form.cleaned_data["code"])
        if done.codes is not None:
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": done.codes, "next": _next(request), "first_time": True},
            )
        form.add_error("code", done.message)
    key = b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/second_factor_set_up.html",
        {
            "form": form,
            "qr": format_html(
                '<div class="app-qr" role="img" aria-label="QR code to scan with '
                'your authenticator app">{}</div>',
                _svg(device.config_url),
            ),
            "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
            "next": _next(request),
            "replacing": second_factor.has_one(user),
        },
        status=400 if form.errors else 200,
    )


def _svg(url: str):
    from django.utils.safestring import mark_safe

    # segno writes only its own elements and numbers: nothing of the person's
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, border=2))  # noqa: S308


def _query(request: HttpRequest) -> str:
    return urlencode({"next": _next(request)})


@login_required
@require_http_methods(["GET", "POST"])
def confirm_identity(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = ConfirmPasswordForm(
        request.POST if request.method == "POST" else None, user=user
    )
    if request.method == "POST":
        if form.is_valid():
            request.session.pop(CONFIRM_FAILURES, None)
            sessions.confirmed(request)
            audit.record(audit.Kind.IDENTITY_CONFIRMED, user=user, request=request)
            return HttpResponseRedirect(_next(request, "accounts:account"))
        failures = request.session.get(CONFIRM_FAILURES, 0) + 1
        request.session[CONFIRM_FAILURES] = failures
        audit.record(
            audit.Kind.SIGN_IN_FAILED,
            user=user,
            request=request,
            detail="wrong password when asked again",
        )
        if failures >= CONFIRM_ATTEMPTS:
            logout(request)
            messages.error(
                request,
                f"You were signed out after {CONFIRM_ATTEMPTS} wrong passwords. "
                "Sign in again to carry on.",
            )
            return redirect("accounts:login")
    return render(
        request,
        "accounts/confirm.html",
        {
            "form": form,
            "next": _next(request, "accounts:account"),
            "cancel": referrer(request),
            "reauthenticate_minutes": int(
                settings.REAUTHENTICATE_AFTER.total_seconds() // 60
            ),
            "through_provider": single_sign_on.is_on()
            and not user.has_usable_password(),
            "provider_name": settings.OIDC_PROVIDER_NAME,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def account(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    return render(
        request,
        "accounts/account.html",
        {
            "app": second_factor.app_of(user),
            "passkeys": passkeys.passkeys_of(user),
            "recovery_left": second_factor.recovery_left(user),
            "required": second_factor.required_for(user),
            "passed_with": request.session.get(second_factor.PASSED),
            "events": AccountEvent.objects.filter(user=user).select_related("by")[:10],
        },
    )


@login_required
@require_POST
@identity_confirmed
def recovery_codes_renew(request: HttpRequest) -> HttpResponse:
    if not second_factor.has_one(request.user):  # type: ignore[arg-type]
        messages.error(request, "Set up an authenticator app first.")
        return redirect("accounts:account")
    codes = second_factor.renew_recovery_codes(request)
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": reverse("accounts:account"), "first_time": False},
    )


@login_required
@require_POST
@identity_confirmed
def second_factor_remove(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if second_factor.required_for(user):
        messages.error(
            request,
            "Your role needs a second factor, so it cannot be removed. You can set "
            "up a new authenticator app instead.",
        )
        return redirect("accounts:account")
    if not second_factor.has_one(user):
        messages.info(request, "You have no second factor to turn off.")
        return redirect("accounts:account")
    second_factor.remove(user, request=request)
    logout(request)
    messages.success(
        request,
        "Your authenticator app and recovery codes are removed, and you are signed "
        "out everywhere. Sign in again with your password.",
    )
    return redirect("accounts:login")


@login_required
@require_POST
def sign_out_everywhere_else(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    sessions.end_everywhere_else(request, user)
    audit.record(audit.Kind.SIGNED_OUT_EVERYWHERE, user=user, request=request)
    messages.success(
        request,
        "You are signed out on every other browser and device. This one stays "
        "signed in.",
    )
    return redirect("accounts:account")


@require_safe
def sso_start(request: HttpRequest) -> HttpResponse:
    """To the organisation's sign-in service; `again=1` to confirm it is them
    before a sensitive step."""
    if not single_sign_on.is_on():
        raise Http404("Single sign-on is not set up here.")
    again = request.GET.get("again") == "1" and request.user.is_authenticated
    request.session[SSO_NEXT] = _next(request)
    callback = request.build_absolute_uri(reverse("accounts:sso_callback"))
    try:
        return single_sign_on.start(request, callback, again=again)
    except single_sign_on.Refused as refusal:
        messages.error(request, str(refusal))
        return redirect("accounts:login")


SSO_NEXT = "sso_next"


@require_safe
def sso_callback(request: HttpRequest) -> HttpResponse:
    """Back from the sign-in service: verified, then signed in as the account
    that identity is (made on the first sign-in)."""
    if not single_sign_on.is_on():
        raise Http404("Single sign-on is not set up here.")
    target = request.session.pop(SSO_NEXT, None) or reverse("inspections:list")
    try:
        verified = single_sign_on.finish(request)
        single_sign_on.check_second_factor(verified.claims)
        user = single_sign_on.account_for(verified)
        if verified.again:
            if request.user != user:
                raise single_sign_on.Refused(
                    "You signed in again as someone else. Sign out, then sign in "
                    "as yourself."
                )
            sessions.confirmed(request)
            audit.record(audit.Kind.IDENTITY_CONFIRMED, user=user, request=request)
            return HttpResponseRedirect(target)
    except single_sign_on.Refused as refusal:
        single_sign_on.refused(request, str(refusal))
        messages.error(request, str(refusal))
        return redirect("accounts:login")
    request.sign_in_detail = f"through {settings.OIDC_PROVIDER_NAME}"  # type: ignore[attr-defined]
    login(request, user, backend="accounts.backends.CachedModelBackend")
    single_sign_on.signed_in(request, user)
    return HttpResponseRedirect(target)


class SignInView(auth_views.LoginView):
    """Username and password (unless LOCAL_SIGN_IN is off), and the
    organisation's sign-in service where one is set up."""

    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "local_sign_in": settings.LOCAL_SIGN_IN,
            "single_sign_on": single_sign_on.is_on(),
            "provider_name": settings.OIDC_PROVIDER_NAME,
        }


@login_required
@require_POST
@identity_confirmed
def passkey_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    removed, _ = passkeys.WebAuthnCredential.objects.filter(pk=pk, user=user).delete()
    if not removed:
        raise Http404("No such passkey of yours.")
    audit.record(
        audit.Kind.SECOND_FACTOR_REMOVED, user=user, request=request, detail="passkey"
    )
    messages.success(request, "The passkey is removed.")
    return redirect("accounts:account")
