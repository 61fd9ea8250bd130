from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from actions.choices import RAG, Status
from inspections.choices import Grade
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
