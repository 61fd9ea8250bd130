"""Load the seed inspection and an illustrative action plan, idempotently: every
row is found by its natural key and brought up to date, never duplicated, and
saved only when something changed, so that a second run adds no history."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db import models, transaction
from django.utils import timezone

from accounts.models import Membership, Organisation, OrganisationKind
from accounts.roles import Role
from actions.choices import Status
from actions.models import Action, DueDateExtension, ProgressUpdate
from actions.models.extension import ExtensionDecision
from demo import fire, panel_report, seed, thematic
from demo.action_plan import ACTIONS, CHIEF, EXTENSION_REQUESTS, MEETINGS
from demo.areas import commissioners_area, force_named
from demo.live import live_load
from demo.users import (
    ACTION_PLAN_USERS,
    ADMIN_USERNAME,
    DEMO_PASSWORD,
    DEMO_USERS,
)
from governance.models import Meeting, MeetingType, Section55Response
from inspections.choices import FindingKind, Marking
from inspections.models import (
    Finding,
    Force,
    ForceYear,
    GradedQuestion,
    Inspection,
    InspectorateView,
    MonitoringPeriod,
)
from inspections.raised_before import raised_before_suggest
from reports.models import PanelReport, ReportSection, ReportStatus
from search.index import rebuild as search_index_rebuild

# The seed's two themes answer the two questions graded requires improvement.
THEME_QUESTION = {
    seed.CRIME_AND_INCIDENT_MANAGEMENT: 3,
    seed.SERVICE_TO_VICTIMS: 4,
}


@transaction.atomic
def demo_load(*, with_sign_in: bool) -> Inspection:
    """with_sign_in gives the demo users a known password and their roles' groups;
    without it, the action plan's owners exist but cannot sign in."""
    users = _load_users(with_sign_in=with_sign_in)
    inspection = _load_inspection()
    _load_action_plan(inspection, users)
    _load_governance(inspection)
    _load_panel_report(inspection)
    live = live_load(users)  # an invented plan that runs now, beside the seed's
    service = _load_fire_service()  # invented too: the area is a PFCC's
    forces = [inspection.force, live.force]
    assert None not in forces  # the seed's and the invented force's own
    area = [force for force in forces if force is not None]
    _load_thematic(area, users)
    if with_sign_in:
        _load_memberships(users, [*area, service])
    for held in Inspection.objects.filter(force__isnull=False):
        raised_before_suggest(held)  # for the chief officers to confirm
    search_index_rebuild()  # some rows above came in bulk, without signals
    return inspection


def _load_users(*, with_sign_in: bool) -> dict[str, AbstractUser]:
    User = get_user_model()
    users = {}
    for username, (first, last, role, job_title) in DEMO_USERS.items():
        if not with_sign_in and username not in ACTION_PLAN_USERS:
            continue
        user, created = _upsert(
            User,
            {"username": username},
            {"first_name": first, "last_name": last, "job_title": job_title},
        )
        if with_sign_in:
            _upsert(User, {"pk": user.pk}, {"is_staff": role.uses_admin})
            _give_demo_password(user)
        elif created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        users[username] = user
    if with_sign_in:
        admin, _ = _upsert(
            User,
            {"username": ADMIN_USERNAME},
            {"is_staff": True, "is_superuser": True, "first_name": "Admin"},
        )
        _give_demo_password(admin)
    return users


def _load_memberships(users: dict[str, AbstractUser], forces: list[Force]) -> None:
    """One Commissioner's area, a PFCC's: the office oversees both demo forces
    and the fire and rescue service, the panel the office; the demo's officers
    work in all three."""
    office, panel = commissioners_area(forces[0])
    office.oversees.add(*(force.organisation for force in forces))
    for username, (_, _, role, _) in DEMO_USERS.items():
        if role == Role.PANEL_MEMBER:
            places = [panel]
        elif role == Role.COMMISSIONERS_OFFICE:
            places = [office]
        else:
            places = [force.organisation for force in forces]
        user = users[username].pk
        Membership.objects.filter(user=user).exclude(
            organisation__in=places, role=role
        ).delete()
        for place in places:
            Membership.objects.get_or_create(
                user_id=user, organisation=place, role=role
            )


