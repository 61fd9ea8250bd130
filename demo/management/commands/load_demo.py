from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from demo.load import demo_load
from demo.users import ADMIN_USERNAME, DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = (
        "Load the HMIC PEEL effectiveness inspection of Leicestershire Police "
        "(March 2017) with an illustrative action plan. Safe to run again. "
        "With DEBUG on, also creates a demo user for each role."
    )

    def handle(self, *args, **options) -> None:
        inspection = demo_load(with_sign_in=settings.DEBUG)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded: {inspection} "
                f"({inspection.questions.count()} graded questions, "
                f"{inspection.findings.count()} findings)."
            )
        )
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off, so no demo sign-ins were created.")
            return
        self.stdout.write(
            "\nSign in at http://127.0.0.1:8000/accounts/sign-in/ (the admin is at "
            f"/admin/); every demo user's password is {DEMO_PASSWORD}:"
        )
        rows = [(name, role.label) for name, (*_, role, _) in DEMO_USERS.items()]
        rows.append((ADMIN_USERNAME, "Superuser"))
        for username, role in rows:
            self.stdout.write(f"  {role:<24} {username}")
