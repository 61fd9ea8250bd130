"""A national data set for benchmarks: every force's PEEL inspections for years,
with action plans and weekly progress. Invented, reproducible from a seed
number, written with bulk inserts. Never load it into a real database."""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Membership
from accounts.roles import Role
from actions.choices import RAG, Status
from actions.models import Action, DueDateExtension, ProgressUpdate
from demo.areas import commissioners_area, force_named
from governance.models import Section55Response
from inspections.choices import FindingKind, Grade, Inspectorate
from inspections.forces import TERRITORIAL_FORCES
from inspections.models import (
    Finding,
    Force,
    GradedQuestion,
    Inspection,
    RaisedBefore,
)
from inspections.raised_before import raised_before_decide, raised_before_suggest
from reports.models import PanelReport, ReportSection, ReportStatus, SectionKind

FORCES = TERRITORIAL_FORCES
PILLARS = {
    "Effectiveness": [
        "How effective is the force at preventing crime and tackling anti-social "
        "behaviour?",
        "How effective is the force at investigating crime and reducing re-offending?",
        "How effective is the force at protecting vulnerable people and supporting "
        "victims?",
        "How effective is the force at tackling serious and organised crime?",
    ],
    "Efficiency": [
        "How well does the force understand demand?",
        "How well does the force use its resources?",
        "How well is the force planning for the future?",
    ],
    "Legitimacy": [
        "How well does the force treat the people it serves?",
        "How well does the force ensure that its workforce behaves ethically and "
        "lawfully?",
        "How well does the force treat its workforce?",
    ],
}
THEMES = [
    "Crime and incident management", "Service to victims", "Vulnerability",
    "Neighbourhood policing", "Investigation standards", "Workforce wellbeing",
    "Demand and resources", "Use of force and stop and search",
]  # fmt: skip
IMPROVE = [
    "improve the supervision of investigations", "reduce delays in contacting victims",
    "improve its response to reports of domestic abuse",
    "make sure risk assessments are completed at first contact",
    "improve the quality of crime recording", "review how it manages missing children",
    "improve how it uses bail and released-under-investigation conditions",
    "develop its understanding of demand", "improve its wellbeing provision",
    "make sure officers record their use of force",
    "improve its analysis of stop and search data",
    "improve how it shares intelligence with partners",
]  # fmt: skip
STRENGTHS = [
    "Works well with partner agencies to prevent crime",
    "Neighbourhood teams understand their communities",
    "Manages the risk posed by dangerous and sexual offenders well",
    "Has a good understanding of the threats from serious and organised crime",
    "Plans well for the future",
    "Treats the public fairly and with respect",
]
STEPS = [
    "Review current practice", "Train response officers", "Introduce a new policy",
    "Audit a sample of cases", "Report to the Strategic Assurance Board",
    "Pilot a new approach in one area", "Agree a protocol with partners",
]  # fmt: skip
NARRATIVE = [
    "Work continues as planned.", "Training sessions delivered this week.",
    "Audit sample reviewed; findings shared with leads.",
    "Waiting for partner agencies to agree the protocol.",
    "Policy drafted and out for consultation.", "Pilot running in the north area.",
    "Figures reported to the chief officer team.",
]  # fmt: skip
DATA_DATE = datetime.date(2026, 11, 20)  # the "today" of the data, fixed
LAST_YEAR = 2025
BATCH = 2000


@dataclass
class Counts:
    forces: int = 0
    users: int = 0
    inspections: int = 0
    findings: int = 0
    actions: int = 0
    updates: int = 0
    history: int = 0
    extensions: int = 0
    suggested: int = 0
    raised_again: int = 0