def _give_demo_password(user: AbstractUser) -> None:
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])


def _upsert(model: type[models.Model], lookup: dict, values: dict):
    """update_or_create() that saves only the fields whose values differ."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values), True
    changed = []
    for name, value in values.items():
        field = model._meta.get_field(name)
        assert isinstance(field, models.Field)  # a column, not a reverse relation
        current = getattr(obj, field.attname)
        wanted = value.pk if isinstance(value, models.Model) else value
        if current != wanted:
            setattr(obj, name, value)
            changed.append(name)
    if changed:
        if isinstance(obj, Action):
            obj.moving = True  # the demo's own record, put back as it was told
        obj.save(update_fields=changed)
    return obj, False


def _load_inspection() -> Inspection:
    force, _ = _upsert(
        Force, {"slug": seed.FORCE["slug"]}, {"name": seed.FORCE["name"]}
    )
    for year, officers, population, savings in seed.FORCE_YEARS:
        _upsert(
            ForceYear,
            {"force": force, "year": year},
            {
                "officers": officers,
                "population": population,
                "savings_to_date": savings,
            },
        )
    identity = ("programme", "pillar", "publication_date")
    inspection, _ = _upsert(
        Inspection,
        {"force": force, **{key: seed.INSPECTION[key] for key in identity}},
        {k: v for k, v in seed.INSPECTION.items() if k not in identity},
    )
    questions = {}
    for order, (wording, short_title, grade) in enumerate(seed.QUESTIONS, start=1):
        questions[order], _ = _upsert(
            GradedQuestion,
            {"inspection": inspection, "order": order},
            {"wording": wording, "short_title": short_title, "grade": grade},
        )
    for order, (text, number) in enumerate(seed.STRENGTHS, start=1):
        question = questions.get(number) if number is not None else None
        _finding(inspection, FindingKind.STRENGTH, order, text, "", question)
    for order, (theme, text) in enumerate(seed.AREAS_FOR_IMPROVEMENT, start=1):
        question = questions[THEME_QUESTION[theme]]
        _finding(
            inspection, FindingKind.AREA_FOR_IMPROVEMENT, order, text, theme, question
        )
    return inspection


def _finding(inspection, kind, order, text, theme, question) -> Finding:
    finding, _ = _upsert(
        Finding,
        {"inspection": inspection, "kind": kind, "order": order},
        {"text": text, "theme": theme, "question": question},
    )
    return finding


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


RESTORED = (
    "status",
    "rag",
    "percent_complete",
    "signed_off_by_id",
    "signed_off_at",
    "sign_off_comment",
    "closed_on",
    "latest_update_id",
    "last_update_on",
)


def _restore(action: Action) -> None:
    """Put a demo action back where its updates say it stands, saving it only
    if it is not there already (a second load changes nothing)."""
    action = Action.objects.get(pk=action.pk)
    before = [getattr(action, name) for name in RESTORED]
    for update in action.updates.order_by("date", "pk"):
        action.follow(update, at=_noon(update.date))
    if [getattr(action, name) for name in RESTORED] != before:
        action.save()


def _replay(finding, title, plan, updates, users) -> Action:
    """A new demo action is written as its story happened, so that its audit
    trail, the timeline and the meetings' snapshots carry the 2017 dates."""
    first_date = updates[0][0]
    action = Action(finding=finding, title=title, **plan)
    # simple_history reads the record's date and author from these; it has no types
    action._history_date = _noon(first_date - datetime.timedelta(days=7))  # type: ignore[attr-defined]
    action.save()
    for date, author, status, rag, percent, narrative in updates:
        update = ProgressUpdate(
            action=action,
            author=users[author],
            date=date,
            status=status,
            rag=rag,
            percent_complete=percent,
            narrative=narrative,
            marking=plan["marking"],
        )
        update._history_date, update._history_user = _noon(date), users[author]  # type: ignore[attr-defined]
        update.save()
        action.follow(update, at=_noon(date))  # the story its updates just told
        action._history_date, action._history_user = _noon(date), users[author]  # type: ignore[attr-defined]
        action.save()
    return action


