"""Every signal the project listens to, connected in one place."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)

from accounts import signals as accounts


def connect() -> None:
    user_logged_in.connect(accounts.log_sign_in, dispatch_uid="log-sign-in")
    user_login_failed.connect(
        accounts.log_failed_sign_in, dispatch_uid="log-failed-sign-in"
    )
    user_locked_out.connect(accounts.log_lockout, dispatch_uid="log-lockout")
    user_logged_out.connect(accounts.say_signed_out, dispatch_uid="say-signed-out")
