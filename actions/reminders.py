"""Each owner's daily e-mail: their overdue actions and those due within a week."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from accounts.models import User
from actions.models import Action, ReminderSent
from inspections.choices import Marking

DUE_SOON_DAYS = 7


@dataclass
class Reminder:
    owner: User
    overdue: list[Action]
    due_soon: list[Action]
    sensitive: bool = False


def reminders_due(today: datetime.date) -> list[Reminder]:
    """Owners with something overdue or due within DUE_SOON_DAYS, not yet
    reminded today."""
    already = ReminderSent.objects.filter(date=today).values("owner_id")
    late = Action.objects.overdue(today)
    soon = Action.objects.due_within(DUE_SOON_DAYS, today)
    actions = (
        (late | soon)
        .exclude(owner_id__in=already)
        .filter(owner__is_active=True)
        .select_related("owner", "force", "finding__inspection")
        .order_by("owner_id", "due_date", "pk")
    )
    by_owner: dict[int, list[Action]] = {}
    for action in actions:
        by_owner.setdefault(action.owner_id, []).append(action)
    reminders = []
    for owned in by_owner.values():
        owner = owned[0].owner
        # an owner whose role no longer reads an action is not sent its title
        visible = Action.objects.visible_to(owner).filter(pk__in=[a.pk for a in owned])
        shown = set(visible.values_list("pk", flat=True))
        owned = [action for action in owned if action.pk in shown]
        if not owned:
            continue
        reminders.append(
            Reminder(
                owner,
                overdue=[a for a in owned if a.due_date < today],
                due_soon=[a for a in owned if a.due_date >= today],
                sensitive=visible.holds_sensitive(owner),
            )
        )
    return reminders


def reminder_send(reminder: Reminder, today: datetime.date) -> bool:
    """Send one owner's reminder, once a day: False if it went already (say, from
    a run at the same time) or the owner has no e-mail address."""
    owner = reminder.owner
    if not owner.email:
        return False
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                owner=owner,
                date=today,
                action_count=len(reminder.overdue) + len(reminder.due_soon),
            )
            _message(reminder, today).send()
    except IntegrityError:
        return False
    return True


def _message(reminder: Reminder, today: datetime.date) -> EmailMultiAlternatives:
    context = {
        "owner": reminder.owner,
        "overdue": reminder.overdue,
        "due_soon": reminder.due_soon,
        "days": DUE_SOON_DAYS,
        "today": today,
        "site_url": settings.SITE_URL,
        "sensitive": reminder.sensitive,
    }
    count = len(reminder.overdue) + len(reminder.due_soon)
    subject = (
        f"{len(reminder.overdue)} overdue"
        if reminder.overdue
        else f"{count} due this week"
    )
    marking = f"{Marking.OFFICIAL_SENSITIVE.label}: " if reminder.sensitive else ""
    message = EmailMultiAlternatives(
        subject=f"{marking}PCC Panel: your actions ({subject})",
        body=render_to_string("actions/email/reminder.txt", context),
        to=[reminder.owner.email],
    )
    message.attach_alternative(
        render_to_string("actions/email/reminder.html", context), "text/html"
    )
    return message
