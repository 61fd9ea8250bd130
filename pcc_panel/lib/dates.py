from __future__ import annotations

import datetime

from django.utils import timezone


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The last moment of a day in local time: "as at" a meeting's date."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def how_long(days: int) -> str:
    """A span as people say it: "12 days", "3 months", "9 years"."""

    def counted(n: int, unit: str) -> str:
        return f"{n} {unit}{'' if n == 1 else 's'}"

    if days < 60:
        return counted(days, "day")
    if days < 730:
        return counted(days // 30, "month")
    return counted(days // 365, "year")
