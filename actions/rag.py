"""RAG by rule, which the owner's own RAG is shown beside when they differ."""

from __future__ import annotations

import datetime

from django.conf import settings

from actions.choices import RAG


def rag_by_rule(
    *, percent_complete: int, due_date: datetime.date, today: datetime.date
) -> RAG:
    """Red when overdue and unfinished; amber when due within RAG_AMBER_DAYS and
    under RAG_AMBER_BELOW_PERCENT complete; green otherwise."""
    if percent_complete >= 100:
        return RAG.GREEN
    if due_date < today:
        return RAG.RED
    days_left = (due_date - today).days
    if (
        days_left <= settings.RAG_AMBER_DAYS
        and percent_complete < settings.RAG_AMBER_BELOW_PERCENT
    ):
        return RAG.AMBER
    return RAG.GREEN
