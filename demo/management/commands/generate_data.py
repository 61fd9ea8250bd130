from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from demo.national import FORCES, generate
from governance.figures import force_figures_refresh
from inspections.models import Force
from search.index import rebuild as search_index_rebuild


class Command(BaseCommand):
    help = (
        "Generate an invented national data set for benchmarks: PEEL inspections "
        "for each force and year, with findings, action plans, weekly progress "
        "updates, panel reports and users in every role (password "
        "pcc-panel-bench). Reproducible from --seed. For an empty database only."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--forces", type=int, default=43)
        parser.add_argument("--years", type=int, default=8)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, forces: int, years: int, seed: int, **options) -> None:
        if not 1 <= forces <= len(FORCES):
            raise CommandError(f"--forces must be between 1 and {len(FORCES)}.")
        if not 1 <= years <= 20:
            raise CommandError("--years must be between 1 and 20.")
        started = time.monotonic()
        try:
            counts = generate(
                forces=forces, years=years, seed=seed, progress=self.stderr.write
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        # bulk inserts send no signals: each force's figures counted once here
        force_figures_refresh(Force.objects.values_list("pk", flat=True))
        search_index_rebuild()  # and every row's search entry written once
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # the planner's statistics, and the visibility map that lets an
                # index-only scan skip the table: what autovacuum keeps in service
                # (VACUUM cannot run in a transaction, as in a test: ANALYZE)
                vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
                cursor.execute(vacuum)
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {counts.forces} forces, {counts.users:,} users, "
                f"{counts.inspections:,} inspections, {counts.findings:,} findings, "
                f"{counts.actions:,} actions, {counts.updates:,} progress updates, "
                f"{counts.extensions:,} extension requests awaiting a decision, "
                f"{counts.suggested:,} findings suggested as raised before "
                f"({counts.raised_again:,} confirmed) "
                f"and {counts.history:,} history records in "
                f"{time.monotonic() - started:.0f} s."
            )
        )
