from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm


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
