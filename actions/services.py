from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from actions.models import Action, ProgressUpdate
from inspections.choices import Marking


@transaction.atomic
def progress_update_record(
    *,
    action: Action,
    author: AbstractBaseUser,
    narrative: str,
    status: str,
    rag: str,
    percent_complete: int,
    date: datetime.date | None = None,
    marking: str = Marking.OFFICIAL,
) -> ProgressUpdate:
    """Record an owner's update; the action takes its status, RAG and percent
    unless a later-dated update already exists."""
    action.check_progress(user=author, status=status)
    update = ProgressUpdate(
        action=action,
        author=author,
        narrative=narrative,
        status=status,
        rag=rag,
        percent_complete=percent_complete,
        date=date or timezone.localdate(),
        marking=marking,
    )
    update.full_clean()
    update.save()
    is_latest = not action.updates.filter(date__gt=update.date).exists()
    if is_latest:
        action.status, action.rag = update.status, update.rag
        action.percent_complete = update.percent_complete
        action.save(update_fields=["status", "rag", "percent_complete", "updated_at"])
    return update
