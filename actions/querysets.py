from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Case, OuterRef, Prefetch, Q, Subquery, Value, When
from django.utils import timezone

from accounts.access import (
    AnyUser,
    only_where_held,
    sees_action_plans,
    sees_sensitive,
    unless_held,
)
from actions import rules
from inspections.choices import Marking
from inspections.querysets import NOTHING, OFFICIAL, finding_visibility
from pcc_panel.lib.sql import Constant

ORGANISATION = "force__organisation"  # whose action it is


def action_visibility(user: AnyUser, prefix: str = "") -> Q:
    """Action plans are for people with a role in the force's organisation or
    one overseeing it; OFFICIAL-SENSITIVE ones, and those of inspections they
    may not see, only for those entitled to them there."""
    if not sees_action_plans(user):
        return NOTHING
    organisation = f"{prefix}{ORGANISATION}"
    official = Q(**{f"{prefix}marking": OFFICIAL})
    return (
        only_where_held(user, "actions.view_action", organisation)
        & finding_visibility(user, f"{prefix}finding__")
        & unless_held(
            user,
            "inspections.view_sensitive",
            official,
            organisation,
            within="actions.view_action",
        )
    )


def progress_update_visibility(user: AnyUser, prefix: str = "") -> Q:
    if not user.has_perm("actions.view_progressupdate"):
        return NOTHING
    organisation = f"{prefix}action__{ORGANISATION}"
    official = Q(**{f"{prefix}marking": OFFICIAL})
    return (
        action_visibility(user, f"{prefix}action__")
        & only_where_held(user, "actions.view_progressupdate", organisation)
        & unless_held(
            user,
            "inspections.view_sensitive",
            official,
            organisation,
            within="actions.view_progressupdate",
        )
    )


def evidence_visibility(user: AnyUser) -> Q:
    """A file carries its update's marking: seen with the update, or not at all."""
    return progress_update_visibility(user, "update__")


def extension_visibility(user: AnyUser) -> Q:
    return action_visibility(user, "action__")


# Marked OFFICIAL-SENSITIVE, the SQL naming the marking (pcc_panel.lib.sql): a
# partial index holds the few sensitive updates, and a prepared statement's plan
# for the actions then knows how rare the marking is.
SENSITIVE = Constant(Marking.OFFICIAL_SENSITIVE)
SENSITIVE_UPDATE = Q(marking=SENSITIVE)
SENSITIVE_ACTION = (
    Q(marking=SENSITIVE)
    | Q(finding__marking=SENSITIVE)
    | Q(finding__inspection__marking=SENSITIVE)
)


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser) -> ActionQuerySet:
        return self.filter(action_visibility(user))

    def holds_sensitive(self, user: AnyUser) -> bool:
        """Whether what this person is shown of these actions — they, their
        findings, inspections or updates — is OFFICIAL-SENSITIVE: an export of
        them is marked so at its top. No query for someone who sees nothing
        sensitive; two at most otherwise, each stopping at the first match."""
        from actions.models import ProgressUpdate

        if not sees_sensitive(user):
            return False
        ids = self.order_by().values("pk")
        return (
            self.model._default_manager.filter(pk__in=ids)
            .filter(SENSITIVE_ACTION)
            .exists()
            or ProgressUpdate.objects.filter(SENSITIVE_UPDATE, action__in=ids).exists()
        )

    def open(self) -> ActionQuerySet:
        return self.filter(rules.OPEN)

    def unfinished(self) -> ActionQuerySet:
        return self.filter(rules.UNFINISHED)

    def overdue(self, today: datetime.date | None = None) -> ActionQuerySet:
        return self.filter(rules.overdue(today or timezone.localdate()))

    def due_within(
        self, days: int, today: datetime.date | None = None
    ) -> ActionQuerySet:
        return self.filter(rules.due_within(days, today or timezone.localdate()))

    def owned_by(self, user: AnyUser) -> ActionQuerySet:
        """Actions the person owns or is a named delegate on."""
        from actions.models import Action

        # The few delegated ids first: an OR with a subquery would make
        # PostgreSQL read every action rather than use the owner index.
        delegated = list(
            Action.delegates.through.objects.filter(user=user.pk).values_list(
                "action_id", flat=True
            )
        )
        return self.filter(Q(owner=user.pk) | Q(pk__in=delegated))

    def updatable_by(self, user: AnyUser) -> ActionQuerySet:
        """Those the person may record progress on (Action.can_be_updated_by)."""
        if not user.has_perm("actions.add_progressupdate"):
            return self.none()
        visible = self.visible_to(user).filter(
            only_where_held(user, "actions.add_progressupdate", ORGANISATION)
        )
        if not user.has_perm("actions.change_any_action"):
            return visible.owned_by(user)
        anyone = only_where_held(user, "actions.change_any_action", ORGANISATION)
        return visible.filter(anyone) | visible.owned_by(user)

    def overdue_first(self, today: datetime.date | None = None) -> ActionQuerySet:
        today = today or timezone.localdate()
        return self.annotate(
            lateness=Case(When(rules.overdue(today), then=Value(0)), default=Value(1))
        ).order_by("lateness", "due_date", "pk")

    def with_last_update(self, user: AnyUser) -> ActionQuerySet:
        """Each action's latest update that the person may see: its date and
        text. Someone who sees every update reads the one the action keeps
        (Action.follow); anyone else the latest OFFICIAL one."""
        from actions.models import ProgressUpdate

        if sees_sensitive(user):
            # a subquery by primary key, not a join: a paginator's count of a
            # filtered list then reads the actions alone
            latest = ProgressUpdate.objects.filter(pk=OuterRef("latest_update_id"))
        else:
            latest = (
                ProgressUpdate.objects.visible_to(user)
                .filter(action=OuterRef("pk"))
                .order_by("-date", "-pk")
            )
        return self.annotate(
            last_update_date=Subquery(latest.values("date")[:1]),
            last_update_text=Subquery(latest.values("narrative")[:1]),
        )

    def for_tracker(self, user: AnyUser) -> ActionQuerySet:
        """What the tracker, its exports and the admin list show of each action
        this person may see, in due-date order."""
        return (
            self.visible_to(user)
            .select_related(
                "force", "finding__inspection", "finding__question", "owner", "lead"
            )
            .with_last_update(user)
            .order_by("due_date", "pk")
        )


class ProgressUpdateQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser) -> ProgressUpdateQuerySet:
        return self.filter(progress_update_visibility(user))


class EvidenceQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser) -> EvidenceQuerySet:
        return self.filter(evidence_visibility(user))


class DueDateExtensionQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser) -> DueDateExtensionQuerySet:
        return self.filter(extension_visibility(user))


def visible_actions_of_findings(user: AnyUser) -> Prefetch:
    """For a list of findings: each one's actions that the person may see, as
    `finding.visible_actions`, in one query."""
    from actions.models import Action

    return Prefetch(
        "actions",
        queryset=Action.objects.visible_to(user)
        .select_related("force")
        .order_by("due_date", "pk"),
        to_attr="visible_actions",
    )
