"""Hardening: deploy checks, sign-in throttling and logging, sessions, CSRF,
security headers and error pages."""

import logging
import os
import secrets
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from accounts.models import Membership
from accounts.roles import Role
from accounts.sessions import LAST_SEEN
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    InspectionFactory,
    UserFactory,
    area_for_tests,
)

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def production_env() -> dict[str, str]:
    """This process's environment as production would have it: the test
    settings' relaxations removed, a real secret key, DEBUG off."""
    relaxed = {
        "DEBUG",
        "SECRET_KEY",
        "SECURE_COOKIES",
        "SECURE_SSL_REDIRECT",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    env = {k: v for k, v in os.environ.items() if k not in relaxed}
    return env | {
        "DJANGO_SETTINGS_MODULE": "pcc_panel.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "panel.example.org",
        "SITE_URL": "https://panel.example.org",
    }


def test_deploy_checks_pass_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues (1 silenced)" in result.stdout


def test_the_one_silenced_check_is_hsts_preload():
    """And, on plain http only (the tests, make run's demo), the passkey
    library's wish for an https origin."""
    assert settings.SITE_URL.startswith("http://")
    assert settings.SILENCED_SYSTEM_CHECKS == ["security.W021", "otp_webauthn.E030"]


def attempt(client, username, password):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}
    )


def test_five_failed_sign_ins_lock_the_username_out_with_a_message(client, caplog):
    UserFactory(username="sam")
    caplog.set_level(logging.INFO, logger="pcc_panel.security")
    for _ in range(4):
        response = attempt(client, "sam", "wrong")
        assert "After 5 wrong attempts" in response.text
    response = attempt(client, "sam", "wrong")
    assert response.status_code == 429
    assert "Signing in is paused" in response.text
    assert "15 minutes" in response.text
    # Even the right password is refused until the pause ends.
    assert attempt(client, "sam", PASSWORD).status_code == 429
    assert "locked out: sam from 127.0.0.1" in caplog.text
    assert caplog.text.count("failed sign-in: sam") >= 5


def test_sign_in_is_logged_and_lands_where_asked(client, caplog):
    UserFactory(username="sam")
    caplog.set_level(logging.INFO, logger="pcc_panel.security")
    response = client.post(
        reverse("accounts:login"),
        {"username": "sam", "password": PASSWORD, "next": "/accessibility/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accessibility/"
    assert "sign-in: sam from 127.0.0.1" in caplog.text


def test_sign_out_ends_the_session_for_good(client, staff_officer):
    sign_in(client, staff_officer)
    stolen = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = client.post(reverse("accounts:logout"), follow=True)
    assert "You have signed out." in response.text
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = stolen
    assert replay.get(reverse("admin:index")).status_code == 302


def test_session_cookie_ends_with_the_browser_and_is_locked_down(client):
    UserFactory(username="sam")
    response = attempt(client, "sam", PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_admin_users_are_signed_out_after_30_idle_minutes(client, staff_officer):
    sign_in(client, staff_officer)
    session = client.session
    session[LAST_SEEN] = time.time() - 31 * 60
    session.save()
    response = client.get(reverse("admin:index"), follow=True)
    assert "signed out after 30 minutes without activity" in response.text
    assert not response.context["user"].is_authenticated


def test_active_admin_users_stay_signed_in(client, staff_officer):
    sign_in(client, staff_officer)
    session = client.session
    session[LAST_SEEN] = time.time() - 29 * 60
    session.save()
    assert client.get(reverse("admin:index")).status_code == 200


def test_state_changing_requests_need_a_csrf_token(staff_officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_officer)
    action = ActionFactory(owner=staff_officer)
    for url in (
        reverse("accounts:logout"),
        reverse("accounts:password_change"),
        reverse("admin:actions_action_change", args=[action.pk]),
        reverse("admin:actions_progressupdate_add"),
    ):
        response = client.post(url, {})
        assert response.status_code == 403, url
        assert "The form had expired" in response.text


def test_responses_carry_the_security_headers(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_admin_may_style_inline_but_never_script_inline(admin_client):
    header = admin_client.get(reverse("admin:index"))["Content-Security-Policy"]
    policy = dict(part.strip().split(" ", 1) for part in header.split(";"))
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["script-src"] == "'self'"


def test_production_settings_ask_for_https_everywhere():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=production_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.split() == ["True", "31536000", "True", "True", "True"]


def test_pages_refused_or_missing_are_plain_and_in_the_site_layout(
    client, staff_officer
):
    sign_in(client, staff_officer)
    missing = client.get("/inspections/999999/")
    assert missing.status_code == 404
    assert "Page not found" in missing.text and "Skip to main content" in missing.text
    refused = client.get(reverse("admin:inspections_inspection_add"))
    assert refused.status_code == 403
    assert "You cannot do that" in refused.text
    assert "Skip to main content" in refused.text


def test_a_server_error_shows_an_apology_not_a_traceback():
    request = RequestFactory().get("/")
    response = server_error(request)
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body
    assert "Traceback" not in body


def test_password_validators_refuse_a_weak_password(client, staff_officer):
    sign_in(client, staff_officer)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "password1",
            "new_password2": "password1",
        },
    )
    assert response.status_code == 200
    assert "This password is too short" in response.text
    assert "This password is too common" in response.text


def test_published_inspection_needs_no_sign_in(client):
    inspection = InspectionFactory()
    assert client.get(inspection.get_absolute_url()).status_code == 200


def test_cached_permissions_follow_a_change_of_role(
    client, panel_member, django_capture_on_commit_callbacks
):
    sign_in(client, panel_member)
    assert client.get("/dashboard/").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        office, _ = area_for_tests()
        Membership.objects.create(
            user=panel_member, organisation=office, role=Role.CHIEF_OFFICER
        )
    assert client.get("/dashboard/").status_code == 200
    assert "Chief officer" in client.get("/").text  # the role shown in the menu