def generate(
    *, forces: int, years: int, seed: int, progress: Callable[[str], None]
) -> Counts:
    """Everything for `forces` forces over `years` years; refuses to run twice."""
    rng = random.Random(seed)
    counts = Counts()
    User = get_user_model()
    if User.objects.filter(username__endswith=".gen").exists():
        raise ValueError(
            "Generated data is already here: run it on an empty database "
            "(make bench does)."
        )
    password = make_password("pcc-panel-bench")
    everyone = []
    for number, name in enumerate(FORCES[:forces], start=1):
        with transaction.atomic():
            force = force_named(name, slugify(name))
            people = _people(force, password, counts)
            for year in range(LAST_YEAR - years + 1, LAST_YEAR + 1):
                for pillar in rng.sample(sorted(PILLARS), 2):
                    _inspection(rng, force, year, pillar, people, counts)
            _raised_before(force, people, seed, counts)
        everyone.append((force, people))
        counts.forces += 1
        progress(
            f"{number}/{forces} {name}: {counts.actions:,} actions, "
            f"{counts.updates:,} updates so far"
        )
    with transaction.atomic():
        _thematic(rng, everyone, counts)
    progress(f"A thematic inspection for all {forces}: {counts.actions:,} actions")
    return counts


def _thematic(rng, everyone: list[tuple[Force, dict]], counts: Counts) -> None:
    """One thematic inspection whose recommendations apply to every force, each
    force with its own plan for them and its Commissioner's response."""
    published = DATA_DATE - datetime.timedelta(days=300)
    inspection = Inspection.objects.create(
        force=None,
        inspectorate=Inspectorate.HMICFRS,
        programme="Thematic",
        pillar="Generated thematic inspection",
        title="A thematic inspection of all forces (generated, not a real report)",
        publication_date=published,
        is_published=True,
    )
    inspection.applies_to.set([force for force, _ in everyone])
    counts.inspections += 1
    findings = Finding.objects.bulk_create(
        Finding(
            inspection=inspection,
            kind=FindingKind.RECOMMENDATION,
            theme=rng.choice(THEMES),
            text=f"Chief constables should {rng.choice(IMPROVE)} ({number}).",
            order=number,
            number=number,
        )
        for number in range(1, 7)
    )
    counts.findings += len(findings)
    for force, people in everyone:
        _action_plan(rng, findings, published, people, counts, force=force)
        if rng.random() < 0.7:
            Section55Response.objects.create(
                inspection=inspection,
                force=force,
                published_on=published + datetime.timedelta(days=rng.randint(20, 70)),
                commissioner_comments="The Commissioner welcomes the report.",
            )


def _people(force: Force, password: str, counts: Counts) -> dict[str, list]:
    User = get_user_model()
    roles = [
        (Role.STAFF_OFFICER, "staff", 8, True),
        (Role.CHIEF_OFFICER, "chief", 2, True),
        (Role.COMMISSIONERS_OFFICE, "pcc", 1, True),
        (Role.PANEL_MEMBER, "panel", 2, False),
    ]
    office, panel = commissioners_area(force)
    where = {
        Role.STAFF_OFFICER: force.organisation,
        Role.CHIEF_OFFICER: force.organisation,
        Role.COMMISSIONERS_OFFICE: office,
        Role.PANEL_MEMBER: panel,
    }
    people: dict[str, list] = {}
    for role, prefix, count, is_staff in roles:
        users = User.objects.bulk_create(
            [
                User(
                    username=f"{force.slug}.{prefix}{n}.gen",
                    first_name=prefix.capitalize(),
                    last_name=f"{n} ({force.name})",
                    password=password,
                    is_staff=is_staff,
                )
                for n in range(1, count + 1)
            ]
        )
        Membership.objects.bulk_create(
            Membership(user=user, organisation=where[role], role=role) for user in users
        )
        people[prefix] = users
        counts.users += len(users)
    return people


