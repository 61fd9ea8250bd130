"""The second factor, sessions and the accounts' audit trail, through the pages:
signing in with a password and an authenticator app's code (TOTP), recovery
codes, the admin and every other page refused until the code is given, timeouts,
signing out everywhere and asking for the password again."""

from __future__ import annotations

import re
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccountEvent, Membership
from accounts.roles import Role
from accounts.sessions import CONFIRMED_AT, LAST_SEEN, SIGNED_IN_AT
from tests.factories import ActionFactory, user_in_role

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"
Kind = AccountEvent.Kind


def password_step(client: Client, user, next_url: str = "/dashboard/"):
    return client.post(
        reverse("accounts:login"),
        {"username": user.username, "password": PASSWORD, "next": next_url},
    )


def code_for(device: TOTPDevice, ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + ahead * device.step
    return f"{totp.token():06d}"


def set_up(client: Client, user, next_url: str = "/dashboard/") -> list[str]:
    """Password, then the set-up page's QR code and key, then its code."""
    password_step(client, user, next_url)
    page = client.get(f"{reverse('accounts:second_factor_set_up')}?next={next_url}")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(
        reverse("accounts:second_factor_set_up"),
        {"code": code_for(device), "next": next_url},
    )
    assert done.status_code == 200, done.text
    return re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.text)


@pytest.fixture
def chief():
    return user_in_role(Role.CHIEF_OFFICER, username="chief")


@pytest.fixture
def panel():
    return user_in_role(Role.PANEL_MEMBER, username="member")


def test_a_chief_officer_must_set_up_a_second_factor_before_any_page(client, chief):
    signed_in = password_step(client, chief)
    assert signed_in.status_code == 302
    action = ActionFactory()
    for url in (
        "/dashboard/",
        reverse("admin:index"),
        reverse("admin:actions_action_changelist"),
        "/actions/export.csv",
        action.get_absolute_url(),
        reverse("accounts:account"),
    ):
        refused = client.get(url)
        assert refused.status_code == 302, url
        assert refused["Location"].startswith(reverse("accounts:second_factor")), url
    step = client.get(reverse("accounts:second_factor") + "?next=/dashboard/")
    assert step["Location"].startswith(reverse("accounts:second_factor_set_up"))
    page = client.get(step["Location"])
    assert "Set up a second factor" in page.text
    assert 'aria-label="QR code to scan with your authenticator app"' in page.text
    device = TOTPDevice.objects.get(user=chief, confirmed=False)
    key = re.search(r'<p class="app-key" id="key"><code>([A-Z2-7 ]+)</code>', page.text)
    assert key is not None
    assert "otpauth://" not in page.text  # the key is shown, not sent elsewhere

    wrong = client.post(
        reverse("accounts:second_factor_set_up"), {"code": "12345", "next": "/x/"}
    )
    assert wrong.status_code == 400
    assert "Enter the 6 digits the app shows" in wrong.text
    again = client.post(reverse("accounts:second_factor_set_up"), {"code": "000000"})
    assert again.status_code == 400
    assert "That code is not right" in again.text
    assert key.group(1) in again.text  # the same key: no need to scan again
    assert not TOTPDevice.objects.filter(user=chief, confirmed=True).exists()
    paused = client.post(
        reverse("accounts:second_factor_set_up"), {"code": code_for(device)}
    )
    assert "Too many wrong codes in a row" in paused.text  # within a second
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)

    done = client.post(
        reverse("accounts:second_factor_set_up"),
        {"code": code_for(device), "next": "/dashboard/"},
    )
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.text)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "This is the only time they are shown" in done.text
    assert 'href="/dashboard/"' in done.text
    assert client.get("/dashboard/").status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200
    kinds = list(AccountEvent.objects.filter(user=chief).values_list("kind", flat=True))
    assert Kind.SECOND_FACTOR_SET_UP in kinds and Kind.SIGNED_IN in kinds


