from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import ListView
from django_filters.views import FilterView

from accounts.access import require_action_plans, signed_in
from accounts.decorators import ask_to_confirm
from actions.choices import Status
from actions.exports import export_csv, export_xlsx
from actions.filters import ActionFilter
from actions.forms import (
    ExtensionDecisionForm,
    ExtensionRequestForm,
    ReturnForm,
    SignOffForm,
    WeeklyUpdateForm,
)
from actions.locking import EditConflict
from actions.models import Action, DueDateExtension, Evidence, ProgressUpdate
from actions.models.action import ONLY_OWNER_ASKS
from actions.services import (
    ONLY_CHIEF_DECIDES,
    action_return,
    action_sign_off,
    extension_decide,
    extension_request,
    progress_update_record,
)
from actions.timeline import action_timeline
from actions.workflow import ONLY_YOURS, signs_off

SUMMARY_RELATED = ("owner", "lead", "signed_off_by")
UPDATES_PER_PAGE = 20
HISTORY_SHOWN = 20  # the newest changes, unless the whole history is asked for


def get_action_for_user(
    request: HttpRequest, pk: int, related: tuple[str, ...] = SUMMARY_RELATED
) -> Action:
    """The action, if this person may see it; otherwise not found."""
    return get_object_or_404(
        Action.objects.visible_to(request.user).select_related(
            "force", "finding__inspection__force", *related
        ),
        pk=pk,
    )


@require_safe
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Action plans are not public: anyone not signed in is asked to sign in,
    whatever the id, and an action the person may not see is not found."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    action = get_action_for_user(request, pk)
    return render(
        request, "actions/action_detail.html", _action_context(request, action)
    )


def _action_context(request: HttpRequest, action: Action) -> dict[str, Any]:
    user = request.user
    can_update = action.can_be_updated_by(user)
    extensions = list(
        DueDateExtension.objects.visible_to(user)
        .filter(action=action)
        .select_related("requested_by", "decided_by")
    )
    pending = next((e for e in extensions if e.is_pending), None)
    try:
        action.check_extension_request(user=user, pending=pending is not None)
        may_ask = True
    except (PermissionDenied, ValidationError):
        may_ask = False
    updates = (
        ProgressUpdate.objects.visible_to(user)
        .filter(action=action)
        .select_related("author")
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=Evidence.objects.visible_to(user),
                to_attr="files",
            )
        )
    )
    page = Paginator(updates, UPDATES_PER_PAGE).get_page(request.GET.get("page"))
    whole_history = request.GET.get("history") == "all"
    timeline = None
    if user.is_staff and page.number == 1:
        timeline = action_timeline(action, None if whole_history else HISTORY_SHOWN)
    return {
        "action": action,
        "rag_by_rule": action.rag_by_rule(),
        "updates": page.object_list,
        "page_obj": page,
        "timeline": timeline,
        "can_update": can_update,
        "signs_off": signs_off(action, user),
        "extensions": extensions,
        "extension_form": ExtensionRequestForm(
            earliest=action.earliest_new_due_date(timezone.localdate())
        )
        if may_ask
        else None,
        "decision_form": ExtensionDecisionForm(
            approvable=pending.may_be_approved_on(timezone.localdate())
        )
        if pending and pending.can_be_decided_by(user)
        else None,
        "pending_extension": pending,
    }


