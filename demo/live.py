"""A live demo beside the seed: an invented, clearly marked recent inspection
of an invented force, in the style of HMICFRS's PEEL 2025–27 reports (five-point
grades), whose action plan runs now. Its dates are counted from the day it is
first loaded, so that on that day the dashboard, My actions and the reminders
show every live state: due this month, overdue, awaiting sign-off, an extension
request awaiting a decision. Loaded once: a later load leaves it as it is, so
time passes for it as for a real plan."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser
from django.utils import timezone

from actions.choices import RAG, Status
from actions.models import Action, DueDateExtension
from actions.models.extension import ExtensionDecision
from inspections.choices import FindingKind, Grade, Inspectorate, Marking
from inspections.models import Finding, Force, GradedQuestion, Inspection

FORCE = {"slug": "northmoor-demo", "name": "Northmoor Police (invented)"}
TITLE = (
    "PEEL 2025–27: Police effectiveness, efficiency and legitimacy – an "
    "inspection of Northmoor Police (invented for this demonstration)"
)
SUMMARY = (
    "This inspection is invented: no such force or report exists. It is here so "
    "that the dashboard, My actions and the reminders show an action plan that "
    "runs now, beside the real 2017 report of the seed."
)
QUESTIONS = [
    ("Providing a service to victims of crime", Grade.ADEQUATE),
    ("Responding to the public", Grade.REQUIRES_IMPROVEMENT),
    ("Investigating crime", Grade.INADEQUATE),
    ("Protecting vulnerable people", Grade.ADEQUATE),
    ("Managing offenders and suspects", Grade.GOOD),
    ("Building, supporting and protecting the workforce", Grade.ADEQUATE),
]
# (kind, theme, text, question number)
FINDINGS = [
    (
        FindingKind.CAUSE_OF_CONCERN,
        "Investigating crime",
        "The force does not investigate crime well enough: too many investigations "
        "lack supervision and a plan.",
        3,
    ),
    (
        FindingKind.RECOMMENDATION,
        "Investigating crime",
        "Within six months, the force should make sure that every investigation has "
        "a plan and is supervised at set points.",
        3,
    ),
    (
        FindingKind.AREA_FOR_IMPROVEMENT,
        "Responding to the public",
        "The force should answer emergency and non-emergency calls within its targets.",
        2,
    ),
    (
        FindingKind.AREA_FOR_IMPROVEMENT,
        "Protecting vulnerable people",
        "The force should improve how it records the voice of the child.",
        4,
    ),
]
# (finding number, title, owner, days from today to the due date, status,
#  percent, the owner's RAG, what the owner last said)
ACTIONS = [
    (1, "Supervision checkpoints in every investigation", "staff.officer", -21,
     Status.IN_PROGRESS, 60, RAG.GREEN,
     "Checkpoints built into the crime system; training half done."),
    (1, "Investigation plan template and audit", "staff.officer", 12,
     Status.IN_PROGRESS, 40, RAG.AMBER,
     "Template agreed; the first monthly audit is booked."),
    (2, "Call-handling recruitment and rota review", "staff.officer2", -5,
     Status.COMPLETED, 100, RAG.GREEN,
     "Twelve call handlers in post; answer times within target for six weeks."),
    (2, "Non-emergency online reporting", "staff.officer2", 20,
     Status.IN_PROGRESS, 30, RAG.GREEN,
     "Supplier chosen; testing starts next month."),
    (3, "Voice of the child in every referral", "staff.officer", 75,
     Status.NOT_STARTED, 0, RAG.GREEN, ""),
]  # fmt: skip
# Evidence of effect: the measure, the period over which it must be shown (days
# from today) and what it showed, for the action awaiting sign-off.
EFFECT = {
    "Call-handling recruitment and rota review": (
        "At least 90% of 999 calls answered within 10 seconds, in every week of "
        "the demonstration period.",
        -49,
        -7,
        "Six weeks at 91% to 94% (the control room's weekly answer-time report).",
    )
}
EXTENSION = (
    "Investigation plan template and audit",
    45,
    "The crime system upgrade moved by a month; the audit needs it.",
)


EARLIER_TITLE = "PEEL 2021/22: An inspection of Northmoor Police (invented)"
# Two findings the later inspection raised again, and one it did not.
EARLIER_FINDINGS = [
    (
        "Investigating crime",
        "The force should make sure that investigations are supervised and have a "
        "plan.",
    ),
    (
        "Responding to the public",
        "The force should answer emergency and non-emergency calls within its targets.",
    ),
    ("Protecting vulnerable people", "The force should review its use of bail."),
]


def _load_earlier(force: Force) -> None:
    """The force's previous PEEL inspection, for "raised before": created once."""
    if Inspection.objects.filter(force=force, title=EARLIER_TITLE).exists():
        return
    earlier = Inspection.objects.create(
        force=force,
        inspectorate=Inspectorate.HMICFRS,
        programme="PEEL 2021/22",
        framework="peel-2021-22",
        pillar="",
        title=EARLIER_TITLE,
        publication_date=datetime.date(2022, 6, 30),
        overall_grade="",
        is_published=True,
        summary="The force's previous PEEL inspection (invented for the demo).",
    )
    for order, (theme, text) in enumerate(EARLIER_FINDINGS, start=1):
        Finding.objects.create(
            inspection=earlier,
            kind=FindingKind.AREA_FOR_IMPROVEMENT,
            order=order,
            number=order,
            theme=theme,
            text=text,
        )


