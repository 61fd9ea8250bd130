from __future__ import annotations

import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.access import EVERYWHERE, AnyUser, reach
from actions import rules
from actions.choices import RAG, Status
from actions.models.base import (
    ProgressFields,
    finished_means_100_percent,
    percent_in_range,
)
from actions.querysets import ActionQuerySet
from actions.rag import rag_by_rule
from actions.rules import is_open
from inspections.choices import FindingKind
from inspections.models import Finding, Force, Inspection
from inspections.querysets import GuardedManager
from pcc_panel.lib.text_limits import NARRATIVE, REASON
from pcc_panel.lib.urls import url_with_pk

if TYPE_CHECKING:
    from actions.models.update import ProgressUpdate

# Where an action stands in the state machine (actions.workflow), and who signed
# it off: changed only by recording a progress update (actions.services).
STATE_FIELDS = (
    "status",
    "signed_off_by_id",
    "signed_off_at",
    "closed_on",
    "latest_update_id",
)


class StateMachineBypassed(Exception):
    """A save that would move an action's status or sign-off other than through
    a progress update: a programming error, never a person's mistake."""


# What an edit of an action (not a progress update) may change, and who may: an
# owner describes the work; who does it and by when is the chief officer team's.
DESCRIPTION_FIELDS = frozenset({"title", "description", "outcome_shown"})
# Evidence of effect: what must be shown, and over when, is the chief officer
# team's to set; what it showed, the owner's to record.
EFFECT_FIELDS = ("outcome_measure", "demonstration_starts", "demonstration_ends")
OWNERSHIP_FIELDS = frozenset(
    {
        "finding",
        "force",
        "owner",
        "lead",
        "delegates",
        "due_date",
        "marking",
        "is_demo",
        *EFFECT_FIELDS,
    }
)
PROGRESS_FIELDS = frozenset({"status", "rag", "percent_complete"})
# A new action starts here; it is completed and signed off through updates.
STARTING_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.BLOCKED)

ONLY_OWNER_ASKS = (
    "Only the action's owner or a named delegate can ask for a new due date."
)


