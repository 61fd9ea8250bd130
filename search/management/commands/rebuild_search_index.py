from django.core.management.base import BaseCommand

from search.index import rebuild


class Command(BaseCommand):
    help = (
        "Write every search entry again from its row (after loading data in bulk, "
        "or once after first deploying search)."
    )

    def handle(self, *args, **options) -> None:
        counts = rebuild()
        summary = ", ".join(
            f"{count:,} {kind.lower()}" for kind, count in counts.items()
        )
        self.stdout.write(f"Search index rebuilt: {summary}.")
