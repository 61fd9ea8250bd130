from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from actions.reminders import reminder_send, reminders_due


class Command(BaseCommand):
    help = (
        "E-mail each action owner a list of their overdue actions and those due "
        "within 7 days. Run it daily (cron or a systemd timer): a second run on "
        "the same day sends nothing new."
    )

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        sent = skipped = 0
        for reminder in reminders_due(today):
            if reminder_send(reminder, today):
                sent += 1
            else:
                skipped += 1
                if not reminder.owner.email:
                    self.stderr.write(
                        f"{reminder.owner.get_username()} has no e-mail address: "
                        "no reminder sent."
                    )
        self.stdout.write(
            self.style.SUCCESS(f"Reminders sent: {sent}.")
            + (f" Not sent: {skipped}." if skipped else "")
        )