def test_signing_in_again_asks_for_the_code_and_refuses_a_wrong_or_used_one(
    client, chief
):
    set_up(client, chief)
    client.post(reverse("accounts:logout"))
    device = TOTPDevice.objects.get(user=chief, confirmed=True)
    password_step(client, chief)
    assert client.get("/dashboard/")["Location"].startswith("/accounts/second-factor/")
    step = client.get(reverse("accounts:second_factor") + "?next=/dashboard/")
    assert "Enter the code from your authenticator app" in step.text
    assert "Dashboard</a>" not in step.text  # the header offers only signing out

    wrong = client.post(reverse("accounts:second_factor"), {"code": "000000"})
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.text
    empty = client.post(reverse("accounts:second_factor"), {"code": ""})
    assert "Enter the code from your authenticator app." in empty.text
    device.refresh_from_db()
    device.throttling_failure_count = 0  # as after the throttle's pause
    device.save()

    code = code_for(device, ahead=1)
    passed = client.post(
        reverse("accounts:second_factor"), {"code": code, "next": "/dashboard/"}
    )
    assert passed.status_code == 302 and passed["Location"] == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200

    other = Client()  # someone who saw the code cannot use it again
    password_step(other, chief)
    replayed = other.post(reverse("accounts:second_factor"), {"code": code})
    assert replayed.status_code == 400
    assert other.get("/dashboard/").status_code == 302
    failed = AccountEvent.objects.filter(user=chief, kind=Kind.SECOND_FACTOR_FAILED)
    assert failed.count() == 2  # the wrong code and the used one


def test_wrong_codes_in_a_row_pause_the_second_factor(client, chief):
    set_up(client, chief)
    client.post(reverse("accounts:logout"))
    password_step(client, chief)
    client.post(reverse("accounts:second_factor"), {"code": "000000"})
    device = TOTPDevice.objects.get(user=chief, confirmed=True)
    paused = client.post(reverse("accounts:second_factor"), {"code": code_for(device)})
    assert paused.status_code == 400
    assert "Too many wrong codes in a row" in paused.text


def test_a_recovery_code_signs_in_once(client, chief):
    codes = set_up(client, chief)
    client.post(reverse("accounts:logout"))
    password_step(client, chief)
    used = client.post(
        reverse("accounts:second_factor"),
        {"code": codes[0].upper(), "next": "/dashboard/"},
        follow=True,
    )
    assert used.status_code == 200
    assert "You used a recovery code; 9 left." in used.text
    event = AccountEvent.objects.get(user=chief, kind=Kind.RECOVERY_CODE_USED)
    assert event.detail == "9 recovery codes left"
    client.post(reverse("accounts:logout"))
    password_step(client, chief)
    again = client.post(reverse("accounts:second_factor"), {"code": codes[0]})
    assert again.status_code == 400


def test_new_recovery_codes_replace_the_old_after_the_password_again(client, chief):
    old = set_up(client, chief)
    session = client.session
    session[CONFIRMED_AT] = time.time() - 46 * 60  # beyond a late form's grace
    session.save()
    asked = client.post(
        reverse("accounts:recovery_codes_renew"),
        HTTP_REFERER="http://testserver/accounts/",
    )
    assert asked["Location"].startswith(reverse("accounts:confirm"))
    wrong = client.post(asked["Location"], {"password": "nope"})
    assert wrong.status_code == 400 and "That is not your password" in wrong.text
    confirmed = client.post(asked["Location"], {"password": PASSWORD})
    assert confirmed["Location"] == "http://testserver/accounts/"
    renewed = client.post(reverse("accounts:recovery_codes_renew"))
    new = re.findall(r"<li><code>([a-z0-9]+)</code></li>", renewed.text)
    assert len(new) == 10 and not set(new) & set(old)
    assert "The codes you had before no longer work" in renewed.text
    account = client.get(reverse("accounts:account"))
    assert "10 recovery codes left" in account.text
    assert "cannot be turned off" in account.text


def test_five_wrong_passwords_when_asked_again_sign_the_person_out(client, chief):
    set_up(client, chief)
    for _ in range(4):
        assert (
            client.post(reverse("accounts:confirm"), {"password": "x"}).status_code
            == 400
        )
    out = client.post(reverse("accounts:confirm"), {"password": "x"}, follow=True)
    assert "signed out after 5 wrong passwords" in out.text
    assert not out.context["user"].is_authenticated


def test_a_panel_member_needs_no_second_factor_but_may_choose_one(client, panel):
    assert password_step(client, panel, "/reports/")["Location"] == "/reports/"
    assert client.get("/reports/").status_code == 200
    account = client.get(reverse("accounts:account"))
    assert "Signing in asks only for your password." in account.text
    set_up(client, panel, "/reports/")
    client.post(reverse("accounts:logout"))
    password_step(client, panel, "/reports/")
    assert client.get("/reports/")["Location"].startswith("/accounts/second-factor/")
    device = TOTPDevice.objects.get(user=panel, confirmed=True)
    client.post(reverse("accounts:second_factor"), {"code": code_for(device, 1)})
    removed = client.post(reverse("accounts:second_factor_remove"), follow=True)
    assert "you are signed out everywhere" in removed.text
    assert not TOTPDevice.objects.filter(user=panel).exists()
    assert password_step(client, panel, "/reports/")["Location"] == "/reports/"
    assert client.get("/reports/").status_code == 200


