"""Every change to a panel question: asked, given a date, answered, published
with a paper. Each checks who may, where, and what state the question is in;
the site's forms and the paper's publication call these and nothing else."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from accounts.access import AnyUser, may_in, reach
from accounts.models import User
from actions.models import Action
from inspections.models import Force, Inspection
from questions.mail import send_answered
from questions.models import ANSWERS, ASKS, PanelQuestion

LATEST_ANSWER_BY = datetime.timedelta(days=366)


def may_ask(user: AnyUser, force: Force) -> bool:
    return may_in(user, ASKS, force.organisation_id)


def may_answer(user: AnyUser, question: PanelQuestion) -> bool:
    return may_in(user, ANSWERS, question.force.organisation_id)


def force_asked_about(user: AnyUser, subject: Model) -> Force | None:
    """The force a question is about: the inspected force, the action's, the
    paper's; for a thematic inspection, the first it applies to whose panel the
    person sits on."""
    if isinstance(subject, Action):
        return subject.force
    inspection = subject if isinstance(subject, Inspection) else None
    if inspection is None:
        force = getattr(subject, "force", None)
        inspection = getattr(subject, "inspection", None)
        if force is not None:
            return force
    if inspection is None:
        return None
    if inspection.force is not None:
        return inspection.force
    reached = reach(user, ASKS)
    forces = inspection.applies_to.select_related("organisation").order_by("name")
    return next(
        (f for f in forces if reached is None or f.organisation_id in reached), None
    )


@transaction.atomic
def ask(*, user: AnyUser, subject: Model, text: str) -> PanelQuestion:
    """`subject` is read through its model's visibility rule by the caller."""
    force = force_asked_about(user, subject)
    if force is None or not may_ask(user, force):
        raise PermissionDenied(
            "Only members of the Police and Crime Panel that oversees this force "
            "may ask the Commissioner about it."
        )
    assert isinstance(user, User)
    question = PanelQuestion(force=force, text=text.strip(), asked_by=user)
    name = "paper" if subject._meta.label_lower == "reports.panelreport" else ""
    setattr(question, name or str(subject._meta.model_name), subject)
    question.full_clean()
    question.save()
    return question


def _check_may_answer(user: AnyUser, question: PanelQuestion) -> None:
    if not may_answer(user, question):
        raise PermissionDenied(
            "Only the Commissioner's office that oversees this force answers "
            "its panel's questions."
        )
    if question.published_in_id is not None:
        raise ValidationError(
            "This question was published with its answer in a panel paper, so "
            "it no longer changes here."
        )


@transaction.atomic
def answer(
    *,
    user: AnyUser,
    question: PanelQuestion,
    answer_by: datetime.date | None,
    text: str,
    marking: str,
) -> PanelQuestion:
    """Set the date the office will answer by, and (or) the answer. The asker
    is e-mailed when an answer is first given, after the transaction commits."""
    question = PanelQuestion.objects.select_for_update().get(pk=question.pk)
    _check_may_answer(user, question)
    asked_on = timezone.localtime(question.asked_at).date()
    if answer_by is not None and not (
        asked_on <= answer_by <= asked_on + LATEST_ANSWER_BY
    ):
        raise ValidationError(
            {
                "answer_by": "Choose a date from the day it was asked "
                f"({asked_on:%-d %B %Y}) to a year after."
            }
        )
    if question.is_answered and not text.strip():
        raise ValidationError(
            {"answer": "An answer given can be changed, not removed."}
        )
    first_answer = not question.is_answered and bool(text.strip())
    question.answer_by = answer_by
    question.answer = text.strip()
    question.answer_marking = marking
    if text.strip():
        assert isinstance(user, User)
        question.answered_by = user
        question.answered_at = question.answered_at or timezone.now()
    question.full_clean()
    question.save()
    if first_answer:
        transaction.on_commit(lambda: send_answered(question))
    return question


def publish_with(report: Model, force_id: int | None) -> None:
    """Called as a paper is published, in its transaction: the answered
    questions about its force not yet published are published with it, and
    those still unanswered are listed in it as outstanding."""
    if force_id is None:
        return
    waiting = PanelQuestion.objects.filter(force=force_id, published_in__isnull=True)
    waiting.answered().update(published_in=report)
    through = PanelQuestion.outstanding_in.through
    through.objects.bulk_create(
        [
            through(panelquestion_id=pk, panelreport_id=report.pk)
            for pk in waiting.outstanding().values_list("pk", flat=True)
        ],
        ignore_conflicts=True,
    )
