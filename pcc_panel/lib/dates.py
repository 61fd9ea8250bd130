from __future__ import annotations

import datetime

from django.utils import timezone


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The last moment of a day in local time: "as at" a meeting's date."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
