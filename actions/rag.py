"""RAG by rule: what the dashboard counts, the tracker filters by and every
list shows, with the owner's own RAG beside it where they differ. Red is
exactly overdue (actions.rules), so a count of red actions and a count of
overdue ones always agree."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils.html import format_html
from django.utils.safestring import SafeString

from actions import rules
from actions.choices import RAG
from pcc_panel.lib.tags import tag


def rag_by_rule(
    *,
    status: str,
    percent_complete: int,
    due_date: datetime.date,
    today: datetime.date,
) -> RAG:
    """Green when the work is done; red when overdue; amber when due within
    RAG_AMBER_DAYS and under RAG_AMBER_BELOW_PERCENT complete; green otherwise."""
    if not rules.is_unfinished(status):
        return RAG.GREEN
    if rules.is_overdue(status, due_date, today):
        return RAG.RED
    days_left = (due_date - today).days
    if (
        days_left <= settings.RAG_AMBER_DAYS
        and percent_complete < settings.RAG_AMBER_BELOW_PERCENT
    ):
        return RAG.AMBER
    return RAG.GREEN


def red(today: datetime.date) -> Q:
    return rules.overdue(today)


def amber(today: datetime.date) -> Q:
    until = today + datetime.timedelta(days=settings.RAG_AMBER_DAYS)
    return rules.UNFINISHED & Q(
        due_date__gte=today,
        due_date__lte=until,
        percent_complete__lt=settings.RAG_AMBER_BELOW_PERCENT,
    )


def by_rule(rag: str, today: datetime.date) -> Q:
    """The actions whose RAG by rule is `rag`, as a filter."""
    if rag == RAG.RED:
        return red(today)
    if rag == RAG.AMBER:
        return amber(today)
    return ~red(today) & ~amber(today)


def shown(rule: str, owners: str) -> SafeString:
    """The RAG by rule as a tag, and the owner's own beside it where they differ."""
    if not owners or owners == rule:
        return tag(RAG, rule)
    return format_html(
        '{} <span class="app-hint">owner: {}</span>', tag(RAG, rule), RAG(owners).label
    )


def rule_in_words() -> str:
    return (
        f"red when overdue, amber when due within {settings.RAG_AMBER_DAYS} days "
        f"and under {settings.RAG_AMBER_BELOW_PERCENT}% complete, green otherwise"
    )
