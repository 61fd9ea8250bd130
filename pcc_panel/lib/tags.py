"""Coloured tags for grades, statuses and RAG, shared by the site and the admin.

The label always carries the meaning; colour only repeats it.
"""

from __future__ import annotations

from functools import cache

from django.db import models
from django.utils.html import format_html
from django.utils.safestring import SafeString


@cache  # a few dozen tags in all, drawn on every row of most lists
def tag(choices: type[models.TextChoices], value: str, empty: str = "") -> SafeString:
    if not value:
        return format_html('<strong class="app-tag app-tag--none">{}</strong>', empty)
    kind = choices.__name__.lower()
    return format_html(
        '<strong class="app-tag app-tag--{}-{}">{}</strong>',
        kind,
        value,
        choices(value).label,
    )
