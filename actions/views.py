from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from actions.models import Action
from actions.timeline import action_timeline


@require_safe
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Action plans are not public: anyone not signed in is asked to sign in,
    whatever the id, and an action the person may not see is not found."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    action = get_object_or_404(
        Action.objects.visible_to(request.user).select_related(
            "finding__inspection__force", "owner", "lead"
        ),
        pk=pk,
    )
    can_update = action.can_be_updated_by(request.user)
    return render(
        request,
        "actions/action_detail.html",
        {
            "action": action,
            "updates": action.updates.visible_to(request.user).select_related("author"),
            "timeline": action_timeline(action) if request.user.is_staff else None,
            "admin_url": reverse("admin:actions_action_change", args=[action.pk])
            if can_update
            else None,
        },
    )
