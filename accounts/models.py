from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser
from django.db import models

if TYPE_CHECKING:
    from accounts.roles import Role


class User(AbstractUser):
    _role: Role | None  # cached by accounts.access.role_of, not a field

    job_title = models.CharField(
        max_length=150, blank=True, help_text="e.g. Deputy Chief Constable"
    )

    class Meta(AbstractUser.Meta):
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
