"""The action's status as a state machine: the moves there are, and who may make
them. Every way of changing status — the site, the admin and its bulk actions, a
command — asks check_move() first, and every move is written as a progress update.

    from          to                     who
    not started   in progress, blocked   owner, delegate, chief officer
    in progress   completed, blocked     owner, delegate, chief officer
    completed     closed                 chief officer, signing off with a comment,
                                         having given their password recently
    completed     in progress            chief officer, returning it to the owner
    completed     blocked                owner, delegate, chief officer
    blocked       in progress            owner, delegate, chief officer
    closed        in progress            chief officer, reopening with a reason
    any but closed  not adopted          chief officer, giving the reason
    not adopted   in progress            chief officer, reopening with a reason

An update that keeps the status is not a move: fine for any status but the
decided ones (closed, not adopted).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from accounts.access import AnyUser
from accounts.sessions import identity_confirmed
from actions.choices import Status

MOVES: dict[str, set[str]] = {
    Status.NOT_STARTED: {Status.IN_PROGRESS, Status.BLOCKED, Status.NOT_ADOPTED},
    Status.IN_PROGRESS: {Status.COMPLETED, Status.BLOCKED, Status.NOT_ADOPTED},
    Status.COMPLETED: {
        Status.CLOSED,
        Status.IN_PROGRESS,
        Status.BLOCKED,
        Status.NOT_ADOPTED,
    },
    Status.BLOCKED: {Status.IN_PROGRESS, Status.NOT_ADOPTED},
    Status.CLOSED: {Status.IN_PROGRESS},
    Status.NOT_ADOPTED: {Status.IN_PROGRESS},
}
# Moves only a chief officer (the close_action permission) may make.
SIGN_OFF = (Status.COMPLETED, Status.CLOSED)
RETURN = (Status.COMPLETED, Status.IN_PROGRESS)
NOT_ADOPTING = Status.NOT_ADOPTED


def label(status: str) -> str:
    return Status(status).label


def can_move(current: str, new: str) -> bool:
    """A move the state machine has; staying put is not a move, and is fine
    for any status but closed."""
    if current == new:
        return current not in Status.decided_values()
    return new in MOVES[current]


def signs_off(action, user: AnyUser) -> bool:
    """Whether this person signs off the action once it is completed (and may
    reopen it once closed): a chief officer who may update it."""
    return action.can_be_updated_by(user) and action.may(user, "actions.close_action")


ONLY_YOURS = "You can only update actions you own or are a named delegate for."
CONFIRM_TO_SIGN_OFF = (
    "Signing off asks for your password again: it was last given too long ago. "
    "Use “Sign off” on the action's page, which asks for it and then for your "
    "comment."
)


class IdentityNotConfirmed(ValidationError):
    """A move the person may make once they have given their password again
    (accounts.sessions.identity_confirmed): still offered in the update form,
    refused with the way to do it when posted."""


def check_move(action, user: AnyUser, new: str) -> None:
    """Refuse, with a message for the person, a status this person may not give."""
    if not action.can_be_updated_by(user):
        raise PermissionDenied(ONLY_YOURS)
    current = action.status
    if not can_move(current, new):
        if current in Status.decided_values():
            message = (
                f"This action is {label(current).lower()}. A chief officer can "
                "reopen it, with a reason."
            )
        else:
            onward = ", ".join(label(s) for s in sorted(MOVES[current], key=_order))
            message = (
                f"An action that is {label(current)} cannot move to {label(new)}. "
                f"From {label(current)} it can move to: {onward}."
            )
        raise ValidationError({"status": message})
    if (current, new) == SIGN_OFF and not signs_off(action, user):
        raise ValidationError(
            {"status": "Only a chief officer can sign off (close) an action."}
        )
    if (current, new) == SIGN_OFF and (wanting := action.effect_not_yet_shown()):
        raise ValidationError({"status": wanting})
    if (current, new) == SIGN_OFF and not identity_confirmed(user):
        raise IdentityNotConfirmed({"status": CONFIRM_TO_SIGN_OFF})
    if new == NOT_ADOPTING and not signs_off(action, user):
        raise ValidationError(
            {"status": "Only a chief officer can decide that an action is not "
             "adopted."}
        )  # fmt: skip
    reopening = current in Status.decided_values() and new == Status.IN_PROGRESS
    if reopening and not signs_off(action, user):
        raise ValidationError({"status": "Only a chief officer can reopen an action."})
    if (current, new) == RETURN and not signs_off(action, user):
        raise ValidationError(
            {"status": "Only a chief officer can return a completed action to its "
             "owner."}
        )  # fmt: skip


def statuses_open_to(action, user: AnyUser) -> list[str]:
    """The statuses this person may give the action in an update, in order."""
    allowed = []
    for status in Status:
        try:
            check_move(action, user, status)
        except IdentityNotConfirmed:
            pass  # offered: posting it says how to confirm who they are
        except (PermissionDenied, ValidationError):
            continue
        allowed.append(status.value)
    return allowed


def _order(status: str) -> int:
    return list(Status).index(Status(status))