def _inspection(rng, force, year, pillar, people, counts: Counts) -> None:
    published = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
    fieldwork_end = published - datetime.timedelta(days=rng.randint(60, 120))
    questions = PILLARS[pillar]
    grades = [rng.choice(list(Grade)) for _ in questions]
    inspection = Inspection.objects.create(
        force=force,
        inspectorate=Inspectorate.HMICFRS,
        programme="PEEL",
        pillar=pillar,
        title=f"PEEL {pillar} {year}: {force.name} (generated, not a real report)",
        fieldwork_start=fieldwork_end - datetime.timedelta(days=14),
        fieldwork_end=fieldwork_end,
        publication_date=published,
        overall_grade=max(grades, key=lambda g: g.rank),
        is_published=True,
    )
    counts.inspections += 1
    graded = GradedQuestion.objects.bulk_create(
        GradedQuestion(inspection=inspection, order=order, wording=wording, grade=grade)
        for order, (wording, grade) in enumerate(zip(questions, grades, strict=True), 1)
    )
    findings = [
        Finding(
            inspection=inspection,
            kind=FindingKind.STRENGTH,
            text=text,
            order=order,
            question=rng.choice(graded),
        )
        for order, text in enumerate(rng.sample(STRENGTHS, 5), start=1)
    ]
    themes = rng.sample(THEMES, 3)
    for order in range(1, 14):
        findings.append(
            Finding(
                inspection=inspection,
                kind=FindingKind.AREA_FOR_IMPROVEMENT,
                theme=themes[order % 3],
                text=f"The force should {rng.choice(IMPROVE)} ({order}).",
                order=order,
                question=rng.choice(graded),
            )
        )
    for kind in (FindingKind.RECOMMENDATION, FindingKind.CAUSE_OF_CONCERN):
        findings.append(
            Finding(
                inspection=inspection,
                kind=kind,
                theme=themes[0],
                text=f"By the end of {year + 1}, the force should "
                f"{rng.choice(IMPROVE)}.",
                order=1,
                question=rng.choice(graded),
            )
        )
    findings = Finding.objects.bulk_create(findings)
    counts.findings += len(findings)
    _action_plan(
        rng, [f for f in findings if f.is_actionable], published, people, counts
    )
    Section55Response.objects.create(
        inspection=inspection,
        chief_officer_invited_on=published,
        published_on=published + datetime.timedelta(days=rng.randint(20, 70)),
        commissioner_comments="The Commissioner welcomes the report.",
    )
    _panel_report(inspection, people)


def _raised_before(force: Force, people, seed: int, counts: Counts) -> None:
    """For each inspection, the earlier findings its own read like, suggested
    as an import suggests them, and a chief officer's decision on two of most
    inspections' suggestions: one raised again, one not the same."""
    rng = random.Random(f"{seed}:{force.slug}")  # the rest of the data unchanged
    chief = people["chief"][0]
    inspections = Inspection.objects.filter(force=force).order_by("publication_date")
    for inspection in inspections:
        counts.suggested += raised_before_suggest(inspection)
        best = list(
            RaisedBefore.objects.filter(finding__inspection=inspection).order_by(
                "-score", "pk"
            )[:6]
        )
        if len(best) < 2:
            continue
        again, other = rng.sample(best, 2)
        raised_before_decide(user=chief, link=again, raised_again=True)
        raised_before_decide(user=chief, link=other, raised_again=False)
        counts.raised_again += 1


