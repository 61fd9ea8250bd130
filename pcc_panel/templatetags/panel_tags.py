from __future__ import annotations

import datetime

from django import template
from django.utils.safestring import SafeString

from actions import rag
from actions.choices import RAG, Status
from actions.rules import Progress
from governance.models import Section55State, due_on
from inspections.choices import Grade, Marking
from pcc_panel.lib import widgets
from pcc_panel.lib.dates import how_long
from pcc_panel.lib.tags import tag

register = template.Library()


@register.simple_tag
def grade_tag(value: str) -> SafeString:
    return tag(Grade, value, empty="Not graded")


@register.simple_tag
def status_tag(value: str) -> SafeString:
    return tag(Status, value)


@register.simple_tag
def rag_tag(value: str) -> SafeString:
    return tag(RAG, value)


@register.simple_tag
def action_rag(action) -> SafeString:
    """An action's RAG by rule, and the owner's own beside it where they differ."""
    return rag.shown(action.rag_by_rule(), action.rag)


@register.simple_tag
def rag_beside(rule: str, owners: str) -> SafeString:
    return rag.shown(rule, owners)


@register.simple_tag
def rag_rule() -> str:
    """The rule in words, with today's thresholds."""
    return rag.rule_in_words()


@register.simple_tag
def marking_tag(value: str) -> str:
    """Only OFFICIAL-SENSITIVE is labelled: OFFICIAL is the default for everything."""
    if value != Marking.OFFICIAL_SENSITIVE:
        return ""
    return tag(Marking, value)


@register.filter(name="how_long")
def how_long_filter(days: int) -> str:
    return how_long(days)


@register.filter
def in_minutes(duration: datetime.timedelta) -> str:
    minutes = int(duration.total_seconds() // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


@register.simple_tag
def action_progress(actions) -> Progress:
    return Progress.of(actions)


@register.simple_tag
def section_55_tag(value: str) -> SafeString:
    return tag(Section55State, value)


@register.filter
def section_55_due(publication_date: datetime.date) -> datetime.date:
    return due_on(publication_date)


@register.filter
def status_label(value: str) -> str:
    return Status(value).label if value else ""


@register.filter
def filter_field(field) -> SafeString:
    return widgets.filter_field(field)


@register.filter
def named_by_its_label(bound_field) -> SafeString:
    """A form field drawn with its label as its accessible name, where no
    label element names it (a row of the admin's tabular inlines, under a
    column header)."""
    return bound_field.as_widget(attrs={"aria-label": str(bound_field.label)})
