from __future__ import annotations

from django.conf import settings
from django.db import models


class CalendarLink(models.Model):
    """A person's private calendar address. Only a hash of its secret is kept:
    the address is shown once, when it is made, and a new one replaces it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_link"
    )
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    made_at = models.DateTimeField(auto_now_add=True)
    last_read_at = models.DateTimeField(null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return f"Calendar link of {self.user}"
