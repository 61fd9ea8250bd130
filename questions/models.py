"""A Police and Crime Panel member's question to the Commissioner about an
inspection, an action or a panel paper, and the office's answer.

The question belongs to the force it is about: its panel's members read all of
them (the panel sees all its members' questions), the office overseeing the
force answers them. Once published with a paper (answered, or listed as
outstanding), anyone reads it; an OFFICIAL-SENSITIVE answer only those who read
such material there."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from accounts.access import AnyUser, may_in, unless_held
from inspections.choices import Marking
from inspections.models import Force
from inspections.querysets import GuardedManager
from pcc_panel.lib.text_limits import NARRATIVE, REASON

READS = "questions.view_panelquestion"
ASKS = "questions.add_panelquestion"
ANSWERS = "questions.answer_panelquestion"
PUBLISHED = "published"  # reports.models.ReportStatus.PUBLISHED, a layer above


def question_visibility(user: AnyUser) -> Q:
    listed = PanelQuestion.outstanding_in.through.objects.filter(
        panelquestion=OuterRef("pk"), panelreport__status=PUBLISHED
    )
    published = Q(published_in__status=PUBLISHED) | Q(Exists(listed))
    return unless_held(user, READS, published, "force__organisation")


class PanelQuestionQuerySet(models.QuerySet["PanelQuestion"]):
    def visible_to(self, user: AnyUser) -> PanelQuestionQuerySet:
        return self.filter(question_visibility(user))

    def outstanding(self) -> PanelQuestionQuerySet:
        return self.filter(answered_at__isnull=True)

    def answered(self) -> PanelQuestionQuerySet:
        return self.filter(answered_at__isnull=False)


class PanelQuestion(models.Model):
    force = models.ForeignKey(
        Force, on_delete=models.PROTECT, related_name="panel_questions"
    )
    inspection = models.ForeignKey(
        "inspections.Inspection",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="panel_questions",
    )
    action = models.ForeignKey(
        "actions.Action",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="panel_questions",
    )
    paper = models.ForeignKey(
        "reports.PanelReport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="panel_questions",
        verbose_name="panel paper asked about",
    )
    text = models.TextField("question", max_length=REASON)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(auto_now_add=True)
    answer_by = models.DateField(
        "to be answered by",
        null=True,
        blank=True,
        help_text="The date the Commissioner's office sets for its answer.",
    )
    answer = models.TextField(blank=True, max_length=NARRATIVE)
    answer_marking = models.CharField(
        "the answer's protective marking",
        max_length=20,
        choices=Marking.choices,
        default=Marking.OFFICIAL,
        help_text="An OFFICIAL-SENSITIVE answer is read only by those entitled to "
        "such material; the question is published without it.",
    )
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )
    published_in = models.ForeignKey(
        "reports.PanelReport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="questions_answered",
        help_text="The paper this question and its answer were published with.",
    )
    outstanding_in = models.ManyToManyField(
        "reports.PanelReport",
        blank=True,
        editable=False,
        related_name="questions_outstanding",
        help_text="Papers that listed this question as not yet answered.",
    )

    objects = GuardedManager.from_queryset(PanelQuestionQuerySet)()
    history = HistoricalRecords(excluded_fields=["asked_at"])

    class Meta:
        ordering = ["-asked_at", "-pk"]
        permissions = [("answer_panelquestion", "Can answer the Panel's questions")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(inspection__isnull=False, action__isnull=True, paper__isnull=True)
                    | Q(
                        inspection__isnull=True,
                        action__isnull=False,
                        paper__isnull=True,
                    )
                    | Q(
                        inspection__isnull=True,
                        action__isnull=True,
                        paper__isnull=False,
                    )
                ),
                name="a_question_is_about_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"Question of {self.asked_at:%-d %B %Y}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("questions:detail", args=[self.pk])

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def subject(self) -> models.Model:
        return self.inspection or self.action or self.paper  # type: ignore[return-value]

    def answer_shown_to(self, user: AnyUser) -> bool:
        """The marking rule, for the answer: OFFICIAL for whoever reads the
        question; OFFICIAL-SENSITIVE only where they read such material."""
        if not self.is_answered:
            return False
        if self.answer_marking != Marking.OFFICIAL_SENSITIVE:
            return True
        return may_in(user, "inspections.view_sensitive", self.force.organisation_id)
