"""The questions a panel paper publishes: those answered since the last paper
about its force, and those still outstanding. A published paper shows what it
published; a draft, what publishing it now would."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from accounts.access import AnyUser
from inspections.choices import Marking
from questions.models import PUBLISHED, PanelQuestion


@dataclass
class PaperQuestions:
    answered: list[tuple[PanelQuestion, bool]] = field(default_factory=list)
    outstanding: list[PanelQuestion] = field(default_factory=list)

    @property
    def sensitive(self) -> bool:
        """An OFFICIAL-SENSITIVE answer is shown: the paper is marked so."""
        return any(
            shown and q.answer_marking == Marking.OFFICIAL_SENSITIVE
            for q, shown in self.answered
        )


def questions_of_paper(
    report_pk: int, status: str, force_id: int | None, user: AnyUser
) -> PaperQuestions:
    """One query (none for a paper about no force)."""
    if force_id is None:
        return PaperQuestions()
    questions = PanelQuestion.objects.select_related("asked_by", "force")
    if status == PUBLISHED:
        listed = PanelQuestion.outstanding_in.through.objects.filter(
            panelreport=report_pk
        ).values("panelquestion")
        rows = questions.visible_to(user).filter(
            Q(published_in=report_pk) | Q(pk__in=listed)
        )
    else:
        # A draft: what publishing it now would publish, which every reader of
        # the published paper reads (question_visibility). Only its writers
        # read a draft (PanelReport.visible_to), and they read its force's
        # questions; their previews, as the public or the panel, show it so.
        rows = questions.filter(force=force_id, published_in__isnull=True)
    asked = PaperQuestions()
    for question in rows.order_by("asked_at", "pk"):
        if question.is_answered and (
            status != PUBLISHED or question.published_in_id == report_pk
        ):
            asked.answered.append((question, question.answer_shown_to(user)))
        else:
            asked.outstanding.append(question)
    return asked
