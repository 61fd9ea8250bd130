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
        self.stdout.write(
            "Beside it, an invented inspection of an invented force (Northmoor "
            "Police) whose action plan runs now: due this month, overdue, awaiting "
            "sign-off and an extension request to decide."
        )
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off, so no demo sign-ins were created.")
            return
        self.stdout.write(
            f"\nSign in at {settings.SITE_URL}/accounts/sign-in/ (the admin is at "
            f"{settings.SITE_URL}/admin/); every demo user's password is "
            f"{DEMO_PASSWORD}:"
        )
        rows = [(name, role.label) for name, (*_, role, _) in DEMO_USERS.items()]
        rows.append((ADMIN_USERNAME, "Superuser"))
        for username, role in rows:
            self.stdout.write(f"  {role:<24} {username}")
        if settings.SECOND_FACTOR_REQUIRED:
            self.stdout.write(
                "\nA second factor is on (SECOND_FACTOR_REQUIRED): every role but "
                "the panel member sets up an authenticator app at its first "
                "sign-in, from the QR code or key the page shows."
            )
        else:
            self.stdout.write(
                "\nThe second factor is off for this demo (DEBUG). To try it, run "
                "SECOND_FACTOR_REQUIRED=1 make run: every role but the panel member "
                "then sets up an authenticator app at its first sign-in."
            )
