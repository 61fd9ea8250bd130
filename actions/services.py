"""Writes that touch several rows, each in one transaction: the admin, the site
and the commands all go through these."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.access import AnyUser
from accounts.models import User
from actions.choices import Status
from actions.locking import lock_for_edit
from actions.models import Action, DueDateExtension, Evidence, ProgressUpdate
from actions.models.extension import PENDING, ExtensionDecision
from actions.uploads import check_upload
from inspections.choices import Marking

ONLY_CHIEF_DECIDES = "Only a chief officer can decide on a new due date."


@transaction.atomic
def progress_update_record(
    *,
    action: Action,
    author: User,
    narrative: str,
    status: str,
    rag: str,
    percent_complete: int,
    date: datetime.date | None = None,
    marking: str = Marking.OFFICIAL,
    seen_version: int | None = None,
    evidence: Sequence[UploadedFile] = (),
) -> ProgressUpdate:
    """Record an update and move the action to it. The status must be one the
    state machine allows this person (actions.workflow); a sign-off records who
    and when; seen_version refuses the update if someone else saved first."""
    action = lock_for_edit(action.pk, seen_version)
    date = date or timezone.localdate()
    action.check_update(user=author, status=status, date=date)
    kinds = [check_upload(upload) for upload in evidence]
    update = ProgressUpdate(
        action=action,
        author=author,
        narrative=narrative,
        status=status,
        rag=rag,
        percent_complete=percent_complete,
        date=date,
        marking=marking,
    )
    update.full_clean()
    update.save()
    stored: list[str] = []
    try:
        for upload, kind in zip(evidence, kinds, strict=True):
            _attach(update, upload, kind, author, stored)
    except Exception:
        for name in stored:  # nothing half-written: no files without their rows
            Evidence.file.field.storage.delete(name)
        raise

    action.follow(update)
    action.save()
    return update


def _require_completed(action: Action, done: str) -> None:
    """A chief officer's decisions are on an action its owner reports complete."""
    if action.status != Status.COMPLETED:
        raise ValidationError(
            f"Only a completed action can be {done}; this one is "
            f"{Status(action.status).label.lower()}."
        )


@transaction.atomic
def action_sign_off(
    *, action: Action, user: User, comment: str, seen_version: int | None = None
) -> ProgressUpdate:
    """A chief officer signs off an action its owner reports complete: it is
    closed by an update that says so, with the comment, who and when. The
    state machine says who may (actions.workflow)."""
    _require_completed(action, "signed off")
    return progress_update_record(
        action=action,
        author=user,
        narrative=comment,
        status=Status.CLOSED,
        rag=action.rag,
        percent_complete=100,
        marking=action.marking,
        seen_version=seen_version,
    )


def action_return(
    *, action: Action, user: User, reason: str, seen_version: int | None = None
) -> ProgressUpdate:
    """A chief officer sends a completed action back to its owner: in progress
    again, by an update that gives the reason. The state machine says who."""
    _require_completed(action, "returned")
    return progress_update_record(
        action=action,
        author=user,
        narrative=f"Returned to the owner: {reason}",
        status=Status.IN_PROGRESS,
        rag=action.rag,
        percent_complete=action.percent_complete,
        marking=action.marking,
        seen_version=seen_version,
    )


def latest_update_restore(sender: type, instance: ProgressUpdate, **kwargs) -> None:
    """After an update is deleted (the admin lets a superuser), its action's
    latest update is the newest left: the column, not the state machine, so
    no save of the action."""
    newest = instance.action.updates.order_by("-date", "-pk").first()
    Action.objects.filter(pk=instance.action_id).update(
        latest_update=newest, last_update_on=newest.date if newest else None
    )


@transaction.atomic
def action_edit(*, action: Action, user: AnyUser, changed: Iterable[str]) -> Action:
    """Save an edit of an action's description or ownership (the admin's change
    form and the finding page's inline): the rights and the state machine are
    checked here, whichever form sent it."""
    action.check_edit(user=user, changed=set(changed))
    action.save()
    return action


def action_move(*, action: Action, user: User, status: str, note: str):
    """A move with nothing else changed: the admin's bulk actions."""
    percent = 100 if status in Status.finished_values() else action.percent_complete
    return progress_update_record(
        action=action,
        author=user,
        narrative=note,
        status=status,
        rag=action.rag,
        percent_complete=percent,
    )


def _attach(update, upload, kind, user, stored: list[str]) -> Evidence:
    evidence = Evidence(
        update=update,
        original_name=upload.name[:255],
        extension=kind.extension,
        content_type=kind.content_type,
        size=upload.size,
        uploaded_by=user,
    )
    evidence.file.save("evidence", upload, save=False)
    assert evidence.file.name is not None  # save() named the file
    stored.append(evidence.file.name)
    evidence.save()
    return evidence


@transaction.atomic
def extension_request(
    *,
    action: Action,
    user: User,
    new_due_date: datetime.date,
    reason: str,
) -> DueDateExtension:
    action = lock_for_edit(action.pk, None)
    pending = action.extensions.filter(PENDING).exists()
    action.check_extension_request(user=user, pending=pending)
    action.check_new_due_date(new_due_date, timezone.localdate())
    return DueDateExtension.objects.create(
        action=action,
        requested_by=user,
        current_due_date=action.due_date,
        new_due_date=new_due_date,
        reason=reason,
    )


@transaction.atomic
def extension_decide(
    *,
    extension: DueDateExtension,
    user: User,
    approve: bool,
    note: str = "",
) -> DueDateExtension:
    """A chief officer's decision; approval moves the due date, and the original
    due date stays on the action."""
    if not extension.can_be_decided_by(user):
        raise PermissionDenied(ONLY_CHIEF_DECIDES)
    extension = DueDateExtension.objects.select_for_update().get(pk=extension.pk)
    if not extension.is_pending:
        raise ValidationError(
            f"This request was already {extension.get_decision_display().lower()}."
        )
    if approve:
        extension.check_approval(timezone.localdate())
    extension.decision = (
        ExtensionDecision.APPROVED if approve else ExtensionDecision.REFUSED
    )
    extension.decided_by, extension.decided_at = user, timezone.now()
    extension.decision_note = note
    extension.save()
    if approve:
        action = lock_for_edit(extension.action_id, None)
        action.due_date = extension.new_due_date
        action.save(update_fields=["due_date", "updated_at"])
    return extension
