"""A person's calendar: their open actions' due dates, the meetings they may
read about, and the section 55 deadlines of responses not yet published, each
read through its model's visibility rule as that person.

A calendar feed leaves the site (a phone, a shared mailbox), so what it says of
anything marked OFFICIAL-SENSITIVE is only that it exists, with its link."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from accounts.access import EVERYWHERE
from accounts.models import User
from actions.models import Action
from governance.models import (
    SECTION_55_DAYS,
    Meeting,
    Section55Response,
    due_on,
    may_open_meetings,
)
from governance.services import reach_to_keep_section_55
from inspections.choices import Marking
from inspections.models import Force, Inspection

PAST_DAYS = 90  # how far back the feed reaches
SENSITIVE = Marking.OFFICIAL_SENSITIVE


def calendar_of(user: User) -> bytes:
    since = timezone.localdate() - datetime.timedelta(days=PAST_DAYS)
    calendar = Calendar()
    calendar.add("prodid", "-//PCC Panel//Calendar feed//EN")
    calendar.add("version", "2.0")
    calendar.add(
        "x-wr-calname",
        f"{settings.SERVICE_NAME}: {user.get_full_name() or user.get_username()}",
    )
    for action in _actions(user, since):
        sensitive = SENSITIVE in (
            action.marking,
            action.finding.marking,
            action.finding.inspection.marking,
        )
        title = "an OFFICIAL-SENSITIVE action" if sensitive else action.title
        calendar.add_component(
            _day(
                f"action-{action.pk}",
                action.due_date,
                f"Action due: {title}",
                reverse("actions:detail", args=[action.pk]),
                "" if sensitive else action.finding.inspection.name,
            )
        )
    meetings = Meeting.objects.visible_to(user)
    for meeting in (
        (meetings if may_open_meetings(user) else meetings.none())
        .filter(date__gte=since)
        .select_related("meeting_type", "force")
    ):
        calendar.add_component(
            _day(
                f"meeting-{meeting.pk}",
                meeting.date,
                str(meeting),
                meeting.get_absolute_url(),
            )
        )
    for key, inspection, force in _section_55_due(user, since):
        calendar.add_component(
            _day(
                key,
                due_on(inspection.publication_date),
                f"Section 55 comments due: {force}, {inspection.name}",
                inspection.get_absolute_url(),
                "The Commissioner's comments on the report are due 56 days after "
                "its publication (Police Act 1996, section 55).",
            )
        )
    return calendar.to_ical()


def _actions(user: User, since: datetime.date):
    return (
        Action.objects.visible_to(user)
        .owned_by(user)
        .unfinished()
        .filter(due_date__gte=since)
        .select_related("finding__inspection__force")
        .only(
            "title",
            "due_date",
            "marking",
            "finding__marking",
            "finding__inspection__marking",
            "finding__inspection__title",
            "finding__inspection__programme",
            "finding__inspection__pillar",
            "finding__inspection__publication_date",
            "finding__inspection__force__name",
        )
    )


def _section_55_due(
    user: User, since: datetime.date
) -> list[tuple[str, Inspection, Force | None]]:
    """(uid, inspection, force) for each response the person's office owes and
    has not published: every inspection of a force whose response they keep,
    and each such force a thematic inspection applies to. Two queries."""
    reached = reach_to_keep_section_55(user)
    if reached is not EVERYWHERE and not reached:
        return []
    visible = Inspection.objects.visible_to(user).filter(
        publication_date__gte=since - datetime.timedelta(days=SECTION_55_DAYS)
    )
    published = Section55Response.objects.filter(
        inspection=OuterRef("inspection_id"),
        force=OuterRef("force_id"),
        published_on__isnull=False,
    )
    own = visible.filter(force__isnull=False).alias(inspection_id=F("pk"))
    pairs = Inspection.applies_to.through.objects.filter(
        inspection__in=visible.filter(force__isnull=True).values("pk")
    )
    if reached is not EVERYWHERE:
        own = own.filter(force__organisation__in=reached)
        pairs = pairs.filter(force__organisation__in=reached)
    rows: list[tuple[str, Inspection, Force | None]] = [
        (f"section-55-{i.pk}", i, i.force)
        for i in own.exclude(Exists(published)).select_related("force")
    ]
    rows += [
        (
            f"section-55-{pair.inspection_id}-{pair.force_id}",
            pair.inspection,
            pair.force,
        )
        for pair in pairs.exclude(Exists(published)).select_related(
            "inspection", "force"
        )
    ]
    return rows


def _day(
    uid: str, day: datetime.date, summary: str, path: str, description: str = ""
) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{settings.SITE_URL.split('://')[-1].rstrip('/')}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    url = settings.SITE_URL.rstrip("/") + path
    event.add("url", url)
    event.add("description", f"{description}\n\n{url}".strip())
    event.add("transp", "TRANSPARENT")
    return event
