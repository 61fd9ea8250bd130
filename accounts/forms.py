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
        if not settings.LOCAL_SIGN_IN:
            raise forms.ValidationError(
                "Sign in with your organisation's account: usernames and "
                "passwords are switched off here.",
                code="local_off",
            )
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


class CodeForm(forms.Form):
    """The code from an authenticator app, or a recovery code."""

    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6-digit code your authenticator app shows now, or one of "
        "your recovery codes.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autocapitalize": "none",
                "spellcheck": "false",
                "class": "app-input--code",
            }
        ),
        error_messages={"required": "Enter the code from your authenticator app."},
    )


class SetUpForm(forms.Form):
    code = forms.CharField(
        label="Code from the app",
        max_length=10,
        help_text="Once the app shows PCC Panel, enter the 6-digit code it gives.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "app-input--code",
            }
        ),
        error_messages={"required": "Enter the 6-digit code from the app."},
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(
                "Enter the 6 digits the app shows, like 123456."
            )
        return code


class ConfirmPasswordForm(forms.Form):
    """Asked again before a sensitive step."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password."},
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password. Try again.")
        return password
