"""The records that make the response to an inspection traceable: the section 55
response and the meetings that review progress."""

from __future__ import annotations

import datetime
import operator
from functools import reduce

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.access import (
    EVERYWHERE,
    AnyUser,
    belongs_to,
    may_in,
    reach,
    unless_held,
)
from inspections.choices import FindingKind
from inspections.models import Finding, Force, Inspection
from inspections.querysets import (
    GuardedManager,
    finding_visibility,
    inspection_visibility,
)
from pcc_panel.lib.dates import end_of_day
from pcc_panel.lib.text_limits import DOCUMENT, NARRATIVE, REASON

# Police Act 1996, s.55 (as amended by the Policing and Crime Act 2017): the
# Commissioner publishes comments within 56 days of the report's publication.
SECTION_55_DAYS = 56


class Section55State(models.TextChoices):
    DUE = "due", "Due"
    OVERDUE = "overdue", "Overdue"
    PUBLISHED = "published", "Published"
    PUBLISHED_LATE = "published_late", "Published late"


WORKING = "governance.view_section55response"


def sees_section_55_working(
    user: AnyUser, inspection: Inspection, force: Force | None = None
) -> bool:
    """The office's working (drafts, dates of copies) before publication: for
    the office whose area the force is in (the inspected force's, or for a
    thematic inspection the force whose Commissioner answers)."""
    force = force or inspection.force
    return force is not None and may_in(user, WORKING, force.organisation_id)


def section_55_visibility(user: AnyUser, prefix: str = "") -> Q:
    """A response is seen with its inspection; its comments and answers only
    once published, unless the person keeps the working."""
    published = Q(**{f"{prefix}published_on__isnull": False})
    where = f"{prefix}force__organisation"
    return inspection_visibility(user, f"{prefix}inspection__") & unless_held(
        user, WORKING, published, where
    )


class Section55ResponseQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser) -> Section55ResponseQuerySet:
        return self.filter(section_55_visibility(user))


class RecommendationResponseQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser) -> RecommendationResponseQuerySet:
        """An answer is seen only with its response and its recommendation: an
        OFFICIAL-SENSITIVE recommendation's answer is as sensitive as it is."""
        return self.filter(
            section_55_visibility(user, "response__")
            & finding_visibility(user, "finding__")
        )


DATE_FIELDS = (
    "chief_officer_invited_on",
    "chief_officer_received_on",
    "published_on",
    "sent_to_hmicfrs_on",
    "sent_to_home_secretary_on",
)