def _action_plan(
    rng, findings, published, people, counts: Counts, force: Force | None = None
) -> None:
    """Each finding's actions, in `force`'s plan (by default the inspected
    force's)."""
    actions, lives = [], []
    for finding in findings:
        for step in rng.sample(STEPS, rng.randint(3, 6)):
            start = published + datetime.timedelta(days=rng.randint(0, 30))
            # the latest year's plans are still running at DATA_DATE
            weeks = (
                rng.randint(6, 22)
                if published.year < LAST_YEAR
                else rng.randint(30, 90)
            )
            end = start + datetime.timedelta(weeks=weeks)
            finished = end <= DATA_DATE
            status = (
                rng.choice([Status.CLOSED] * 4 + [Status.COMPLETED])
                if finished
                else rng.choice([Status.IN_PROGRESS] * 5 + [Status.BLOCKED])
            )
            last = min(end, DATA_DATE)
            done = weeks if finished else max(0, (last - start).days // 7)
            percent = 100 if finished else min(95, round(100 * done / weeks))
            owner = rng.choice(people["staff"])
            lead = rng.choice(people["chief"])
            actions.append(
                Action(
                    finding=finding,
                    force_id=force.pk if force else finding.inspection.force_id,
                    title=f"{step}: {finding.text[:120]}",
                    owner=owner,
                    lead=lead,
                    due_date=start + datetime.timedelta(weeks=rng.randint(8, 30)),
                    original_due_date=start + datetime.timedelta(weeks=8),
                    status=Status.NOT_STARTED,
                    rag=RAG.GREEN,
                    percent_complete=0,
                    is_demo=True,
                    version=done + 1,
                )
            )
            ending = (status, RAG.GREEN if finished else rng.choice(list(RAG)), percent)
            lives.append((start, done, weeks, ending))
    actions = Action.objects.bulk_create(actions, batch_size=BATCH)
    counts.actions += len(actions)
    updates, history = [], []
    HistoricalAction = Action.history.model
    for action, (start, done, weeks, ending) in zip(actions, lives, strict=True):
        status, rag, percent = ending
        for week in range(1, done + 1):
            final = week == done  # the last update says where the action ends
            updates.append(
                ProgressUpdate(
                    action=action,
                    # a closing update is the lead's: chief officers sign off
                    author=action.lead
                    if final and status == Status.CLOSED
                    else action.owner,
                    date=start + datetime.timedelta(weeks=week),
                    narrative=rng.choice(NARRATIVE),
                    status=status if final else Status.IN_PROGRESS,
                    rag=rag if final else rng.choice(list(RAG)),
                    percent_complete=percent
                    if final
                    else round(100 * week / (weeks + 1)),
                )
            )
        for when, kind, state in (
            (start, "+", {"status": Status.NOT_STARTED, "percent_complete": 0}),
            (start + datetime.timedelta(weeks=done), "~", None),
        ):
            history.append((action, when, kind, state))
    ProgressUpdate.objects.bulk_create(updates, batch_size=BATCH)
    for update in updates:  # in date order: each action ends where its last is
        update.action.follow(update, at=_noon(update.date))
    Action.objects.bulk_update(actions, FOLLOWED, batch_size=BATCH)
    HistoricalAction.objects.bulk_create(
        [
            HistoricalAction(
                **{**_fields(action), **(state or {})},
                history_date=_noon(when),
                history_type=kind,
                history_user_id=action.owner_id,
            )
            for action, when, kind, state in history
        ],
        batch_size=BATCH,
    )
    counts.updates += len(updates)
    counts.history += len(history)
    counts.extensions += _extension_requests(actions, timezone.localdate())


EXTENSION_EVERY = 20  # one unfinished action in about twenty asks for more time


def _extension_requests(actions: list[Action], today: datetime.date) -> int:
    """Requests for a later due date, awaiting a decision, made `today` (their
    time is when they are stored): chosen by place in the plan rather than
    drawn, so that the rest of the data, drawn from the seed, is as it always
    was."""
    asked = [
        DueDateExtension(
            action=action,
            requested_by_id=action.owner_id,
            current_due_date=action.due_date,
            new_due_date=action.earliest_new_due_date(today)
            + datetime.timedelta(weeks=8),
            reason="Partner agencies need more time to agree the protocol.",
        )
        for place, action in enumerate(actions)
        if place % EXTENSION_EVERY == 0 and action.status in UNFINISHED_STATUSES
    ]
    DueDateExtension.objects.bulk_create(asked, batch_size=BATCH)
    return len(asked)


UNFINISHED_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.BLOCKED)


FOLLOWED = [
    "status",
    "rag",
    "percent_complete",
    "signed_off_by",
    "signed_off_at",
    "sign_off_comment",
    "closed_on",
    "latest_update",
    "last_update_on",
]


def _panel_report(inspection: Inspection, people) -> None:
    report = PanelReport.objects.create(
        meeting_date=inspection.publication_date + datetime.timedelta(days=27),
        subject=f"HMICFRS Inspection – PEEL {inspection.pillar}",
        author="Chief Constable",
        inspection=inspection,
        purpose="To update the Panel on the inspection.",
        recommendation="The Panel is asked to discuss the report.",
        contact_name="Staff Officer",
        status=ReportStatus.PUBLISHED,
        published_at=_noon(inspection.publication_date),
        published_by=people["pcc"][0],
    )
    ReportSection.objects.bulk_create(
        ReportSection(report=report, order=order, kind=kind, heading=heading, text=text)
        for order, (kind, heading, text) in enumerate(
            [
                (SectionKind.NARRATIVE, "Background", "The inspectorate published "
                 "its report, which this paper summarises."),
                (SectionKind.RATING, "The rating", ""),
                (SectionKind.POSITIVES, "The positives", ""),
                (SectionKind.AREAS, "Areas for improvement", ""),
            ],
            start=1,
        )
    )  # fmt: skip


def _fields(action: Action) -> dict:
    return {
        field.attname: getattr(action, field.attname)
        for field in Action._meta.concrete_fields
    }


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
