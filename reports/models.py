"""The Commissioner's formal report to the Police and Crime Panel: narrative the
office writes, with the inspection's rating, positives and areas for improvement
filled in from the record."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from accounts.access import unless_held
from inspections.models import Force, Inspection
from inspections.querysets import GuardedManager
from pcc_panel.lib.dates import end_of_day
from pcc_panel.lib.text_limits import DOCUMENT, REASON
from pcc_panel.lib.urls import url_with_pk

IMPLICATION_FIELDS = [
    "implications_financial",
    "implications_legal",
    "implications_equality",
    "implications_risks",
    "implications_plan",
]
# What a committee paper itself says, in its order: what an imported paper fills.
PAPER_FIELDS = [
    "panel_name",
    "report_of",
    "meeting_date",
    "subject",
    "author",
    "purpose",
    "recommendation",
    *IMPLICATION_FIELDS,
    "appendices",
    "background_papers",
    "contact_name",
    "contact_role",
    "contact_email",
]


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PanelReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> PanelReportQuerySet:
        """Published reports are public; drafts are for those who write them
        for the inspected force's area (a draft on no inspection, for anyone
        who writes papers)."""
        if not user.has_perm("reports.change_panelreport"):
            return self.filter(status=ReportStatus.PUBLISHED)
        published = Q(status=ReportStatus.PUBLISHED) | Q(inspection__isnull=True)
        where = "force__organisation"  # whose response the paper sets out
        return self.filter(
            unless_held(user, "reports.change_panelreport", published, where)
        )


class PanelReport(models.Model):
    panel_name = models.CharField(max_length=200, default="Police & Crime Panel")
    meeting_date = models.DateField()
    report_of = models.CharField(
        max_length=200, default="Police and Crime Commissioner"
    )
    subject = models.CharField(max_length=300)
    author = models.CharField(max_length=200, help_text="e.g. Chief Constable")
    inspection = models.ForeignKey(
        Inspection,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="panel_reports",
        help_text="The inspection whose rating, positives and areas for improvement "
        "the report sets out.",
    )
    force = models.ForeignKey(
        Force,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="panel_reports",
        verbose_name="force or service",
        help_text="Whose response the report sets out: the force inspected, or for "
        "a thematic inspection the force this Commissioner oversees.",
    )
    purpose = models.TextField("purpose of report", max_length=DOCUMENT)
    recommendation = models.TextField(max_length=DOCUMENT)
    implications_financial = models.TextField(
        "financial", blank=True, default="None", max_length=DOCUMENT
    )
    implications_legal = models.TextField(
        "legal", blank=True, default="None", max_length=DOCUMENT
    )
    implications_equality = models.TextField(
        "equality impact assessment", blank=True, default="None", max_length=DOCUMENT
    )
    implications_risks = models.TextField(
        "risks and impact", blank=True, max_length=DOCUMENT
    )
    implications_plan = models.TextField(
        "link to Police and Crime Plan", blank=True, max_length=DOCUMENT
    )
    include_action_appendix = models.BooleanField(
        "add an appendix of action plan progress",
        default=False,
        help_text="Each area for improvement's actions, as they stood on the meeting "
        "date, from the audit trail.",
    )
    appendices = models.TextField(
        "list of appendices", blank=True, help_text="One a line.", max_length=DOCUMENT
    )
    background_papers = models.TextField(
        blank=True, help_text="One a line.", max_length=DOCUMENT
    )
    contact_name = models.CharField("person to contact", max_length=200)
    contact_role = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = GuardedManager.from_queryset(PanelReportQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-meeting_date", "subject"]

    def __str__(self) -> str:
        return f"{self.subject} ({self.meeting_date:%-d %B %Y})"

    def save(self, *args, **kwargs) -> None:
        inspection = self.inspection if self.inspection_id is not None else None
        if inspection is not None and inspection.force_id is not None:
            self.force_id = inspection.force_id
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return url_with_pk("reports:detail", self.pk)

    def clean(self) -> None:
        super().clean()
        inspection = self.inspection if self.inspection_id else None
        if inspection is None:
            return
        self.force_id = inspection.force_answering(
            self.force_id,
            unchosen="A thematic inspection applies to several forces: choose the "
            "force whose response the report sets out.",
        )

    @property
    def letterhead(self) -> str:
        """ "Police and Crime Commissioner for Leicestershire", as papers head."""
        if not self.inspection_id or self.inspection is None:
            return self.report_of
        force = self.inspection.force or (self.force if self.force_id else None)
        if force is None:
            return self.report_of
        area = force.name.removesuffix(" Police")
        return f"{self.report_of} for {area}"

    @property
    def as_at(self) -> datetime.datetime:
        """The end of the meeting day: the moment the progress appendix shows."""
        return end_of_day(self.meeting_date)

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    @property
    def implications(self) -> list[tuple[str, str]]:
        implications = []
        for name in IMPLICATION_FIELDS:
            field = self._meta.get_field(name)
            assert isinstance(field, models.Field)  # a column, not a reverse relation
            implications.append((str(field.verbose_name), getattr(self, name)))
        return implications


class SectionKind(models.TextChoices):
    NARRATIVE = "narrative", "Narrative"
    RATING = "rating", "The rating (from the inspection)"
    POSITIVES = "positives", "The positives (the inspection's strengths)"
    AREAS = "areas", "Areas for improvement (from the inspection, by theme)"
    CONTEXT = "context", "The force's context figures (computed, with a chart)"


class ReportSection(models.Model):
    report = models.ForeignKey(
        PanelReport, on_delete=models.CASCADE, related_name="sections"
    )
    order = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(
        max_length=20, choices=SectionKind.choices, default=SectionKind.NARRATIVE
    )
    heading = models.CharField(max_length=200)
    text = models.TextField(
        max_length=DOCUMENT,
        blank=True,
        help_text="Paragraphs separated by a blank line; each is numbered. In a "
        "section filled in from the inspection, the paragraph that introduces it.",
    )
    text_after = models.TextField(
        max_length=DOCUMENT,
        blank=True,
        help_text="In a section filled in from the inspection: paragraphs after it.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "order", "pk"]

    def __str__(self) -> str:
        return self.heading


class ReportAmendment(models.Model):
    """A change to a report after it was published, with what changed and why:
    the paper lists them, so no reader is misled by a quiet edit."""

    report = models.ForeignKey(
        PanelReport, on_delete=models.CASCADE, related_name="amendments"
    )
    made_at = models.DateTimeField(auto_now_add=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField("what changed, and why", max_length=REASON)

    class Meta:
        ordering = ["made_at", "pk"]

    def __str__(self) -> str:
        return f"Amendment to {self.report} on {self.made_at:%-d %B %Y}"