class Section55Response(models.Model):
    """A Commissioner's comments on a report: one per inspection of a force;
    for a thematic inspection, one per force it applies to, each from the
    Commissioner who oversees that force."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="section_55_responses"
    )
    force = models.ForeignKey(
        Force,
        on_delete=models.PROTECT,
        related_name="section_55_responses",
        blank=True,
        help_text="The force whose Commissioner answers: the force inspected, or "
        "for a thematic inspection one of those it applies to.",
    )
    chief_officer_invited_on = models.DateField(
        "chief officer invited to comment on", null=True, blank=True
    )
    chief_officer_received_on = models.DateField(
        "chief officer's comments received on", null=True, blank=True
    )
    chief_officer_comments = models.TextField(
        "chief officer's comments", blank=True, max_length=DOCUMENT
    )
    commissioner_comments = models.TextField(
        "Commissioner's comments", blank=True, max_length=DOCUMENT
    )
    published_on = models.DateField(null=True, blank=True)
    published_where = models.CharField(
        max_length=300, blank=True, help_text="A web address, or where it appeared."
    )
    sent_to_hmicfrs_on = models.DateField(
        "copy sent to HMICFRS on", null=True, blank=True
    )
    sent_to_home_secretary_on = models.DateField(
        "copy sent to the Home Secretary on", null=True, blank=True
    )

    objects = GuardedManager.from_queryset(Section55ResponseQuerySet)()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "section 55 response"
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "force"],
                name="section_55_one_response_per_force",
            )
        ]

    def __str__(self) -> str:
        if self.inspection_id and self.inspection.is_thematic and self.force_id:
            return f"Section 55 response: {self.inspection}, for {self.force}"
        return f"Section 55 response: {self.inspection}"

    def save(self, *args, **kwargs) -> None:
        if self.force_id is None and self.inspection_id is not None:
            self.force_id = self.inspection.force_id
        super().save(*args, **kwargs)

    def clean(self) -> None:
        """Dates in the order things happen, and none still to come: the
        comments are invited before they are received, and nothing is sent
        or published before the report it answers."""
        super().clean()
        errors: dict[str, str] = {}
        today = timezone.localdate()
        for name in DATE_FIELDS:
            value = getattr(self, name)
            if value and value > today:
                errors[name] = (
                    "This date is still to come: record it once it has happened."
                )
        invited, received = (
            self.chief_officer_invited_on,
            self.chief_officer_received_on,
        )
        if (
            invited
            and received
            and received < invited
            and "chief_officer_received_on" not in errors
        ):
            errors["chief_officer_received_on"] = (
                "The comments cannot be received before they were invited "
                f"({invited:%-d %B %Y})."
            )
        inspection = self.inspection if self.inspection_id else None
        if inspection is not None:
            try:
                self.force_id = inspection.force_answering(
                    self.force_id,
                    unchosen="Choose one of the forces the thematic inspection "
                    "applies to.",
                )
            except ValidationError as refused:
                errors.update(refused.message_dict)  # type: ignore[arg-type]
        published = inspection.publication_date if inspection else None
        if published:
            for name in (
                "published_on",
                "sent_to_hmicfrs_on",
                "sent_to_home_secretary_on",
            ):
                value = getattr(self, name)
                if value and value < published and name not in errors:
                    errors[name] = (
                        "This is before the inspection report was published "
                        f"({published:%-d %B %Y})."
                    )
        if errors:
            raise ValidationError(errors)

    @property
    def due_on(self) -> datetime.date:
        return due_on(self.inspection.publication_date)

    def state(self, today: datetime.date | None = None) -> Section55State:
        return section_55_state(
            publication_date=self.inspection.publication_date,
            published_on=self.published_on,
            today=today or timezone.localdate(),
        )


def due_on(publication_date: datetime.date) -> datetime.date:
    return publication_date + datetime.timedelta(days=SECTION_55_DAYS)


def section_55_state(
    *,
    publication_date: datetime.date,
    published_on: datetime.date | None,
    today: datetime.date,
) -> Section55State:
    due = due_on(publication_date)
    if published_on:
        late = published_on > due
        return Section55State.PUBLISHED_LATE if late else Section55State.PUBLISHED
    return Section55State.OVERDUE if today > due else Section55State.DUE


def with_response_published(inspections: QuerySet[Inspection]) -> QuerySet[Inspection]:
    """Each inspection of a force, with the day its Commissioner's response was
    published (None if not yet) as `response_published_on`."""
    response = Section55Response.objects.filter(
        inspection=OuterRef("pk"), force=OuterRef("force")
    )
    return inspections.annotate(
        response_published_on=Subquery(response.values("published_on")[:1])
    )


class RecommendationOutcome(models.TextChoices):
    TAKEN = "taken", "Action taken"
    TO_BE_TAKEN = "to_be_taken", "Action to be taken"
    NONE = "none", "No action, with the reason"


class RecommendationResponse(models.Model):
    response = models.ForeignKey(
        Section55Response, on_delete=models.CASCADE, related_name="recommendations"
    )
    finding = models.ForeignKey(
        Finding,
        on_delete=models.CASCADE,
        limit_choices_to={"kind": FindingKind.RECOMMENDATION},
        verbose_name="recommendation",
    )
    outcome = models.CharField(max_length=20, choices=RecommendationOutcome.choices)
    text = models.TextField(
        "what has been or will be done, or why nothing", max_length=NARRATIVE
    )

    objects = GuardedManager.from_queryset(RecommendationResponseQuerySet)()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "finding"], name="one_response_per_recommendation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.finding}"

    def clean(self) -> None:
        if (
            self.finding_id
            and self.response_id
            and self.finding.inspection_id != self.response.inspection_id
        ):
            raise ValidationError(
                {"finding": "Choose a recommendation from the same inspection."}
            )


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    AS_NEEDED = "as_needed", "As needed"


class MeetingType(models.Model):
    name = models.CharField(max_length=100, unique=True)
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    purpose = models.TextField(blank=True, max_length=REASON)
    for_the_panel = models.BooleanField(
        "the Police and Crime Panel's",
        default=False,
        help_text="Panel members read these meetings and their snapshots, as far "
        "as their rights reach.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


READS_MEETINGS = "governance.view_meeting"
READS_PANEL_MEETINGS = "governance.view_panel_meeting"
READS_DASHBOARD = "governance.view_dashboard"


def may_open_meetings(user: AnyUser) -> bool:
    """The meetings list and snapshots: those who read the dashboard, and panel
    members, for the panel's own meetings. Others who read a meeting's record
    elsewhere (a staff officer, in the admin) are not offered these pages,
    here or in their calendar."""
    return user.has_perm(READS_DASHBOARD) or user.has_perm(READS_PANEL_MEETINGS)


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def visible_to(self, user: AnyUser) -> MeetingQuerySet:
        """A meeting reviews one force's action plan: seen by those who read
        meetings there (its chief officers, the Commissioner's office that
        oversees it), and a Police and Crime Panel meeting by the panel members
        whose panel oversees that force. One recorded before meetings named
        their force is seen only by those whose role reaches everywhere, until
        they give it one."""
        seen = []
        for permission, kind in (
            (READS_MEETINGS, Q()),
            (READS_PANEL_MEETINGS, Q(meeting_type__for_the_panel=True)),
        ):
            reached = reach(user, permission)
            if reached is EVERYWHERE and kind == Q():
                return self.all()
            if reached is EVERYWHERE:
                seen.append(kind)
            elif reached:
                seen.append(kind & belongs_to("force__organisation", sorted(reached)))
        if not seen:
            return self.none()
        return self.filter(reduce(operator.or_, seen))


class Meeting(models.Model):
    force = models.ForeignKey(
        Force,
        on_delete=models.PROTECT,
        related_name="meetings",
        null=True,  # meetings recorded before they named their force
        verbose_name="force or service",
        help_text="Whose action plan the meeting reviews: its snapshot is of "
        "that plan, and only that area's people see it.",
    )
    meeting_type = models.ForeignKey(
        MeetingType, on_delete=models.PROTECT, related_name="meetings"
    )
    date = models.DateField()
    attendees = models.TextField(
        max_length=REASON,
        help_text="The roles present, one to a line (e.g. Chief Constable).",
    )
    notes = models.TextField(blank=True, max_length=NARRATIVE)

    objects = GuardedManager.from_queryset(MeetingQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "meeting_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["force", "meeting_type", "date"],
                name="one_meeting_of_a_type_a_day_for_a_force",
            )
        ]
        permissions = [
            ("view_dashboard", "Can see the chief officer dashboard and snapshots"),
            (
                "view_panel_meeting",
                "Can see Police and Crime Panel meetings and their snapshots",
            ),
        ]

    def __str__(self) -> str:
        whose = f" ({self.force})" if self.force_id else ""
        return f"{self.meeting_type}{whose}, {self.date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting", args=[self.pk])

    @property
    def attendee_list(self) -> list[str]:
        return [line.strip() for line in self.attendees.splitlines() if line.strip()]

    @property
    def as_at(self) -> datetime.datetime:
        """The end of the meeting's day, in local time: the snapshot's moment."""
        return end_of_day(self.date)


class ForceFigures(models.Model):
    """A force's dashboard figures as its data stands (governance.figures):
    counted again in the transaction of every write that changes them."""

    force = models.OneToOneField(
        Force, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    data = models.JSONField()
    counted_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveBigIntegerField(default=0)  # + 1 at every count

    class Meta:
        verbose_name_plural = "force figures"

    def __str__(self) -> str:
        return f"Figures of force {self.force_id}"


class FiguresTotal(models.Model):
    """Every force's figures added up, counted again after each write commits.
    `revisions` is the sum of the force rows' revisions it added: while it
    equals theirs, no force's figures have changed since."""

    data = models.JSONField()
    revisions = models.PositiveBigIntegerField(default=0)
    counted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "figures total"

    def __str__(self) -> str:
        return "Figures of every force"
