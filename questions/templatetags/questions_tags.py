from __future__ import annotations

from django import template
from django.db.models import Model
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from questions import services

register = template.Library()


@register.simple_tag(takes_context=True)
def ask_link(context, subject: Model, kind: str) -> SafeString | str:
    """ "Ask the Commissioner about this", for a member of the panel that
    oversees the force it is about; nothing for anyone else."""
    user = context["request"].user
    if not user.has_perm("questions.add_panelquestion"):
        return ""  # no query for everyone else
    force = services.force_asked_about(user, subject)
    if force is None or not services.may_ask(user, force):
        return ""
    url = reverse("questions:ask", args=[kind, subject.pk])
    return format_html(
        '<p class="app-no-print"><a class="btn btn-secondary" href="{}">'
        "Ask the Commissioner a question about this {}</a></p>",
        url,
        {"paper": "paper"}.get(kind, kind),
    )
