import logging

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm

from accounts.throttle import address_of, address_paused

logger = logging.getLogger("pcc_panel.security")


class SignInForm(AuthenticationForm):
    """Says, before it happens, that repeated failures pause signing in."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        self.error_messages = {
            **self.error_messages,
            "invalid_login": "Enter a correct username and password. After "
            f"{settings.AXES_FAILURE_LIMIT} wrong attempts, signing in is paused "
            f"for {minutes} minutes.",
        }

    def clean(self):
        if address_paused(self.request):
            minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
            logger.warning(
                "sign-in refused: too many failures from %s", address_of(self.request)
            )
            raise forms.ValidationError(
                "There have been too many wrong attempts to sign in from your "
                f"network address, so signing in from it is paused for {minutes} "
                "minutes. Wait, then try again.",
                code="address_paused",
            )
        return super().clean()
