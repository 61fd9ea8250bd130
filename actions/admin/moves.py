from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse

from actions.services import action_move
from actions.workflow import check_move, label
from pcc_panel.lib.text_limits import NARRATIVE


def bulk_move(model_admin, request, queryset, status: str):
    """Move the chosen actions, each as far as the state machine and the
    person's rights allow; the note becomes each one's progress update."""
    actions = list(queryset)
    note = request.POST.get("note", "").strip()
    too_long = len(note) > NARRATIVE
    if request.POST.get("confirm") and note and not too_long:
        moved, refused = 0, []
        for action in actions:
            try:
                action_move(action=action, user=request.user, status=status, note=note)
                moved += 1
            except (ValidationError, PermissionDenied) as refusal:
                refused.append(f"{action}: {' '.join(_messages_of(refusal))}")
        if moved:
            model_admin.message_user(
                request, f"{moved} action{pluralize(moved)} moved to {label(status)}."
            )
        for line in refused:
            model_admin.message_user(request, f"Not moved: {line}", messages.WARNING)
        return None
    rows = []
    for action in actions:
        try:
            check_move(action, request.user, status)
            rows.append((action, ""))
        except (ValidationError, PermissionDenied) as refusal:
            rows.append((action, " ".join(_messages_of(refusal))))
    return TemplateResponse(
        request,
        "admin/actions/action/bulk_move.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": f"Move to {label(status)}",
            "status_label": label(status),
            "rows": rows,
            "movable": sum(1 for _, refusal in rows if not refusal),
            "action_name": request.POST.get("action"),
            "note_missing": bool(request.POST.get("confirm")) and not note,
            "note_too_long": too_long,
            "note": note,
            "note_limit": NARRATIVE,
            "opts": model_admin.model._meta,
            "selected": [action.pk for action in actions],
        },
    )


def _messages_of(refusal: ValidationError | PermissionDenied) -> list[str]:
    if isinstance(refusal, ValidationError):
        return refusal.messages
    return [str(refusal)]
