"""No lost updates: an action carries a version, and a save made from an older
version than the one stored is refused with what changed in between."""

from __future__ import annotations

from actions.models import Action
from actions.timeline import author_of, changes_between, people_named_in


class EditConflict(Exception):
    def __init__(self, action: Action, seen_version: int) -> None:
        self.action = action
        self.seen_version = seen_version
        super().__init__(self.message)

    @property
    def message(self) -> str:
        records = list(
            self.action.history.filter(version__gte=self.seen_version)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        seen = next((r for r in records if r.version == self.seen_version), None)
        later = [r for r in records if r.version > self.seen_version]
        authors = sorted({author_of(r) for r in later}) or ["someone"]
        changes = (
            changes_between(seen, later[-1], people_named_in(records))
            if seen and later
            else []
        )
        what = (
            ": " + "; ".join(f"{c.label}: {c.old} → {c.new}" for c in changes)
            if changes
            else ""
        )
        return (
            f"{' and '.join(authors)} changed this action while you were editing "
            f"it{what}. Nothing you entered has been saved: check the action as it "
            "is now, then make your change again."
        )


def lock_for_edit(action_pk: int, seen_version: int | None) -> Action:
    """Inside a transaction: the action, locked against other writers until the
    transaction ends. EditConflict if it has moved on from seen_version."""
    action = Action.objects.select_for_update().get(pk=action_pk)
    if seen_version is not None and action.version != seen_version:
        raise EditConflict(action, seen_version)
    return action
