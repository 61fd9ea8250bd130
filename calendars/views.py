from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from accounts.access import signed_in
from calendars import services
from calendars.feed import calendar_of
from calendars.models import CalendarLink


@login_required
@require_safe
def calendar_page(request: HttpRequest) -> HttpResponse:
    link = CalendarLink.objects.filter(user=signed_in(request)).first()
    return render(request, "calendars/calendar.html", {"link": link})


@login_required
@require_POST
def make_link(request: HttpRequest) -> HttpResponse:
    """A new private address, shown this once; any earlier one stops working."""
    person = signed_in(request)
    replaced = CalendarLink.objects.filter(user=person).exists()
    secret = services.make_link(person, request)
    address = request.build_absolute_uri(reverse("calendars:feed", args=[secret]))
    return render(
        request,
        "calendars/link_made.html",
        {"address": address, "replaced": replaced},
    )


@login_required
@require_POST
def stop_link(request: HttpRequest) -> HttpResponse:
    if services.stop_link(signed_in(request), request):
        messages.success(
            request,
            "Your calendar link has stopped working. Calendars that used it will "
            "show nothing new from this site.",
        )
    else:
        messages.info(request, "You had no calendar link.")
    return redirect("calendars:page")


@require_safe
def feed(request: HttpRequest, secret: str) -> HttpResponse:
    """The calendar itself, opened by its secret rather than a session: a
    calendar application cannot sign in."""
    reader = services.reader_of(secret)
    if reader is None:
        raise Http404("No calendar has this address. It may have been replaced.")
    response = HttpResponse(
        calendar_of(reader), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="pcc-panel.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
