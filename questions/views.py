from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from accounts.access import sees_action_plans, signed_in
from actions.models import Action
from inspections.models import Inspection
from questions import mail, services
from questions.forms import AnswerForm, AskForm
from questions.models import READS, PanelQuestion
from reports.models import PanelReport

SUBJECTS: dict[str, type[Model]] = {
    "inspection": Inspection,
    "action": Action,
    "paper": PanelReport,
}
PER_PAGE = 25


def _questions(user):
    return PanelQuestion.objects.visible_to(user).select_related(
        "force", "asked_by", "inspection", "action", "paper", "published_in"
    )


@require_safe
def question_list(request: HttpRequest) -> HttpResponse:
    """Outstanding questions for those who read the panel's questions; answered
    ones for everyone, as far as each may read them."""
    questions = _questions(request.user)
    outstanding = (
        list(questions.outstanding().order_by("answer_by", "asked_at"))
        if request.user.has_perm(READS)
        else []
    )
    answered = Paginator(
        questions.answered().order_by("-answered_at", "-pk"), PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "questions/question_list.html",
        {
            "outstanding": outstanding,
            "page_obj": answered,
            "today": timezone.localdate(),
        },
    )


def _subject(request: HttpRequest, kind: str, pk: int) -> Model:
    model = SUBJECTS.get(kind)
    if model is None:
        raise Http404("Questions are asked about an inspection, an action or a paper.")
    rows = model._default_manager.visible_to(request.user)  # type: ignore[attr-defined]
    return get_object_or_404(rows, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    subject = _subject(request, kind, pk)
    force = services.force_asked_about(request.user, subject)
    if force is None or not services.may_ask(request.user, force):
        raise PermissionDenied(
            "Only members of the Police and Crime Panel that oversees this force "
            "may ask the Commissioner about it."
        )
    form = AskForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        question = services.ask(
            user=request.user, subject=subject, text=form.cleaned_data["text"]
        )
        asker = signed_in(request)
        later = (
            f"You will be e-mailed at {asker.email} when it is answered."
            if mail.reaches(asker)
            else "Your account has no e-mail address, so you will not be e-mailed: "
            "the answer will be on this page."
        )
        messages.success(
            request, f"Your question was sent to the Commissioner's office. {later}"
        )
        return redirect(question)
    return render(
        request,
        "questions/ask.html",
        {"form": form, "subject": subject, "kind": kind, "force": force},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(_questions(request.user), pk=pk)
    may_answer = services.may_answer(request.user, question) and not (
        question.published_in_id
    )
    initial = {
        "answer_by": question.answer_by,
        "answer": question.answer,
        "answer_marking": question.answer_marking,
    }
    form = AnswerForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST":
        if not may_answer:
            raise PermissionDenied(
                "Only the Commissioner's office that oversees this force answers "
                "its panel's questions, until the answer is published."
            )
        if form.is_valid():
            was_answered = question.is_answered
            try:
                services.answer(
                    user=request.user,
                    question=question,
                    answer_by=form.cleaned_data["answer_by"],
                    text=form.cleaned_data["answer"],
                    marking=form.cleaned_data["answer_marking"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                done = "Answer saved." if was_answered else "Saved."
                if form.cleaned_data["answer"].strip() and not was_answered:
                    done = (
                        "Answer saved, and the member e-mailed to say so."
                        if mail.reaches(question.asked_by)
                        else "Answer saved. The member has no e-mail address, so "
                        "was not e-mailed."
                    )
                messages.success(request, done)
                return redirect(question)
    subject = question.subject
    subject_shown = (
        type(subject)
        ._default_manager.visible_to(request.user)
        .filter(pk=subject.pk)
        .exists()
    )
    return render(
        request,
        "questions/question_detail.html",
        {
            "question": question,
            "subject": subject,
            "subject_shown": subject_shown,
            "answer_shown": question.answer_shown_to(request.user),
            "form": form if may_answer else None,
            "paper_shown": question.published_in_id is not None,
            "plan_reader": sees_action_plans(request.user),
        },
        status=400 if form.errors else 200,
    )