def _load_action_plan(inspection: Inspection, users: dict[str, AbstractUser]) -> None:
    areas = {
        finding.order: finding
        for finding in inspection.findings.filter(kind=FindingKind.AREA_FOR_IMPROVEMENT)
    }
    for area_number, actions in ACTIONS.items():
        for title, description, owner, due_date, marking, updates in actions:
            finding = areas[area_number]
            plan = {
                "description": description,
                "owner": users[owner],
                "lead": users[CHIEF],
                "due_date": due_date,
                "marking": marking,
                "is_demo": True,
            }
            existing = Action.objects.filter(finding=finding, title=title).first()
            if existing is None:
                _replay(finding, title, plan, updates, users)
                continue
            _upsert(Action, {"pk": existing.pk}, plan)
            for date, author, status, rag, percent, narrative in updates:
                _upsert(
                    ProgressUpdate,
                    {"action": existing, "date": date},
                    {
                        "author": users[author],
                        "status": status,
                        "rag": rag,
                        "percent_complete": percent,
                        "narrative": narrative,
                        "marking": marking,
                    },
                )
            _restore(existing)
    for title, new_due_date, reason in EXTENSION_REQUESTS:
        action = Action.objects.get(finding__inspection=inspection, title=title)
        _upsert(
            DueDateExtension,
            {"action": action, "new_due_date": new_due_date},
            {
                "requested_by": action.owner,
                "current_due_date": action.due_date,
                "reason": reason,
                "decision": ExtensionDecision.PENDING,
                "decided_by": None,
                "decided_at": None,
                "decision_note": "",
            },
        )


def _load_governance(inspection: Inspection) -> None:
    _upsert(Section55Response, {"inspection": inspection}, seed.SECTION_55)
    panel_type, panel_date = seed.PANEL_MEETING
    meetings = [
        (
            panel_type,
            panel_date,
            "Police and Crime Panel members\n"
            "Police and Crime Commissioner\nChief Constable",
            "",
        )
    ]
    meetings += [
        (kind, date, who, "Illustrative demo meeting.") for kind, date, who in MEETINGS
    ]
    for kind, date, attendees, notes in meetings:
        _upsert(
            Meeting,
            {"meeting_type": MeetingType.objects.get(name=kind), "date": date},
            {"force": inspection.force, "attendees": attendees, "notes": notes},
        )


def _load_panel_report(inspection: Inspection) -> None:
    report, _ = _upsert(
        PanelReport,
        {
            "meeting_date": panel_report.REPORT["meeting_date"],
            "subject": panel_report.REPORT["subject"],
        },
        {
            **{
                k: v
                for k, v in panel_report.REPORT.items()
                if k not in ("meeting_date", "subject")
            },
            "inspection": inspection,
            "status": ReportStatus.PUBLISHED,
            "published_at": _noon(datetime.date(2017, 3, 21)),
        },
    )
    for order, (kind, heading, text, after) in enumerate(panel_report.SECTIONS, 1):
        _upsert(
            ReportSection,
            {"report": report, "order": order},
            {"kind": kind, "heading": heading, "text": text, "text_after": after},
        )