def test_a_role_that_needs_a_second_factor_cannot_remove_it(client, chief):
    set_up(client, chief)
    refused = client.post(reverse("accounts:second_factor_remove"), follow=True)
    assert "Your role needs a second factor" in refused.text
    assert TOTPDevice.objects.filter(user=chief, confirmed=True).exists()


def test_the_second_factor_can_be_switched_off_by_setting(client, chief, settings):
    settings.SECOND_FACTOR_REQUIRED = False
    password_step(client, chief)
    assert client.get("/dashboard/").status_code == 200


def test_signing_out_everywhere_else_ends_the_other_sessions(chief):
    here, there = Client(), Client()
    set_up(here, chief)
    device = TOTPDevice.objects.get(user=chief, confirmed=True)
    password_step(there, chief)
    there.post(reverse("accounts:second_factor"), {"code": code_for(device, ahead=1)})
    assert there.get("/dashboard/").status_code == 200
    done = here.post(reverse("accounts:sign_out_everywhere_else"), follow=True)
    assert "You are signed out on every other browser and device" in done.text
    assert here.get("/dashboard/").status_code == 200
    assert there.get("/dashboard/")["Location"].startswith(reverse("accounts:login"))
    assert AccountEvent.objects.filter(
        user=chief, kind=Kind.SIGNED_OUT_EVERYWHERE
    ).exists()


@pytest.mark.parametrize(
    ("key", "ago", "message"),
    [
        (LAST_SEEN, 31 * 60, "signed out after 30 minutes without activity"),
        (SIGNED_IN_AT, 12 * 3600 + 60, "sessions last 12 hours at most"),
    ],
)
def test_every_session_ends_when_idle_or_old(client, panel, key, ago, message):
    password_step(client, panel, "/reports/")
    assert client.get("/reports/").status_code == 200
    session = client.session
    session[key] = time.time() - ago
    session.save()
    out = client.get("/reports/", follow=True)
    assert message in out.text
    assert not out.context["user"].is_authenticated
    assert AccountEvent.objects.filter(user=panel, kind=Kind.TIMED_OUT).exists()


def test_sign_ins_failures_and_role_changes_are_in_the_audit_trail(
    client, admin_client, panel
):
    other = Client()
    other.post(reverse("accounts:login"), {"username": "member", "password": "x"})
    other.post(reverse("accounts:login"), {"username": "nobody", "password": "x"})
    failed = AccountEvent.objects.filter(kind=Kind.SIGN_IN_FAILED)
    assert {(e.username, e.user_id) for e in failed} == {
        ("member", panel.pk),
        ("nobody", None),
    }
    membership = Membership.objects.get(user=panel)
    before = AccountEvent.objects.order_by("pk").last().pk
    url = reverse("admin:accounts_user_change", args=[panel.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"password", "groups", "user_permissions"}
    }
    data |= {
        "date_joined_0": panel.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": panel.date_joined.strftime("%H:%M:%S"),
        "is_active": "on",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "1",
        "memberships-0-id": membership.pk,
        "memberships-0-user": panel.pk,
        "memberships-0-organisation": membership.organisation_id,
        "memberships-0-role": Role.STAFF_OFFICER,
    }
    data.pop("last_login", None)
    saved = admin_client.post(url, data)
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    changed = AccountEvent.objects.filter(user=panel, pk__gt=before).order_by("pk")
    roles = [
        (e.kind, e.detail.split(",")[0], e.by) for e in changed if "role" in e.kind
    ]
    superuser = page.context["user"]
    assert roles == [
        (Kind.ROLE_REMOVED, "Panel member", superuser),
        (Kind.ROLE_GRANTED, "Staff officer", superuser),
    ]


def queries_of(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_account_pages_queries_do_not_grow(client, chief):
    set_up(client, chief)
    account = reverse("accounts:account")
    few = queries_of(client, account)
    for _ in range(12):
        client.post(reverse("accounts:sign_out_everywhere_else"))
    assert queries_of(client, account) == few <= 8
    assert queries_of(client, reverse("accounts:confirm")) <= 4
    client.post(reverse("accounts:logout"))
    password_step(client, chief)
    assert queries_of(client, reverse("accounts:second_factor")) <= 5


def test_the_accounts_list_queries_do_not_grow(admin_client):
    url = reverse("admin:accounts_user_changelist")
    user_in_role(Role.STAFF_OFFICER)
    few = queries_of(admin_client, url)
    for _ in range(15):
        TOTPDevice.objects.create(user=user_in_role(Role.CHIEF_OFFICER), confirmed=True)
    assert queries_of(admin_client, url) == few <= 10
