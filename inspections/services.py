"""Writes to inspections that must leave a record: an amendment says who changed
an inspection already held, when, and what changed."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.access import AnyUser, may_in
from inspections.models import Amendment, AmendmentSource, Inspection

MAY_NOT_AMEND = (
    "This inspection is already held, and your role may not change it: only chief "
    "officers and the Commissioner's office change inspections. Ask one of them to "
    "apply the differences."
)


def may_amend(user: AnyUser | None, inspection: Inspection) -> bool:
    """None is the command line, run by whoever runs the server."""
    if user is None:
        return True
    return may_in(
        user, "inspections.change_inspection", inspection.force.organisation_id
    ) and (Inspection.objects.visible_to(user).filter(pk=inspection.pk).exists())


def check_may_amend(user: AnyUser | None, inspection: Inspection) -> None:
    if not may_amend(user, inspection):
        raise PermissionDenied(MAY_NOT_AMEND)


@transaction.atomic
def amendment_record(
    *,
    inspection: Inspection,
    user: AnyUser | None,
    source: AmendmentSource,
    changes: Sequence[str],
) -> Amendment | None:
    """Record what changed; nothing when nothing did."""
    check_may_amend(user, inspection)
    lines = [change.strip() for change in changes if change.strip()]
    if not lines:
        return None
    return Amendment.objects.create(
        inspection=inspection,
        made_by=user if user is not None and user.is_authenticated else None,
        source=source,
        was_published=inspection.is_published,
        changes="\n".join(lines),
    )
