"""Each owner's daily e-mail: their overdue actions and those due within a week."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from actions.models import Action, ReminderSent

DUE_SOON_DAYS = 7


@dataclass
class Reminder:
    owner: object
    overdue: list[Action]
    due_soon: list[Action]


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
        .select_related("owner", "finding__inspection__force")
        .order_by("owner_id", "due_date", "pk")
    )
    by_owner: dict[int, Reminder] = {}
    for action in actions:
        reminder = by_owner.setdefault(action.owner_id, Reminder(action.owner, [], []))
        (reminder.overdue if action.due_date < today else reminder.due_soon).append(
            action
        )
    return list(by_owner.values())


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
    }
    count = len(reminder.overdue) + len(reminder.due_soon)
    subject = (
        f"{len(reminder.overdue)} overdue"
        if reminder.overdue
        else f"{count} due this week"
    )
    message = EmailMultiAlternatives(
        subject=f"PCC Panel: your actions ({subject})",
        body=render_to_string("actions/email/reminder.txt", context),
        to=[reminder.owner.email],
    )
    message.attach_alternative(
        render_to_string("actions/email/reminder.html", context), "text/html"
    )
    return message
