from __future__ import annotations

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.models import Organisation, OrganisationKind
from inspections.choices import (
    FindingKind,
    Grade,
    Inspectorate,
    InspectorateStatus,
    Marking,
    MonitoringStage,
)
from inspections.frameworks import Framework, Scale, framework_choices, framework_of
from inspections.querysets import (
    FindingQuerySet,
    ForceQuerySet,
    GradedQuestionQuerySet,
    GuardedManager,
    InspectionQuerySet,
    InspectorateViewQuerySet,
    MonitoringPeriodQuerySet,
    finding_visibility,
)
from pcc_panel.lib.text_limits import NARRATIVE, REASON
from pcc_panel.lib.urls import url_with_pk


class Marked(models.Model):
    marking = models.CharField(
        "protective marking",
        max_length=20,
        choices=Marking.choices,
        default=Marking.OFFICIAL,
        help_text="OFFICIAL-SENSITIVE items are hidden from the public and panel "
        "members.",
    )

    class Meta:
        abstract = True

    @property
    def is_sensitive(self) -> bool:
        return self.marking == Marking.OFFICIAL_SENSITIVE


class Force(models.Model):
    """A police force or a fire and rescue service: what an inspection is
    about, and the organisation whose people respond to it."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="force", editable=False
    )

    objects = ForceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """Every force is an organisation of the same name. A new one joins the
        Commissioner's area when the installation has just one (the default
        install); with several, the admin says which office oversees it."""
        if self.organisation_id is None:
            self.organisation = Organisation.objects.create(
                name=unique_name(self.name), kind=OrganisationKind.POLICE_FORCE
            )
            offices = Organisation.objects.filter(
                kind=OrganisationKind.COMMISSIONERS_OFFICE
            )[:2]
            if len(offices) == 1:
                offices[0].oversees.add(self.organisation)
        elif self.organisation.name != self.name:
            Organisation.objects.filter(pk=self.organisation_id).update(
                name=unique_name(self.name, but=self.organisation_id)
            )
        super().save(*args, **kwargs)


def unique_name(name: str, but: int | None = None) -> str:
    """An organisation's name is unique: a force named as another body is
    told apart by a number."""
    taken = Organisation.objects.filter(name__startswith=name)
    if but is not None:
        taken = taken.exclude(pk=but)
    names, candidate, n = set(taken.values_list("name", flat=True)), name, 1
    while candidate in names:
        n += 1
        candidate = f"{name} ({n})"
    return candidate


THEMATIC = "Thematic inspection"


class Inspection(Marked):
    """One report. An inspection of one force or service names it as `force`;
    a thematic or national inspection names none, and applies to each force
    in `applies_to`, each of which keeps its own action plan for it."""

    force = models.ForeignKey(
        Force,
        on_delete=models.PROTECT,
        related_name="inspections",
        null=True,
        blank=True,
        verbose_name="force or service inspected",
        help_text="Leave blank for a thematic or national inspection, and choose "
        "the forces it applies to instead.",
    )
    applies_to = models.ManyToManyField(
        Force,
        blank=True,
        related_name="thematic_inspections",
        verbose_name="forces and services it applies to",
        help_text="For a thematic or national inspection only: the forces and "
        "services whose chief officers its recommendations are addressed to.",
    )
    inspectorate = models.CharField(
        max_length=10, choices=Inspectorate.choices, default=Inspectorate.HMICFRS
    )
    programme = models.CharField(max_length=100, default="PEEL", help_text="e.g. PEEL")
    framework = models.CharField(
        "programme and round",
        max_length=40,
        blank=True,
        choices=framework_choices,
        help_text="The inspection round, which sets its questions and grading "
        "scale. Saving a new inspection with no questions adds the round's "
        "questions, ungraded, for you to grade. Leave blank for a thematic or other "
        "inspection.",
    )
    pillar = models.CharField(
        max_length=200,
        blank=True,
        help_text="Effectiveness, Efficiency, Legitimacy or Leadership for PEEL "
        "2014–17, or the title of a thematic inspection. Leave blank for a round "
        "without pillars (PEEL from 2018/19, fire and rescue).",
    )
    title = models.CharField(max_length=300)
    fieldwork_start = models.DateField(null=True, blank=True)
    fieldwork_end = models.DateField(null=True, blank=True)
    publication_date = models.DateField()
    overall_grade = models.CharField(
        max_length=30,
        choices=Grade.choices,
        blank=True,
        help_text="Leave blank for an ungraded inspection.",
    )
    report_url = models.URLField("link to the published report", blank=True)
    summary = models.TextField(blank=True, max_length=NARRATIVE)
    is_published = models.BooleanField(
        "published on this site",
        default=False,
        help_text="Shown to the public and panel members from its publication date.",
    )

    objects = GuardedManager.from_queryset(InspectionQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-publication_date", "force__name"]
        permissions = [
            ("view_unpublished", "Can see inspections not yet published on the site"),
            ("view_sensitive", "Can see items marked OFFICIAL-SENSITIVE"),
            ("import_document", "Can import inspection reports and panel papers"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["force", "programme", "pillar", "publication_date"],
                name="inspection_unique_per_force_pillar_and_date",
            ),
            models.UniqueConstraint(
                fields=["programme", "pillar", "publication_date"],
                condition=Q(force__isnull=True),
                name="thematic_inspection_unique_per_title_and_date",
            ),
            models.CheckConstraint(
                condition=Q(fieldwork_end__gte=F("fieldwork_start"))
                | Q(fieldwork_start__isnull=True)
                | Q(fieldwork_end__isnull=True),
                name="inspection_fieldwork_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(fieldwork_end__lte=F("publication_date"))
                | Q(fieldwork_end__isnull=True),
                name="inspection_published_after_fieldwork",
            ),
        ]
        indexes = [models.Index(fields=["-publication_date"])]

    def __str__(self) -> str:
        return f"{self.subject}: {self.name} ({self.publication_date:%B %Y})"

    def get_absolute_url(self) -> str:
        return url_with_pk("governance:inspection", self.pk)

    @property
    def is_thematic(self) -> bool:
        return self.force_id is None

    @property
    def subject(self) -> str:
        """What it inspected, as a heading says it."""
        return THEMATIC if self.is_thematic else str(self.force)

    @property
    def organisation_id(self) -> int | None:
        """The organisation whose inspection it is, for rights to change it:
        the force's; none for a thematic inspection, which belongs to no one
        force and is changed only by those whose role reaches everywhere."""
        force = self.force if self.force_id is not None else None
        return force.organisation_id if force is not None else None

    def force_answering(self, chosen: int | None, unchosen: str) -> int:
        """The force whose plan, response or paper a row about this inspection
        is: the force inspected; for a thematic inspection the one `chosen`,
        which must be one it applies to. Raises ValidationError on "force",
        saying `unchosen` when none was chosen."""
        if self.force_id is not None:
            return self.force_id
        if chosen is None:
            raise ValidationError({"force": unchosen})
        if not self.applies_to.filter(pk=chosen).exists():
            raise ValidationError(
                {"force": "The thematic inspection does not apply to that force."}
            )
        return chosen

    def clean(self) -> None:
        errors = {}
        start, end = self.fieldwork_start, self.fieldwork_end
        if start and end and end < start:
            errors["fieldwork_end"] = "Fieldwork cannot end before it starts."
        if end and self.publication_date and end > self.publication_date:
            errors["publication_date"] = (
                "The report cannot be published before its fieldwork ends."
            )
        if self.is_thematic and not self.pillar:
            errors["pillar"] = (
                "Give the thematic inspection's title here, or choose the force "
                "or service inspected."
            )
        framework = self.round
        if framework is not None and self.overall_grade:
            if not framework.overall_grade:
                errors["overall_grade"] = (
                    f"{framework.label} gives no overall grade: grade its "
                    "questions instead, and leave this blank."
                )
            elif not framework.allows(self.overall_grade):
                errors["overall_grade"] = not_on_scale(framework, self.overall_grade)
        if errors:
            raise ValidationError(errors)

    @property
    def shows_overall_grade(self) -> bool:
        """Whether its page has an Overall row: not for a round that gives no
        overall grade (PEEL from 2018/19, fire and rescue) unless one was set."""
        framework = self.round
        if self.overall_grade:
            return True
        if self.is_thematic:
            return False  # it grades no one force
        return framework is None or framework.overall_grade

    @property
    def round(self) -> Framework | None:
        """The programme round it belongs to, when the framework is set."""
        return framework_of(self.framework)

    @property
    def scale(self) -> Scale:
        """HMICFRS added Adequate in PEEL 2021/22: without a framework, a report
        published from then on is taken to use five points."""
        if self.round is not None:
            return self.round.scale
        five_point_from = datetime.date(2021, 7, 1)
        if self.publication_date and self.publication_date >= five_point_from:
            return Scale.FIVE_POINT
        return Scale.FOUR_POINT

    @property
    def name(self) -> str:
        """How people refer to it: "PEEL Effectiveness"; a thematic inspection
        by its title ("Vetting, misconduct and misogyny")."""
        if self.is_thematic and self.pillar:
            return self.pillar
        return f"{self.programme} {self.pillar}".strip()

    @property
    def fieldwork_period(self) -> str:
        """A whole calendar month reads as "October 2016", as reports put it."""
        start, end = self.fieldwork_start, self.fieldwork_end
        if not (start and end):
            day = start or end
            return f"{day:%-d %B %Y}" if day else ""
        last_day = calendar.monthrange(end.year, end.month)[1]
        if (start.year, start.month) == (end.year, end.month):
            if start.day == 1 and end.day == last_day:
                return f"{start:%B %Y}"
            return f"{start:%-d} to {end:%-d %B %Y}"
        if start.day == 1 and end.day == last_day:
            return f"{start:%B %Y} to {end:%B %Y}"
        return f"{start:%-d %B %Y} to {end:%-d %B %Y}"


class GradedQuestion(models.Model):
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(default=1)
    wording = models.TextField(
        max_length=REASON,
        help_text="As the report asks it, e.g. 'How effective is the force at "
        "tackling serious and organised crime?'",
    )
    short_title = models.CharField(
        max_length=100, blank=True, help_text="e.g. Serious and organised crime"
    )
    grade = models.CharField(
        max_length=30,
        choices=Grade.choices,
        blank=True,
        help_text="Leave blank if the question is not graded.",
    )
    summary = models.TextField(blank=True, max_length=NARRATIVE)
    source = models.CharField(
        "where in the document",
        max_length=200,
        blank=True,
        help_text="For a question read from a document: the file and the page or "
        "line its grade was read from.",
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next",
        verbose_name="same question in the previous inspection",
        help_text="Links the question across years, whatever its wording, for the "
        "grade history.",
    )

    objects = GuardedManager.from_queryset(GradedQuestionQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "order"], name="question_order_unique"
            )
        ]

    def __str__(self) -> str:
        return self.short_title or self.wording

    def clean(self) -> None:
        if not (self.grade and self.inspection_id):
            return
        framework = self.inspection.round
        if framework is not None and not framework.allows(self.grade):
            raise ValidationError({"grade": not_on_scale(framework, self.grade)})


def not_on_scale(framework: Framework, grade: str) -> str:
    offered = ", ".join(g.label for g in framework.scale.grades)
    return (
        f"{framework.label} grades on {framework.scale.points} points: "
        f"{Grade(grade).label} is not one of its grades ({offered})."
    )


class Finding(Marked):
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="findings"
    )
    kind = models.CharField(
        max_length=30,
        choices=FindingKind.choices,
        default=FindingKind.AREA_FOR_IMPROVEMENT,
    )
    theme = models.CharField(
        max_length=200,
        blank=True,
        help_text="e.g. Crime and incident management, Service to victims",
    )
    text = models.TextField(max_length=NARRATIVE)
    question = models.ForeignKey(
        GradedQuestion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name="graded question",
    )
    order = models.PositiveSmallIntegerField(default=1)
    number = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="As the report numbers it: 7 for “AFI 7”. Leave blank if the "
        "report does not number it.",
    )
    concern = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
        limit_choices_to={"kind": FindingKind.CAUSE_OF_CONCERN},
        verbose_name="cause of concern it accompanies",
        help_text="For a recommendation: the cause of concern it answers.",
    )
    is_accelerated = models.BooleanField(
        "accelerated",
        default=False,
        help_text="For a cause of concern the inspectorate treats as accelerated: "
        "raised with the force before the report is published.",
    )
    addressed_to = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations_received",
        limit_choices_to={"kind": OrganisationKind.NATIONAL_BODY},
        verbose_name="made to",
        help_text="For a recommendation made to a national body (the College of "
        "Policing, the NPCC, the Home Office). Leave blank for the force or "
        "service inspected.",
    )
    deadline = models.DateField(
        null=True,
        blank=True,
        help_text="For a recommendation: the date the report sets for it, if any.",
    )
    source = models.CharField(
        "where in the document",
        max_length=200,
        blank=True,
        help_text="For a finding read from a document: the file and the page or "
        "line it was read from.",
    )

    objects = GuardedManager.from_queryset(FindingQuerySet)()
    history = HistoricalRecords()

    # Set for a page by inspections.sections.link_concerns, not columns.
    accompanied_by: list[Finding]
    accompanies: Finding | None

    class Meta:
        ordering = ["inspection", "kind", "order", "pk"]
        indexes = [
            models.Index(fields=["inspection", "kind", "order"]),
            # the theme filters' choices: an index-only scan, not the table
            models.Index(fields=["theme"], name="finding_theme"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "kind", "number"],
                condition=Q(number__isnull=False),
                name="finding_number_unique_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(is_accelerated=False)
                | Q(kind=FindingKind.CAUSE_OF_CONCERN),
                name="finding_only_a_cause_of_concern_is_accelerated",
            ),
            models.CheckConstraint(
                condition=Q(kind=FindingKind.RECOMMENDATION)
                | Q(
                    concern__isnull=True,
                    addressed_to__isnull=True,
                    deadline__isnull=True,
                ),
                name="finding_only_a_recommendation_has_concern_addressee_deadline",
            ),
        ]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 80 else f"{self.text[:79]}…"
        return f"{self.get_kind_display()}: {text}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if (
            self.question_id
            and self.inspection_id
            and self.question is not None
            and self.question.inspection_id != self.inspection_id
        ):
            errors["question"] = "Choose a graded question from the same inspection."
        recommendation = self.kind == FindingKind.RECOMMENDATION
        for name, what in RECOMMENDATION_ONLY.items():
            if not recommendation and getattr(self, attname(self, name)) is not None:
                errors[name] = f"Only a recommendation has {what}."
        if self.is_accelerated and self.kind != FindingKind.CAUSE_OF_CONCERN:
            errors["is_accelerated"] = "Only a cause of concern is accelerated."
        concern = self.concern if self.concern_id else None
        if concern is not None and "concern" not in errors:
            if concern.kind != FindingKind.CAUSE_OF_CONCERN:
                errors["concern"] = "Choose a cause of concern."
            elif concern.inspection_id != self.inspection_id:
                errors["concern"] = (
                    "Choose a cause of concern from the same inspection."
                )
        if (
            self.deadline
            and self.inspection_id
            and self.deadline < self.inspection.publication_date
        ):
            errors["deadline"] = (
                "The deadline cannot be before the report was published "
                f"({self.inspection.publication_date:%-d %B %Y})."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def reference(self) -> str:
        """As reports and minutes refer to it: "AFI 7", "Recommendation 3"; empty
        when the report does not number it."""
        if self.number is None:
            return ""
        return f"{SHORT_NAMES.get(self.kind, self.get_kind_display())} {self.number}"

    @property
    def numbered_text(self) -> str:
        """The text after its reference, as a paper lists it: "AFI 7. The force…"."""
        return f"{self.reference}. {self.text}" if self.reference else self.text

    @property
    def is_actionable(self) -> bool:
        return self.kind != FindingKind.STRENGTH


RECOMMENDATION_ONLY = {
    "concern": "a cause of concern it accompanies",
    "addressed_to": "a body it is made to",
    "deadline": "a deadline",
}
SHORT_NAMES: dict[str, str] = {FindingKind.AREA_FOR_IMPROVEMENT: "AFI"}


def attname(instance: models.Model, name: str) -> str:
    """A foreign key's column (`concern_id`), read without a query."""
    field = instance._meta.get_field(name)
    assert isinstance(field, models.Field)  # a column, not a reverse relation
    return field.attname