@login_required
def action_update(request: HttpRequest, pk: int) -> HttpResponse:
    """The weekly update: a form above the action's history."""
    action = get_action_for_user(request, pk)
    if not action.can_be_updated_by(request.user):
        raise PermissionDenied(ONLY_YOURS)
    form = WeeklyUpdateForm(
        request.POST or None, request.FILES or None, action=action, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            progress_update_record(
                action=action,
                author=signed_in(request),
                narrative=data["narrative"],
                status=data["status"],
                rag=data["rag"],
                percent_complete=data["percent_complete"],
                date=data["date"],
                marking=data["marking"],
                seen_version=data["seen_version"],
                evidence=data["evidence"],
            )
        except EditConflict as conflict:
            _refuse_conflict(form, request, conflict)
        except ValidationError as refusal:
            _add_errors(form, refusal)
        else:
            messages.success(request, f"Your update to “{action.title}” is saved.")
            return redirect(action)
    context = _action_context(request, action) | {"form": form}
    return render(request, "actions/action_update.html", context)


ONLY_CHIEF_SIGNS_OFF = (
    "Only a chief officer can sign off an action, once its owner reports it complete."
)


@dataclass(frozen=True)
class Decision:
    """What a chief officer may do with an action its owner reports complete:
    the form that asks, the service that does it, and what the page says."""

    form: type[forms.Form]
    field: str  # the form's text, given to the service by the same name
    service: Callable[..., Any]
    caption: str
    explanation: str
    button: str
    done: str  # the message, with {title}


SIGN_OFF = Decision(
    SignOffForm, "comment", action_sign_off, "Sign off",
    "Signing off closes the action. A chief officer can reopen it later, with a "
    "reason.", "Sign off and close the action", "“{title}” is signed off and closed.",
)  # fmt: skip
RETURN = Decision(
    ReturnForm, "reason", action_return, "Return to owner",
    "The action goes back to its owner, in progress; they see your reason with it.",
    "Return the action to its owner",
    "“{title}” is returned to its owner, in progress.",
)  # fmt: skip


@login_required
def sign_off_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Sign off: the chief officer reads where the action stands, writes what
    they checked, and the action closes."""
    return _decide(request, pk, SIGN_OFF)


@login_required
def return_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Return to owner: the chief officer says what is still to do, and the
    action is in progress again."""
    return _decide(request, pk, RETURN)


def _decide(request: HttpRequest, pk: int, decision: Decision) -> HttpResponse:
    action = get_action_for_user(request, pk)
    user = signed_in(request)
    if not signs_off(action, user):
        raise PermissionDenied(ONLY_CHIEF_SIGNS_OFF)
    if action.status != Status.COMPLETED and request.method != "POST":
        messages.info(request, "This action is not awaiting sign-off.")
        return redirect(action)
    wanting = action.effect_not_yet_shown() if decision is SIGN_OFF else ""
    if wanting and request.method != "POST":
        messages.info(request, wanting)
        return redirect(action)
    if decision is SIGN_OFF and (asked := ask_to_confirm(request)):
        return asked
    form = decision.form(request.POST or None, initial={"seen_version": action.version})
    if request.method == "POST" and form.is_valid():
        try:
            decision.service(
                action=action,
                user=user,
                seen_version=form.cleaned_data["seen_version"],
                **{decision.field: form.cleaned_data[decision.field]},
            )
        except EditConflict as conflict:
            _refuse_conflict(form, request, conflict)
        except ValidationError as refusal:
            _add_errors(form, refusal)
        else:
            messages.success(request, decision.done.format(title=action.title))
            return redirect(action)
    context = _action_context(request, action) | {"form": form, "decision": decision}
    context["reported"] = _newest_update(context)
    return render(request, "actions/action_decision.html", context)


def _newest_update(context: dict[str, Any]) -> ProgressUpdate | None:
    """What the owner reported last: the first of the updates listed, on their
    first page; on a later page of the history, read again."""
    if context["page_obj"].number == 1:
        return next(iter(context["updates"]), None)
    return context["page_obj"].paginator.object_list.first()


@login_required
@require_POST
def action_extension_request(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_action_for_user(request, pk)
    if not action.can_be_updated_by(request.user):
        raise PermissionDenied(ONLY_OWNER_ASKS)  # before the form: no hint of it
    form = ExtensionRequestForm(
        request.POST, earliest=action.earliest_new_due_date(timezone.localdate())
    )
    if form.is_valid():
        try:
            extension_request(
                action=action, user=signed_in(request), **form.cleaned_data
            )
        except ValidationError as refusal:
            _add_errors(form, refusal)
        else:
            messages.success(request, "Your request for a new due date has been sent.")
            return redirect(action)
    context = _action_context(request, action) | {"extension_form": form}
    return render(request, "actions/action_detail.html", context)


@login_required
@require_POST
def extension_decision(request: HttpRequest, pk: int) -> HttpResponse:
    extension = get_object_or_404(
        DueDateExtension.objects.visible_to(request.user), pk=pk
    )
    if not extension.can_be_decided_by(request.user):
        raise PermissionDenied(ONLY_CHIEF_DECIDES)
    form = ExtensionDecisionForm(
        request.POST, approvable=extension.may_be_approved_on(timezone.localdate())
    )
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            extension_decide(
                extension=extension,
                user=signed_in(request),
                approve=approve,
                note=form.cleaned_data["note"],
            )
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            verb = "approved" if approve else "refused"
            messages.success(request, f"The new due date was {verb}.")
        return redirect(extension.action)
    action = get_action_for_user(request, extension.action_id)
    context = _action_context(request, action) | {"decision_form": form}
    return render(request, "actions/action_detail.html", context)


@login_required
@require_safe
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence is served only here, to people who may see its update."""
    evidence = get_object_or_404(Evidence.objects.visible_to(request.user), pk=pk)
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


class MyActionsView(LoginRequiredMixin, ListView):
    template_name = "actions/my_actions.html"
    paginate_by = 25

    def get_queryset(self):
        user = self.request.user
        return (
            Action.objects.visible_to(user)
            .owned_by(user)
            .open()
            .overdue_first()
            .select_related("force", "finding__inspection")
            .with_last_update(user)
        )


class ActionTrackerView(LoginRequiredMixin, FilterView):
    filterset_class = ActionFilter
    template_name = "actions/action_list.html"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            require_action_plans(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        user = self.request.user
        return (
            Action.objects.visible_to(user).for_tracker(user).order_by("due_date", "pk")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        query = self.request.GET.copy()
        query.pop("page", None)
        filtered = any(self.request.GET.get(name) for name in self.filterset.filters)
        return super().get_context_data(
            export_query=query.urlencode(), is_filtered=filtered, **kwargs
        )


@login_required
@require_safe
def action_export(
    request: HttpRequest, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    require_action_plans(request.user)
    user = request.user
    actions = (
        Action.objects.visible_to(user).for_tracker(user).order_by("due_date", "pk")
    )
    filterset = ActionFilter(request.GET, queryset=actions, request=request)
    rows = filterset.qs if filterset.is_valid() else actions.none()
    export = export_csv if file_format == "csv" else export_xlsx
    return export(rows, sensitive=rows.holds_sensitive(user))


def _refuse_conflict(form, request: HttpRequest, conflict: EditConflict) -> None:
    """Say someone else saved first, keep what was typed, and let the next
    save go ahead against the version now shown."""
    form.add_error(None, conflict.message)
    data = request.POST.copy()
    data["seen_version"] = str(conflict.action.version)
    form.data = data


def _add_errors(form, refusal: ValidationError) -> None:
    if hasattr(refusal, "error_dict"):
        for field, errors in refusal.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, refusal)