def _load_fire_service() -> Force:
    """The invented fire and rescue service of the demo's PFCC area (demo.fire),
    with its round-3 inspection; idempotent like the rest."""
    service = force_named(fire.SERVICE["name"], fire.SERVICE["slug"])
    Organisation.objects.filter(pk=service.organisation_id).update(
        kind=OrganisationKind.FIRE_AND_RESCUE
    )
    identity = ("programme", "pillar", "publication_date")
    inspection, _ = _upsert(
        Inspection,
        {"force": service, **{key: fire.INSPECTION[key] for key in identity}},
        {k: v for k, v in fire.INSPECTION.items() if k not in identity},
    )
    questions = {}
    for order, (wording, grade) in enumerate(fire.QUESTIONS, start=1):
        questions[order], _ = _upsert(
            GradedQuestion,
            {"inspection": inspection, "order": order},
            {"wording": wording, "short_title": wording, "grade": grade},
        )
    for order, text in enumerate(fire.STRENGTHS, start=1):
        _finding(inspection, FindingKind.STRENGTH, order, text, "", None)
    culture = questions[fire.CULTURE]
    concern, _ = _upsert(
        Finding,
        {"inspection": inspection, "kind": FindingKind.CAUSE_OF_CONCERN, "order": 1},
        {"text": fire.CONCERN, "theme": culture.wording, "question": culture,
         "number": 1},
    )  # fmt: skip
    recommendations = {}
    for number, (text, deadline) in enumerate(fire.RECOMMENDATIONS, start=1):
        recommendations[number], _ = _upsert(
            Finding,
            {"inspection": inspection, "kind": FindingKind.RECOMMENDATION,
             "order": number},
            {"text": text, "theme": culture.wording, "question": culture,
             "number": number, "concern": concern, "deadline": deadline},
        )  # fmt: skip
    for number, (theme, text) in enumerate(fire.AREAS, start=1):
        question = next(q for q in questions.values() if q.wording == theme)
        _upsert(
            Finding,
            {"inspection": inspection, "kind": FindingKind.AREA_FOR_IMPROVEMENT,
             "order": number},
            {"text": text, "theme": theme, "question": question, "number": number},
        )  # fmt: skip
    for number, status, date, comment in fire.VIEWS:
        _upsert(
            InspectorateView,
            {"finding": recommendations[number], "date": date},
            {"status": status, "comment": comment},
        )
    engage, _ = _upsert(
        MonitoringPeriod,
        {"force": service, "stage": fire.ENGAGE["stage"]},
        {k: v for k, v in fire.ENGAGE.items() if k != "stage"},
    )
    engage.inspections.add(inspection)
    return service


def _load_thematic(forces: list[Force], users: dict[str, AbstractUser]) -> Inspection:
    """The thematic inspection of vetting, misconduct and misogyny (demo.thematic),
    applying to both demo forces, each with its own (invented) action plan; the
    seed force's Commissioner's response. Idempotent like the rest."""
    identity = ("programme", "pillar", "publication_date")
    inspection, _ = _upsert(
        Inspection,
        {"force": None, **{key: thematic.INSPECTION[key] for key in identity}},
        {k: v for k, v in thematic.INSPECTION.items() if k not in identity},
    )
    inspection.applies_to.add(*forces)
    recommendations = {}
    for number, (text, body, deadline) in enumerate(thematic.RECOMMENDATIONS, 1):
        made_to = None
        if body:
            made_to, _ = Organisation.objects.get_or_create(
                name=body, defaults={"kind": OrganisationKind.NATIONAL_BODY}
            )
        recommendations[number], _ = _upsert(
            Finding,
            {"inspection": inspection, "kind": FindingKind.RECOMMENDATION,
             "order": number},
            {"text": text, "theme": thematic.THEME, "number": number,
             "addressed_to": made_to, "deadline": deadline},
        )  # fmt: skip
    for key, force in zip(("seed", "live"), forces, strict=True):
        for number, title, status, rag, percent, said in thematic.PLANS[key]:
            if Action.objects.filter(
                finding=recommendations[number], force=force, title=title
            ).exists():
                continue
            plan = {
                "force": force,
                "owner": users["staff.officer"],
                "lead": users["chief.officer"],
                "due_date": thematic.DEADLINE,
                "marking": Marking.OFFICIAL,
                "is_demo": True,
            }
            published = thematic.PUBLISHED
            day = datetime.timedelta(days=1)
            updates = []
            if status == Status.CLOSED:
                done = (Status.COMPLETED, rag, 100, "Done: ready for sign-off.")
                updates.append((published + 60 * day, "staff.officer", *done))
                closing = (status, rag, percent, said)
                updates.append((published + 120 * day, "chief.officer", *closing))
            elif said:
                said_so = (status, rag, percent, said)
                updates.append((published + 90 * day, "staff.officer", *said_so))
            if updates:
                _replay(recommendations[number], title, plan, updates, users)
            else:
                Action.objects.create(
                    finding=recommendations[number], title=title, **plan
                )
    _upsert(
        Section55Response,
        {"inspection": inspection, "force": forces[0]},
        thematic.RESPONSE,
    )
    return inspection