class ForceYear(models.Model):
    """A force's context for one year: what the seed's "The context" quotes."""

    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField()
    officers = models.PositiveIntegerField(help_text="Police officers (headcount).")
    population = models.PositiveIntegerField(help_text="Residents of the force area.")
    savings_to_date = models.DecimalField(
        "cumulative savings (£m)",
        max_digits=7,
        decimal_places=1,
        default=0,
        help_text="Savings made since the base year, in millions of pounds.",
    )

    class Meta:
        ordering = ["force", "year"]
        constraints = [
            models.UniqueConstraint(fields=["force", "year"], name="one_row_a_year"),
            models.CheckConstraint(
                condition=Q(officers__gt=0), name="officers_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.force}, {self.year}"

    @property
    def residents_per_officer(self) -> int:
        return round(self.population / self.officers)


class AmendmentSource(models.TextChoices):
    IMPORT = "import", "Imported document"
    ADMIN = "admin", "Edited in the admin"


class Amendment(models.Model):
    """A change to an inspection already held — its grades, findings or details —
    recorded with who made it, when and what changed. A published inspection is
    never changed without one (inspections.services)."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="amendments"
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when made from the command line.",
    )
    made_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=10, choices=AmendmentSource.choices)
    was_published = models.BooleanField(
        help_text="The inspection was published on the site when it was amended."
    )
    changes = models.TextField(help_text="What changed, one change a line.")

    class Meta:
        ordering = ["-made_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.inspection}: amended {self.made_at:%-d %B %Y}"

    @property
    def change_list(self) -> list[str]:
        return [line for line in self.changes.splitlines() if line.strip()]


class InspectorateView(models.Model):
    """What the inspectorate says of a finding's progress, as it dated it: its
    view, beside (never instead of) the force's own status of its actions."""

    finding = models.ForeignKey(
        Finding,
        on_delete=models.CASCADE,
        related_name="inspectorate_views",
        limit_choices_to=~Q(kind=FindingKind.STRENGTH),
    )
    status = models.CharField(max_length=20, choices=InspectorateStatus.choices)
    date = models.DateField(help_text="The date the inspectorate gave this view.")
    comment = models.TextField(blank=True, max_length=NARRATIVE)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = GuardedManager.from_queryset(InspectorateViewQuerySet)()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "inspectorate's view"
        verbose_name_plural = "inspectorate's views"
        ordering = ["finding", "-date", "-pk"]
        indexes = [models.Index(fields=["finding", "-date"])]

    def __str__(self) -> str:
        return f"{self.get_status_display()}, {self.date:%-d %B %Y}"

    def clean(self) -> None:
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": "The view cannot be dated in the future."})
        if (
            self.date
            and self.finding_id
            and self.date < self.finding.inspection.publication_date
        ):
            raise ValidationError(
                {
                    "date": "The view cannot be dated before the report was "
                    f"published ({self.finding.inspection.publication_date:%-d %B %Y})."
                }
            )


class MonitoringPeriod(models.Model):
    """A time a force or service spent in HMICFRS's Scan or Engage monitoring:
    when it entered and left, why, and the reports that led to it."""

    force = models.ForeignKey(
        Force, on_delete=models.CASCADE, related_name="monitoring_periods"
    )
    stage = models.CharField(max_length=10, choices=MonitoringStage.choices)
    entered = models.DateField()
    left = models.DateField(null=True, blank=True, help_text="Blank while it lasts.")
    reasons = models.TextField(max_length=NARRATIVE)
    inspections = models.ManyToManyField(
        Inspection,
        blank=True,
        related_name="monitoring_periods",
        verbose_name="related reports",
    )
    improvement_plan = models.TextField(
        blank=True,
        max_length=NARRATIVE,
        help_text="In Engage the force must produce an improvement plan: what it "
        "is, where it is published, and how it is going.",
    )

    objects = GuardedManager.from_queryset(MonitoringPeriodQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["force", "-entered"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left__isnull=True) | Q(left__gte=F("entered")),
                name="monitoring_left_after_it_entered",
            ),
            models.UniqueConstraint(
                fields=["force"],
                condition=Q(left__isnull=True),
                name="monitoring_one_current_period_per_force",
            ),
        ]

    def __str__(self) -> str:
        until = f" to {self.left:%-d %B %Y}" if self.left else ""
        stage = self.get_stage_display()
        return f"{self.force}: {stage} from {self.entered:%-d %B %Y}{until}"

    def clean(self) -> None:
        errors = {}
        today = timezone.localdate()
        if self.entered and self.entered > today:
            errors["entered"] = "It cannot have entered monitoring in the future."
        if self.left and self.left > today:
            errors["left"] = "It cannot have left monitoring in the future."
        elif self.left and self.entered and self.left < self.entered:
            errors["left"] = "It cannot leave monitoring before it entered."
        if self.force_id and not self.left:
            current = MonitoringPeriod.objects.filter(
                force_id=self.force_id, left__isnull=True
            ).exclude(pk=self.pk)
            if current.exists():
                errors["left"] = (
                    f"{self.force} is already in monitoring with no end date: give "
                    "that period the date it left first."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def is_current(self) -> bool:
        return self.left is None


class RaisedBeforeState(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    CONFIRMED = "confirmed", "Raised again"
    DISMISSED = "dismissed", "Not the same"


class RaisedBeforeQuerySet(models.QuerySet["RaisedBefore"]):
    def visible_to(self, user) -> RaisedBeforeQuerySet:
        """Seen only where both findings are: a link to a sensitive or
        unpublished finding says what it is."""
        return self.filter(
            finding_visibility(user, "finding__")
            & finding_visibility(user, "earlier__")
        )

    def confirmed(self) -> RaisedBeforeQuerySet:
        return self.filter(state=RaisedBeforeState.CONFIRMED)


class RaisedBefore(models.Model):
    """An earlier inspection's finding about the same organisation that reads
    like this one (`score`: the share of their words they hold in common), which
    a chief officer or the Commissioner's office confirms as raised again or
    dismisses. inspections.raised_before.raised_before_suggest proposes them."""

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="raised_before_links"
    )
    earlier = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="raised_again_links"
    )
    score = models.PositiveSmallIntegerField(help_text="Words in common, in per cent.")
    state = models.CharField(
        max_length=20,
        choices=RaisedBeforeState.choices,
        default=RaisedBeforeState.SUGGESTED,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = RaisedBeforeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["finding", "-score", "pk"]
        verbose_name = "finding raised before"
        verbose_name_plural = "findings raised before"
        constraints = [
            models.UniqueConstraint(
                fields=["finding", "earlier"], name="one_link_a_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.finding} ← {self.earlier} ({self.score}%)"
