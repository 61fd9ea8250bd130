"""The page where a chief officer or the Commissioner's office reviews the
earlier findings that read like an inspection's new ones."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from inspections import raised_before
from inspections.models import Inspection, RaisedBefore


@login_required
@require_http_methods(["GET", "POST"])
def raised_before_review(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(
        Inspection.objects.visible_to(request.user).select_related("force"), pk=pk
    )
    if not raised_before.may_decide(request.user, inspection):
        raise PermissionDenied(raised_before.ONLY_ITS_AREA)
    here = reverse("inspections:raised_before", args=[inspection.pk])
    if request.method == "POST":
        if request.POST.get("look") == "again":
            made = raised_before.raised_before_suggest(inspection)
            messages.success(
                request,
                f"{made} new suggestion{'s' if made != 1 else ''}."
                if made
                else "No new suggestions: every alike earlier finding is listed.",
            )
            return redirect(here)
        decision, chosen = request.POST.get("decision"), request.POST.get("link", "")
        link = RaisedBefore.objects.visible_to(request.user).filter(
            finding__inspection=inspection,
            pk=int(chosen) if chosen.isdigit() and len(chosen) < 10 else 0,
        )
        if decision not in ("again", "not") or not link.exists():
            messages.error(request, "Choose a suggestion below, and what it is.")
            return redirect(here)
        done = raised_before.raised_before_decide(
            user=request.user, link=link.get(), raised_again=decision == "again"
        )
        messages.success(
            request,
            f"{done.finding.reference or 'The finding'}: "
            f"{done.get_state_display().lower()}.",
        )
        return redirect(f"{here}#link-{done.pk}")
    links = list(
        RaisedBefore.objects.visible_to(request.user)
        .filter(finding__inspection=inspection)
        .select_related("finding", "earlier__inspection", "decided_by")
        .order_by("finding__kind", "finding__order", "-score", "pk")
    )
    return render(
        request,
        "inspections/raised_before.html",
        {"inspection": inspection, "links": links},
    )