class Action(ProgressFields):
    finding = models.ForeignKey(
        Finding,
        on_delete=models.PROTECT,
        related_name="actions",
        limit_choices_to=~Q(kind=FindingKind.STRENGTH),
        help_text="The area for improvement, recommendation or cause of concern "
        "this action answers.",
    )
    force = models.ForeignKey(
        Force,
        on_delete=models.PROTECT,
        related_name="actions",
        blank=True,
        verbose_name="force or service",
        help_text="Whose action plan it is in: set from the inspection for an "
        "inspection of one force; for a thematic inspection, one of the forces "
        "it applies to.",
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=NARRATIVE)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_actions"
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_actions",
        verbose_name="lead chief officer",
    )
    delegates = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="delegated_actions",
        help_text="People who may update this action on the owner's behalf.",
    )
    due_date = models.DateField()
    original_due_date = models.DateField(
        editable=False, help_text="The due date first set; extensions move due_date."
    )
    outcome_measure = models.TextField(
        "outcome measure",
        blank=True,
        max_length=REASON,
        help_text="Evidence of effect: what must show the action worked before it "
        "may be signed off, e.g. “90% of 999 calls answered within 10 seconds”. "
        "Leave blank if sign-off needs no outcome measure.",
    )
    demonstration_starts = models.DateField(
        "demonstration period starts",
        null=True,
        blank=True,
        help_text="The period over which the measure must be shown.",
    )
    demonstration_ends = models.DateField(
        "demonstration period ends", null=True, blank=True
    )
    outcome_shown = models.TextField(
        "what the measure showed",
        blank=True,
        max_length=NARRATIVE,
        help_text="Recorded by the owner once the demonstration period has ended: "
        "the figures over the period, and where they come from.",
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    signed_off_at = models.DateTimeField(null=True, blank=True, editable=False)
    sign_off_comment = models.TextField(
        blank=True, editable=False, max_length=NARRATIVE
    )
    # Kept by follow() as each update is recorded, so that lists, exports and the
    # dashboard read them from the row: tests/actions/test_denormalised.py
    # checks them against the updates themselves.
    closed_on = models.DateField(
        null=True, blank=True, editable=False, help_text="The date it was signed off."
    )
    latest_update = models.ForeignKey(
        "actions.ProgressUpdate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    last_update_on = models.DateField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up with every save, so that two people editing the same "
        "action cannot overwrite each other (actions.locking).",
    )
    is_demo = models.BooleanField(
        "demo data",
        default=False,
        help_text="Illustrative data loaded by load_demo, not a real action plan.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    _finding_as_read: int | None  # the finding as read, to tell a move (save)
    objects = GuardedManager.from_queryset(ActionQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        permissions = [
            ("change_any_action", "Can change any action, not only their own"),
            ("close_action", "Can sign off (close) an action"),
        ]
        constraints = [
            percent_in_range("action"),
            finished_means_100_percent("action"),
            models.CheckConstraint(
                condition=Q(demonstration_ends__gte=models.F("demonstration_starts"))
                | Q(demonstration_starts__isnull=True)
                | Q(demonstration_ends__isnull=True),
                name="action_demonstration_ends_after_it_starts",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            # the tracker, its exports and the admin list read in due-date order
            models.Index(fields=["due_date", "id"], name="action_due_date_order"),
            # what the dashboard counts by the day: overdue, due soon, closed lately
            models.Index(
                fields=["due_date"],
                condition=rules.UNFINISHED,
                name="action_unfinished",
            ),
            models.Index(
                fields=["closed_on"], condition=rules.CLOSED, name="action_closed_on"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        action = super().from_db(db, field_names, values, **kwargs)
        action._saved_state = action._state_now()
        action._finding_as_read = action.__dict__.get("finding_id")
        return action

    def _state_now(self) -> tuple:
        return tuple(self.__dict__.get(name) for name in STATE_FIELDS)

    def save(self, *args, **kwargs) -> None:
        saved = getattr(self, "_saved_state", None)
        if saved is not None and self._state_now() != saved and not self.moving:
            raise StateMachineBypassed(
                f"Action {self.pk}: its status and sign-off change only through "
                "actions.services.progress_update_record."
            )
        self.moving = False
        if self.original_due_date is None:
            self.original_due_date = self.due_date
        if self.force_id is None or self.finding_id != getattr(
            self, "_finding_as_read", self.finding_id
        ):
            self.whose_from_finding()  # a new action, or one moved to another finding
        if self.pk is not None:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        if (
            kwargs.get("update_fields") is not None
            and "finding" in kwargs["update_fields"]
        ):
            kwargs["update_fields"] = {*kwargs["update_fields"], "force"}
        super().save(*args, **kwargs)
        self._finding_as_read = self.finding_id
        if saved is not None:  # read from the database: every real edit path
            self._saved_state = self._state_now()

    def follow(self, update: ProgressUpdate, *, at: datetime.datetime | None = None):
        """Move the action to where `update` says it stands: status, RAG and
        percent; on closing, the sign-off (who, when, the comment) and the date;
        on leaving closed, none; and which update is the latest. The one place
        these are set: progress_update_record and both data loaders call it,
        then save."""
        if is_open(update.status):
            self.signed_off_by, self.signed_off_at = None, None
            self.sign_off_comment, self.closed_on = "", None
        elif is_open(self.status):
            self.signed_off_by_id = update.author_id
            self.signed_off_at = at or timezone.now()
            self.sign_off_comment, self.closed_on = update.narrative, update.date
        self.status, self.rag = update.status, update.rag
        self.percent_complete = update.percent_complete
        newest = (self.last_update_on, self.latest_update_id or 0)
        if self.last_update_on is None or (update.date, update.pk) >= newest:
            self.latest_update, self.last_update_on = update, update.date
        self.moving = True

    # Set by the one service that moves an action (and by the demo's replay of a
    # story already told in progress updates) for the next save only.
    moving = False

    def get_absolute_url(self) -> str:
        return url_with_pk("actions:detail", self.pk)

    @property
    def is_finished(self) -> bool:
        return not rules.is_unfinished(self.status)

    @property
    def is_overdue(self) -> bool:
        return rules.is_overdue(self.status, self.due_date, timezone.localdate())

    @property
    def days_overdue(self) -> int:
        return self.days_past_due if self.is_overdue else 0

    @property
    def days_past_due(self) -> int:
        """Days since the due date, whatever the status: 0 before it."""
        return max((timezone.localdate() - self.due_date).days, 0)

    @property
    def is_extended(self) -> bool:
        return self.due_date != self.original_due_date

    def rag_by_rule(self, today: datetime.date | None = None) -> RAG:
        return rag_by_rule(
            status=self.status,
            percent_complete=self.percent_complete,
            due_date=self.due_date,
            today=today or timezone.localdate(),
        )

    @property
    def needs_evidence_of_effect(self) -> bool:
        return bool(self.outcome_measure.strip())

    def effect_not_yet_shown(self, today: datetime.date | None = None) -> str:
        """Why the action may not be signed off yet for want of evidence of
        effect, in words for the person; empty when nothing is wanting."""
        if not self.needs_evidence_of_effect:
            return ""
        start, end = self.demonstration_starts, self.demonstration_ends
        if start is None or end is None:
            return (
                "This action needs evidence of effect, and its demonstration "
                "period is not set: a chief officer sets it on the action."
            )
        if end >= (today or timezone.localdate()):
            return (
                "This action needs evidence of effect: its demonstration period "
                f"runs from {start:%-d %B %Y} to {end:%-d %B %Y}, and it can be "
                "signed off once the period has ended."
            )
        if not self.outcome_shown.strip():
            return (
                "This action needs evidence of effect: before it is signed off, "
                "its owner records what the measure showed over the demonstration "
                "period, in the action's “What the measure showed”."
            )
        return ""

    @cached_property
    def effect_wanting(self) -> str:
        """What the page says instead of Sign off (read three times a render)."""
        return self.effect_not_yet_shown()

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        start, end = self.demonstration_starts, self.demonstration_ends
        if start and end and end < start:
            errors["demonstration_ends"] = (
                "The demonstration period cannot end before it starts."
            )
        if (start or end) and not self.needs_evidence_of_effect:
            errors["outcome_measure"] = (
                "Say what the measure is, or clear the demonstration period."
            )
        elif self.needs_evidence_of_effect and not (start and end):
            missing = "demonstration_starts" if not start else "demonstration_ends"
            errors[missing] = (
                "An outcome measure needs its demonstration period: give both dates."
            )
        if errors:
            raise ValidationError(errors)
        self.whose_from_finding()
        if self.finding_id and self.finding.kind == FindingKind.STRENGTH:
            raise ValidationError(
                {
                    "finding": "A strength needs no action: choose an area for "
                    "improvement, a recommendation or a cause of concern."
                }
            )

    def whose_from_finding(self) -> None:
        """An action is in the plan of its finding's inspection's force, or for
        a thematic inspection of the force chosen among those it applies to
        (Inspection.force_answering). Raises ValidationError on `force`."""
        if self.finding_id is None:
            return
        inspection = (
            Inspection.objects.filter(findings=self.finding_id).only("force").first()
        )
        if inspection is None:
            return
        force = inspection.force_answering(
            self.force_id,
            unchosen="A thematic inspection applies to several forces: choose "
            "whose action plan this action is in.",
        )
        if self.force_id != force:
            self.force_id = force
            self.__dict__.pop("_organisation_id", None)

    def is_owned_by(self, user: AnyUser) -> bool:
        """The owner, or a delegate named on the action."""
        if not user.is_authenticated:
            return False
        return self.owner_id == user.pk or self.delegates.filter(pk=user.pk).exists()

    @property
    def organisation_id(self) -> int | None:
        """The organisation whose action it is: its force's. One query, once,
        unless the force is loaded."""
        if not hasattr(self, "_organisation_id"):
            if self.force_id is None:
                return None
            force = self._state.fields_cache.get("force")
            if force is not None:
                self._organisation_id = force.organisation_id
            else:
                self._organisation_id = (
                    Force.objects.filter(pk=self.force_id)
                    .values_list("organisation", flat=True)
                    .first()
                )
        return self._organisation_id

    def may(self, user: AnyUser, permission: str) -> bool:
        """Whether the person holds `permission` where this action is; for an
        action not yet given a force, whether they hold it anywhere."""
        if self.force_id is None and self.finding_id is not None:
            try:
                self.whose_from_finding()
            except ValidationError:
                pass  # a thematic finding's action, its force not yet chosen
        if self.force_id is None:
            return user.has_perm(permission)
        reached = reach(user, permission)
        if reached is EVERYWHERE or not reached:  # no need to look it up
            return reached is EVERYWHERE
        return self.organisation_id in reached

    def can_be_changed_by(self, user: AnyUser) -> bool:
        if not self.may(user, "actions.change_action"):
            return False
        return self.may(user, "actions.change_any_action") or self.is_owned_by(user)

    def editable_fields(self, user: AnyUser) -> frozenset[str]:
        """The fields this person may set by editing the action (in the admin,
        its inlines, or anywhere else): never its status or sign-off once it
        exists, which move only through a progress update; nor, once made,
        whose plan it is in (the finding's force, or the one chosen for a
        thematic finding)."""
        if self.pk is None:
            if not self.may(user, "actions.add_action"):
                return frozenset()
            return DESCRIPTION_FIELDS | OWNERSHIP_FIELDS | PROGRESS_FIELDS
        if not self.can_be_changed_by(user):
            return frozenset()
        if self.may(user, "actions.change_any_action"):
            return DESCRIPTION_FIELDS | (OWNERSHIP_FIELDS - {"force"})
        return DESCRIPTION_FIELDS

    def check_edit(self, *, user: AnyUser, changed: set[str] | list[str]) -> None:
        """Refuse an edit that sets a field this person may not set."""
        refused = set(changed) - self.editable_fields(user) - {"seen_version"}
        if refused:
            names = ", ".join(
                str(getattr(self._meta.get_field(name), "verbose_name", name))
                for name in sorted(refused)
            )
            if refused & PROGRESS_FIELDS and self.pk is not None:
                raise ValidationError(
                    f"You cannot change {names} here: status, RAG and percent "
                    "complete change only through a progress update, which records "
                    "who moved the action and why."
                )
            raise ValidationError(f"Your role may not change {names} of this action.")
        if self.pk is None and self.status not in STARTING_STATUSES:
            raise ValidationError(
                {
                    "status": "A new action starts as not started, in progress or "
                    "blocked: it is completed and signed off through progress "
                    "updates."
                }
            )

    def can_be_updated_by(self, user: AnyUser) -> bool:
        """May record progress on it."""
        if not self.may(user, "actions.add_progressupdate"):
            return False
        return self.may(user, "actions.change_any_action") or self.is_owned_by(user)

    def check_extension_request(self, *, user: AnyUser, pending: bool) -> None:
        """Who may ask for a new due date, and when: the owner or a delegate, while
        the work is unfinished and no other request awaits a decision."""
        if not self.can_be_updated_by(user):
            raise PermissionDenied(ONLY_OWNER_ASKS)
        if self.is_finished:
            raise ValidationError("The work is done: it needs no new due date.")
        if pending:
            raise ValidationError(
                "A request for a new due date is already awaiting a decision."
            )

    def earliest_new_due_date(self, today: datetime.date) -> datetime.date:
        """The first date a request for more time may ask for: after the current
        due date, and after today (a date already passed would leave the
        action overdue the moment it was approved)."""
        return max(self.due_date, today) + datetime.timedelta(days=1)

    def check_new_due_date(
        self, new_due_date: datetime.date, today: datetime.date
    ) -> None:
        if new_due_date >= self.earliest_new_due_date(today):
            return
        due = f"{self.due_date:%-d %B %Y}"
        if self.due_date >= today:
            text = f"Ask for a date after the current due date ({due})."
        else:
            text = (
                f"Ask for a date after today ({today:%-d %B %Y}): the action "
                f"was due on {due}."
            )
        raise ValidationError({"new_due_date": text})

    def check_update(
        self, *, user: AnyUser, status: str, date: datetime.date | None = None
    ) -> None:
        """Refuse an update this person may not give: the one rule for the admin,
        the site and any import. The status must be a move the state machine
        allows them (actions.workflow); the date neither in the future nor before
        the latest update."""
        from actions.workflow import check_move

        check_move(self, user, status)
        if date is None:
            return
        if date > timezone.localdate():
            raise ValidationError({"date": "An update cannot be dated in the future."})
        latest = self.updates.order_by("-date").values_list("date", flat=True).first()
        if latest and date < latest:
            raise ValidationError(
                {
                    "date": "An update cannot be dated before the latest one "
                    f"({latest:%-d %B %Y})."
                }
            )