def live_load(users: dict[str, AbstractUser]) -> Inspection:
    """The invented inspection and its running plan, created once."""
    # the loader's own: an upsert that saves only what changed, and a plan
    # written as its story happened
    from demo.load import _replay, _upsert

    force, _ = _upsert(Force, {"slug": FORCE["slug"]}, {"name": FORCE["name"]})
    _load_earlier(force)
    existing = Inspection.objects.filter(force=force, title=TITLE).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    inspection = Inspection.objects.create(
        force=force,
        inspectorate=Inspectorate.HMICFRS,
        programme="PEEL 2025–27",
        framework="peel-2025-27",
        pillar="",
        title=TITLE,
        publication_date=today - datetime.timedelta(days=40),
        overall_grade="",
        is_published=True,
        summary=SUMMARY,
    )
    questions = [
        GradedQuestion.objects.create(
            inspection=inspection, order=order, wording=wording, grade=grade
        )
        for order, (wording, grade) in enumerate(QUESTIONS, start=1)
    ]
    findings = [
        Finding.objects.create(
            inspection=inspection,
            kind=kind,
            order=order,
            theme=theme,
            text=text,
            question=questions[number - 1],
        )
        for order, (kind, theme, text, number) in enumerate(FINDINGS, start=1)
    ]
    for number, title, owner, due_in, status, percent, rag, said in ACTIONS:
        due = today + datetime.timedelta(days=due_in)
        plan = {
            "description": "",
            "owner": users[owner],
            "lead": users["chief.officer"],
            "due_date": due,
            "marking": Marking.OFFICIAL,
            "is_demo": True,
        }
        days = datetime.timedelta
        if title in EFFECT:
            measure, starts, ends, shown = EFFECT[title]
            plan |= {
                "outcome_measure": measure,
                "demonstration_starts": today + days(starts),
                "demonstration_ends": today + days(ends),
                "outcome_shown": shown,
            }
        updates = []
        if status == Status.COMPLETED:  # by way of in progress
            started = (Status.IN_PROGRESS, rag, 80, "Work under way.")
            updates.append((today - days(20), owner, *started))
        if said:
            updates.append((today - days(3), owner, status, rag, percent, said))
        if updates:
            _replay(findings[number], title, plan, updates, users)
        else:
            Action.objects.create(finding=findings[number], title=title, **plan)
    title, later, reason = EXTENSION
    action = Action.objects.get(finding__inspection=inspection, title=title)
    DueDateExtension.objects.create(
        action=action,
        requested_by=action.owner,
        current_due_date=action.due_date,
        new_due_date=action.due_date + datetime.timedelta(days=later),
        reason=reason,
        decision=ExtensionDecision.PENDING,
    )
    return inspection
