"""Planted canaries: for every model with a protective marking or a publication
state, a row carrying a unique string that only some roles may see. Every URL
the resolver knows (site and admin; HTML, PDF, CSV, XLSX), by GET and, on the
site, by POST, and the reminder e-mails, are read as every role. Each string
must reach only the roles entitled to it, and at least one of them, so that the
test can fail.

A model whose manager guards its relations (GuardedManager: a marking or a
publication state) without a canary here fails `test_every_guarded_model_has_a_canary`.
"""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from actions.models import Action
from calendars.services import make_link
from demo.areas import commissioners_area, force_named
from governance.models import (
    Meeting,
    MeetingType,
    RecommendationOutcome,
    RecommendationResponse,
    Section55Response,
)
from inspections.choices import (
    FindingKind,
    InspectorateStatus,
    Marking,
    MonitoringStage,
)
from inspections.models import InspectorateView, MonitoringPeriod
from inspections.querysets import GuardedManager
from questions.models import PanelQuestion
from reports.models import ReportSection, ReportStatus, SectionKind
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    AmendmentFactory,
    DueDateExtensionFactory,
    EvidenceFactory,
    FindingFactory,
    ForceFactory,
    GradedQuestionFactory,
    InspectionFactory,
    PanelReportFactory,
    ProgressUpdateFactory,
    SuperuserFactory,
    ThematicInspectionFactory,
    UserFactory,
    user_in_role,
    user_in_role_by_sso,
)
from tests.helpers import Route, all_routes, text_of

pytestmark = pytest.mark.django_db

SENSITIVE = Marking.OFFICIAL_SENSITIVE
ROLES = [
    "anonymous",
    "no_role",
    "panel_member",
    "staff_officer",
    "chief_officer",
    "commissioners_office",
    "superuser",
    # the people of another Commissioner's area, whose force holds none of the
    # canaries: the powers of their roles stop at their own area
    "other_chief_officer",
    "other_commissioners_office",
]
EVERYONE = frozenset(ROLES)
# Who reads OFFICIAL-SENSITIVE items and unpublished inspections.
STAFF = frozenset(
    {"staff_officer", "chief_officer", "commissioners_office", "superuser"}
)
PLAN_READERS = STAFF | {"panel_member"}  # official action plans
WRITERS = frozenset({"commissioners_office", "superuser"})  # draft panel papers
OTHER_AREA = frozenset(
    {"other_chief_officer", "other_commissioners_office", "superuser"}
)


@dataclass(frozen=True)
class Canary:
    model: str  # app_label.model_name of the row that carries it
    text: str
    entitled: frozenset[str]
    what: str


CANARIES = [
    Canary(
        "inspections.inspection",
        "CANARY-UNPUBLISHED-INSPECTION",
        STAFF,
        "an inspection not yet published on the site",
    ),
    Canary(
        "inspections.force",
        "CANARY-HIDDEN-FORCE",
        STAFF,
        "a force whose only inspection is unpublished (filter choices)",
    ),
    Canary(
        "inspections.gradedquestion",
        "CANARY-UNPUBLISHED-QUESTION",
        STAFF,
        "a question of an unpublished inspection, linked from a published paper",
    ),
    Canary(
        "inspections.gradedquestion",
        "CANARY-SENSITIVE-INSPECTION-QUESTION",
        STAFF,
        "a question of an OFFICIAL-SENSITIVE inspection, linked from a paper",
    ),
    Canary(
        "inspections.finding",
        "CANARY-SENSITIVE-FINDING",
        STAFF,
        "a sensitive area for improvement",
    ),
    Canary(
        "inspections.finding",
        "CANARY-SENSITIVE-THEME",
        STAFF,
        "the theme of a sensitive finding (filter choices)",
    ),
    Canary(
        "inspections.finding",
        "CANARY-SENSITIVE-RECOMMENDATION",
        STAFF,
        "a sensitive recommendation with a published section 55 answer",
    ),
    Canary(
        "inspections.finding",
        "CANARY-UNPUBLISHED-FINDING",
        STAFF,
        "a finding of an unpublished inspection",
    ),
    Canary(
        "inspections.inspectorateview",
        "CANARY-VIEW-OF-SENSITIVE",
        STAFF,
        "the inspectorate's view of a sensitive finding",
    ),
    Canary(
        "inspections.inspectorateview",
        "CANARY-PUBLIC-VIEW",
        EVERYONE,
        "the inspectorate's view of an official finding, as it publishes it",
    ),
    Canary(
        "inspections.monitoringperiod",
        "CANARY-ENGAGE-REASONS",
        EVERYONE,
        "why HMICFRS monitors a force, as it publishes it",
    ),
    Canary(
        "inspections.amendment",
        "CANARY-AMENDMENT",
        STAFF,
        "the record of an amendment",
    ),
    Canary(
        "actions.action",
        "CANARY-SENSITIVE-ACTION",
        STAFF,
        "a sensitive action under an official finding, owned by a panel member",
    ),
    Canary(
        "actions.action",
        "CANARY-ACTION-UNDER-SENSITIVE",
        STAFF,
        "an official action under a sensitive finding",
    ),
    Canary(
        "actions.progressupdate",
        "CANARY-SENSITIVE-UPDATE",
        STAFF,
        "a sensitive progress update under an official action",
    ),
    Canary(
        "actions.progressupdate",
        "CANARY-OFFICIAL-UPDATE",
        PLAN_READERS,
        "an official progress update: for those who read action plans",
    ),
    Canary(
        "actions.evidence",
        "CANARY-SENSITIVE-EVIDENCE",
        STAFF,
        "the file attached to a sensitive update",
    ),
    Canary(
        "actions.duedateextension",
        "CANARY-EXTENSION-ON-SENSITIVE",
        STAFF,
        "a request for a new due date on a sensitive action",
    ),
    Canary(
        "actions.duedateextension",
        "CANARY-OFFICIAL-EXTENSION",
        PLAN_READERS,
        "a request for a new due date on an official action",
    ),
    Canary(
        "governance.section55response",
        "CANARY-DRAFT-S55-COMMENT",
        STAFF,
        "the Commissioner's comments before they are published",
    ),
    Canary(
        "governance.section55response",
        "CANARY-PUBLISHED-COMMENT",
        EVERYONE,
        "the Commissioner's published comments",
    ),
    Canary(
        "governance.recommendationresponse",
        "CANARY-SENSITIVE-ANSWER",
        STAFF,
        "the published answer to a sensitive recommendation",
    ),
    Canary(
        "governance.recommendationresponse",
        "CANARY-OFFICIAL-ANSWER",
        EVERYONE,
        "the published answer to an official recommendation",
    ),
    Canary(
        "reports.panelreport",
        "CANARY-DRAFT-REPORT",
        WRITERS,
        "a panel report not yet published",
    ),
    # a meeting reviews one force's plan: its notes stay in its area
    Canary(
        "governance.meeting",
        "CANARY-WEST-MEETING-NOTES",
        STAFF,
        "the notes of a meeting about this area's force",
    ),
    Canary(
        "governance.meeting",
        "CANARY-EAST-MEETING-NOTES",
        OTHER_AREA,
        "the notes of a meeting about another area's force",
    ),
    # the Police and Crime Panel's own meetings: its members read them too
    Canary(
        "governance.meeting",
        "CANARY-WEST-PANEL-MEETING-NOTES",
        PLAN_READERS,
        "the notes of the Panel's meeting about this area's force",
    ),
    Canary(
        "governance.meeting",
        "CANARY-EAST-PANEL-MEETING-NOTES",
        OTHER_AREA,
        "the notes of another area's Panel meeting",
    ),
    # the Panel's questions: its members, the office and the force's chief
    # officers read them before they are published; an answer's marking holds
    Canary(
        "questions.panelquestion",
        "CANARY-PANEL-QUESTION",
        frozenset(
            {"panel_member", "chief_officer", "commissioners_office", "superuser"}
        ),
        "a panel member's question, not yet published",
    ),
    Canary(
        "questions.panelquestion",
        "CANARY-PUBLISHED-QUESTION-ANSWER",
        EVERYONE,
        "an official answer published with a paper",
    ),
    Canary(
        "questions.panelquestion",
        "CANARY-SENSITIVE-QUESTION-ANSWER",
        STAFF,
        "an OFFICIAL-SENSITIVE answer to a question published with a paper",
    ),
    Canary(
        "questions.panelquestion",
        "CANARY-EAST-PANEL-QUESTION",
        OTHER_AREA,
        "another area's panel question",
    ),
    # a thematic inspection applies to both areas' forces: each area's plan
    # and draft response stay its own
    Canary(
        "inspections.inspection",
        "CANARY-UNPUBLISHED-THEMATIC",
        STAFF,
        "a thematic inspection not yet published, applying to this area's force",
    ),
    Canary(
        "actions.action",
        "CANARY-THEMATIC-WEST-ACTION",
        STAFF,
        "this area's sensitive action for a thematic recommendation",
    ),
    Canary(
        "actions.action",
        "CANARY-THEMATIC-EAST-ACTION",
        OTHER_AREA,
        "the other area's sensitive action for the same recommendation",
    ),
    Canary(
        "governance.section55response",
        "CANARY-THEMATIC-EAST-DRAFT",
        OTHER_AREA,
        "the other area's Commissioner's draft response to the thematic inspection",
    ),
]


@dataclass
class World:
    people: dict[str, object]
    objects: dict[str, list]  # app_label.model_name: the rows to open


@pytest.fixture(params=["made in the admin", "made at single sign-on"])
def world(db, request) -> World:
    """Its people made in the admin, or by single sign-on from their groups."""
    today = timezone.localdate()
    make = user_in_role if request.param == "made in the admin" else user_in_role_by_sso
    people = {
        "no_role": UserFactory(username="no.role", email="no.role@example.org"),
        "panel_member": make(Role.PANEL_MEMBER, username="panel"),
        "staff_officer": make(Role.STAFF_OFFICER, username="officer"),
        "chief_officer": make(Role.CHIEF_OFFICER, username="chief"),
        "commissioners_office": make(Role.COMMISSIONERS_OFFICE, username="pcc"),
        "superuser": SuperuserFactory(),
    }
    officer, panel = people["staff_officer"], people["panel_member"]
    westshire = ForceFactory(name="Westshire Police", slug="westshire")
    public = InspectionFactory(force=westshire, title="Westshire open inspection")
    later = InspectionFactory(force=westshire, title="Westshire later inspection")
    unpublished = InspectionFactory(
        force=ForceFactory(name="CANARY-HIDDEN-FORCE Police", slug="hidden"),
        title="CANARY-UNPUBLISHED-INSPECTION",
        is_published=False,
    )
    sensitive_inspection = InspectionFactory(
        force=westshire,
        pillar="Legitimacy",
        title="Westshire sensitive inspection",
        marking=SENSITIVE,
    )
    questions = [
        GradedQuestionFactory(inspection=public, wording="How open is the force?"),
        GradedQuestionFactory(
            inspection=unpublished, wording="CANARY-UNPUBLISHED-QUESTION"
        ),
        GradedQuestionFactory(
            inspection=sensitive_inspection,
            wording="CANARY-SENSITIVE-INSPECTION-QUESTION",
        ),
    ]
    area = FindingFactory(inspection=public, text="Official area one", theme="Open")
    hidden_area = FindingFactory(
        inspection=public,
        text="CANARY-SENSITIVE-FINDING",
        theme="CANARY-SENSITIVE-THEME",
        marking=SENSITIVE,
    )
    recommendation = FindingFactory(
        inspection=public,
        kind=FindingKind.RECOMMENDATION,
        text="CANARY-SENSITIVE-RECOMMENDATION",
        theme="",
        marking=SENSITIVE,
    )
    open_recommendation = FindingFactory(
        inspection=public,
        kind=FindingKind.RECOMMENDATION,
        text="Official recommendation",
        theme="",
    )
    unpublished_finding = FindingFactory(
        inspection=unpublished, text="CANARY-UNPUBLISHED-FINDING"
    )
    overdue = today - datetime.timedelta(days=3)
    official = ActionFactory(
        finding=area, title="Official action one", owner=officer, due_date=overdue
    )
    secret = ActionFactory(
        finding=area,
        title="CANARY-SENSITIVE-ACTION",
        owner=panel,
        marking=SENSITIVE,
        due_date=overdue,
    )
    under_sensitive = ActionFactory(
        finding=hidden_area,
        title="CANARY-ACTION-UNDER-SENSITIVE",
        owner=people["no_role"],
        due_date=overdue,
    )
    sensitive_update = ProgressUpdateFactory(
        action=official,
        narrative="CANARY-SENSITIVE-UPDATE",
        marking=SENSITIVE,
        date=today - datetime.timedelta(days=2),
    )
    official_update = ProgressUpdateFactory(
        action=official,
        narrative="CANARY-OFFICIAL-UPDATE",
        date=today - datetime.timedelta(days=1),
    )
    evidence = EvidenceFactory(
        update=sensitive_update, original_name="CANARY-SENSITIVE-EVIDENCE.pdf"
    )
    extensions = [
        DueDateExtensionFactory(
            action=secret, requested_by=panel, reason="CANARY-EXTENSION-ON-SENSITIVE"
        ),
        DueDateExtensionFactory(
            action=official, requested_by=officer, reason="CANARY-OFFICIAL-EXTENSION"
        ),
    ]
    published_response = Section55Response.objects.create(
        inspection=public,
        commissioner_comments="CANARY-PUBLISHED-COMMENT",
        published_on=public.publication_date + datetime.timedelta(days=30),
    )
    answers = [
        RecommendationResponse.objects.create(
            response=published_response,
            finding=recommendation,
            outcome=RecommendationOutcome.TAKEN,
            text="CANARY-SENSITIVE-ANSWER",
        ),
        RecommendationResponse.objects.create(
            response=published_response,
            finding=open_recommendation,
            outcome=RecommendationOutcome.TAKEN,
            text="CANARY-OFFICIAL-ANSWER",
        ),
    ]
    draft_response = Section55Response.objects.create(
        inspection=later, commissioner_comments="CANARY-DRAFT-S55-COMMENT"
    )
    reports = [
        _paper(unpublished, "Paper on the unpublished inspection"),
        _paper(sensitive_inspection, "Paper on the sensitive inspection"),
        _paper(public, "Paper on the open inspection", include_action_appendix=True),
        _paper(public, "CANARY-DRAFT-REPORT", status=ReportStatus.DRAFT),
    ]
    meeting = Meeting.objects.create(
        force=westshire,
        meeting_type=MeetingType.objects.get(name="Chief Officer Team"),
        date=today,
        attendees="Chief Constable",
        notes="CANARY-WEST-MEETING-NOTES",
    )
    panel_meeting = Meeting.objects.create(
        force=westshire,
        meeting_type=MeetingType.objects.get(name="Police and Crime Panel"),
        date=today - datetime.timedelta(days=1),
        attendees="Chair of the Panel",
        notes="CANARY-WEST-PANEL-MEETING-NOTES",
    )
    amendment = AmendmentFactory(inspection=public, changes="CANARY-AMENDMENT")
    views = [
        InspectorateView.objects.create(
            finding=finding, status=InspectorateStatus.BEING_PROGRESSED,
            date=public.publication_date, comment=comment,
        )
        for finding, comment in [(hidden_area, "CANARY-VIEW-OF-SENSITIVE"),
                                 (area, "CANARY-PUBLIC-VIEW")]
    ]  # fmt: skip
    engage = MonitoringPeriod.objects.create(
        force=westshire, stage=MonitoringStage.ENGAGE,
        entered=public.publication_date, reasons="CANARY-ENGAGE-REASONS",
    )  # fmt: skip
    engage.inspections.set([public, unpublished])  # the unpublished one stays hidden
    eastshire = force_named("Eastshire Police", "eastshire")  # joins no office
    office, _ = commissioners_area(eastshire)
    people["other_chief_officer"] = make(
        Role.CHIEF_OFFICER, organisation=eastshire.organisation, username="east.chief"
    )
    people["other_commissioners_office"] = make(
        Role.COMMISSIONERS_OFFICE, organisation=office, username="east.pcc"
    )
    east_meeting = Meeting.objects.create(  # the same kind, the same day
        force=eastshire,
        meeting_type=meeting.meeting_type,
        date=today,
        attendees="Chief Constable",
        notes="CANARY-EAST-MEETING-NOTES",
    )
    east_panel_meeting = Meeting.objects.create(
        force=eastshire,
        meeting_type=panel_meeting.meeting_type,
        date=today - datetime.timedelta(days=1),
        attendees="Chair of the Panel",
        notes="CANARY-EAST-PANEL-MEETING-NOTES",
    )
    thematic = ThematicInspectionFactory(
        pillar="Vetting", applies_to=[westshire, eastshire]
    )
    draft_thematic = ThematicInspectionFactory(
        title="CANARY-UNPUBLISHED-THEMATIC", is_published=False, applies_to=[westshire]
    )
    to_all = FindingFactory(
        inspection=thematic, kind=FindingKind.RECOMMENDATION, text="To all forces"
    )
    thematic_actions = [
        ActionFactory(
            finding=to_all, force=force, title=title, marking=SENSITIVE,
            owner=officer if force == westshire else people["other_chief_officer"],
            due_date=overdue,
        )
        for force, title in [(westshire, "CANARY-THEMATIC-WEST-ACTION"),
                             (eastshire, "CANARY-THEMATIC-EAST-ACTION")]
    ]  # fmt: skip
    east_draft = Section55Response.objects.create(
        inspection=thematic,
        force=eastshire,
        commissioner_comments="CANARY-THEMATIC-EAST-DRAFT",
    )
    open_paper = reports[2]  # published, about the open inspection
    asked = [
        PanelQuestion.objects.create(
            force=westshire, inspection=public, asked_by=panel,
            text="CANARY-PANEL-QUESTION",
        ),
        PanelQuestion.objects.create(
            force=westshire, inspection=public, asked_by=panel,
            text="A question published with its answer",
            answer="CANARY-PUBLISHED-QUESTION-ANSWER", answered_at=timezone.now(),
            published_in=open_paper,
        ),
        PanelQuestion.objects.create(
            force=westshire, action=official, asked_by=panel,
            text="A question published with a sensitive answer",
            answer="CANARY-SENSITIVE-QUESTION-ANSWER", answered_at=timezone.now(),
            answer_marking=SENSITIVE, published_in=open_paper,
        ),
        PanelQuestion.objects.create(
            force=eastshire, inspection=thematic,
            asked_by=people["other_chief_officer"], text="CANARY-EAST-PANEL-QUESTION",
        ),
    ]  # fmt: skip
    objects = {
        "inspections.inspection": [
            public,
            later,
            unpublished,
            sensitive_inspection,
            thematic,
            draft_thematic,
        ],
        "inspections.force": [westshire, unpublished.force],
        "inspections.gradedquestion": questions,
        "inspections.finding": [
            area,
            hidden_area,
            recommendation,
            open_recommendation,
            unpublished_finding,
        ],
        "inspections.amendment": [amendment],
        "inspections.inspectorateview": views,
        "inspections.monitoringperiod": [engage],
        "actions.action": [official, secret, under_sensitive, *thematic_actions],
        "actions.progressupdate": [sensitive_update, official_update],
        "actions.evidence": [evidence],
        "actions.duedateextension": extensions,
        "governance.section55response": [
            published_response,
            draft_response,
            east_draft,
        ],
        "governance.recommendationresponse": answers,
        "governance.meeting": [
            meeting,
            east_meeting,
            panel_meeting,
            east_panel_meeting,
        ],
        "governance.meetingtype": [meeting.meeting_type],
        "reports.panelreport": reports,
        "questions.panelquestion": asked,
        "accounts.user": [officer, panel],
        "auth.group": [Group.objects.get(name=Role.PANEL_MEMBER)],
    }
    return World(people, objects)


def _paper(inspection, subject: str, **kwargs):
    report = PanelReportFactory(inspection=inspection, subject=subject, **kwargs)
    for order, kind in enumerate(
        [SectionKind.RATING, SectionKind.POSITIVES, SectionKind.AREAS], start=1
    ):
        ReportSection.objects.create(
            report=report, order=order, kind=kind, heading=kind.label
        )
    return report


ADMIN_MODEL_URL = re.compile(
    r"^admin:(?P<app>[a-z]+)_(?P<model>[a-z0-9]+)_"
    r"(?P<view>changelist|add|history|delete|change|simple_history)$"
)
SITE_OBJECT_ROUTES = {
    "governance:inspection": "inspections.inspection",
    "governance:section_55_edit": "inspections.inspection",
    "governance:thematic_progress": "inspections.inspection",
    "actions:detail": "actions.action",
    "actions:update": "actions.action",
    "actions:sign_off": "actions.action",
    "actions:return": "actions.action",
    "actions:extension_request": "actions.action",
    "actions:extension_decision": "actions.duedateextension",
    "actions:evidence": "actions.evidence",
    "governance:meeting": "governance.meeting",
    "governance:meeting_csv": "governance.meeting",
    "reports:detail": "reports.panelreport",
    "reports:pdf": "reports.panelreport",
    "reports:edit": "reports.panelreport",
    "reports:publish": "reports.panelreport",  # by GET: the confirmation
    "questions:detail": "questions.panelquestion",
    "inspections:raised_before": "inspections.inspection",
}
AUTOCOMPLETES = [
    ("actions", "action", "finding"),
    ("actions", "action", "owner"),
    ("actions", "progressupdate", "action"),
    ("inspections", "finding", "inspection"),
    ("inspections", "finding", "question"),
    ("inspections", "inspection", "force"),
    ("governance", "section55response", "inspection"),
    ("governance", "recommendationresponse", "finding"),
    ("reports", "panelreport", "inspection"),
]
# POSTs that would change what the later requests read: they are tried by the
# access matrix and the write-path tests, not here.
NOT_POSTED = {
    "accounts:logout",
    "admin:logout",
    "reports:publish",
    "accounts:login",
    "calendars:make_link",  # would replace the link read_everything_as made
}


def urls_of(route: Route, objects: dict[str, list]) -> list[str]:
    key = route.key
    if key in SITE_OBJECT_ROUTES:
        return [reverse(key, args=[obj.pk]) for obj in objects[SITE_OBJECT_ROUTES[key]]]
    if key == "reports:version":  # as published, where it was amended since
        reports = objects["reports.panelreport"]
        return [reverse(key, args=[report.pk, 0]) for report in reports]
    if key == "inspections:grades":
        return [
            reverse(key, args=[force.slug]) for force in objects["inspections.force"]
        ]
    if key == "admin:autocomplete":
        return [
            f"/admin/autocomplete/?app_label={app}&model_name={model}"
            f"&field_name={field}&term=CANARY"
            for app, model, field in AUTOCOMPLETES
        ] + [
            f"/admin/autocomplete/?app_label={app}&model_name={model}"
            f"&field_name={field}"
            for app, model, field in AUTOCOMPLETES
        ]
    if key == "admin:view_on_site":
        return [
            reverse(key, args=[ContentType.objects.get_for_model(obj).pk, obj.pk])
            for rows in objects.values()
            for obj in rows
            if hasattr(obj, "get_absolute_url")
        ]
    if key == "admin:app_list":
        return [f"/admin/{app}/" for app in ("inspections", "actions", "governance")]
    if key == "admin:auth_user_password_change":
        return [reverse(key, args=[objects["accounts.user"][0].pk])]
    if key == "admin:inspections_inspection_import_preview":
        return []  # needs an upload of one's own: tests/importing
    if key == "accounts:passkey_remove":
        return []  # no one here has a passkey: tests/accounts/test_passkeys.py
    if key == "calendars:feed":
        return []  # opened by each person's own secret: read_everything_as
    if key == "questions:ask":
        inspection, action = (
            objects["inspections.inspection"][0],
            objects["actions.action"][0],
        )
        return [
            reverse(key, args=["inspection", inspection.pk]),
            reverse(key, args=["action", action.pk]),
            reverse(key, args=["paper", objects["reports.panelreport"][2].pk]),
        ]
    if key == "search:results":  # every canary's words, and all of them at once
        searches = ["canary"] + [" ".join(c.text.lower().split("-")) for c in CANARIES]
        return [reverse(key) + "?" + urlencode({"q": q}) for q in searches]
    if key in ("admin/login/", "admin:login"):
        return ["/admin/login/"]
    if key == "admin/(?P<url>.*)$":
        return []
    if match := ADMIN_MODEL_URL.match(key):
        view = match["view"]
        if view in ("changelist", "add"):
            urls = [reverse(key)]
            if view == "changelist":
                urls.append(reverse(key) + "?q=CANARY")
            return urls
        rows = objects.get(f"{match['app']}.{match['model']}")
        if rows is None:
            model = apps.get_model(match["app"], match["model"])
            first = model._default_manager.order_by("pk").first()
            rows = [first] if first else []
        if view == "simple_history":
            return [
                reverse(key, args=[obj.pk, obj.history.first().history_id])
                for obj in rows
            ]
        return [reverse(key, args=[obj.pk]) for obj in rows]
    if "<" in route.pattern:
        match = re.match(r"^admin/(?P<app>[a-z]+)/(?P<model>[a-z0-9]+)/", route.pattern)
        assert match, f"no sample for {route.key}"
        rows = objects.get(f"{match['app']}.{match['model']}", [])
        return [f"/admin/{match['app']}/{match['model']}/{obj.pk}/" for obj in rows]
    return [reverse(key)]


def read_everything_as(role: str, world: World) -> dict[str, str]:
    """Every URL, by GET (and POST on the site), as this role: URL → text."""
    client = Client()
    if role != "anonymous":
        sign_in(client, world.people[role])
        # the person's calendar, as their calendar application reads it
        address = reverse("calendars:feed", args=[make_link(world.people[role])])
        seen = {f"GET {address}": text_of(Client().get(address))}
    else:
        seen = {}
    for route in all_routes():
        for url in urls_of(route, world.objects):
            seen[f"GET {url}"] = text_of(client.get(url))
            if not url.startswith("/admin/") and route.key not in NOT_POSTED:
                seen[f"POST {url}"] = text_of(client.post(url, {}))
    return seen


def reminders_by_role(world: World) -> dict[str, str]:
    """Each person's reminder e-mail, text and HTML."""
    call_command("send_reminders", stdout=io.StringIO(), stderr=io.StringIO())
    by_address = {}
    for message in mail.outbox:
        html = "".join(content for content, _ in message.alternatives)
        by_address[message.to[0]] = f"{message.subject}\n{message.body}\n{html}"
    return {
        role: by_address.get(person.email, "") for role, person in world.people.items()
    }


def test_every_guarded_model_has_a_canary():
    guarded = {
        model._meta.label_lower
        for model in apps.get_models()
        if isinstance(model._default_manager, GuardedManager)
    }
    with_canary = {canary.model for canary in CANARIES}
    assert guarded - with_canary == set()
    assert len(guarded) >= 10


def test_every_model_with_a_marking_or_publication_state_is_guarded():
    states = {"marking", "is_published", "published_on", "published_at"}
    marked = {
        model._meta.label_lower
        for model in apps.get_models()
        if not model.__name__.startswith("Historical")
        and states & {field.name for field in model._meta.fields}
    }
    unguarded = {
        label
        for label in marked
        if not isinstance(apps.get_model(label)._default_manager, GuardedManager)
    }
    assert unguarded == set()
    assert {"inspections.inspection", "actions.action"} <= marked


def test_canaries_reach_only_the_roles_entitled_to_them(world):
    pages = {role: read_everything_as(role, world) for role in ROLES}
    emails = reminders_by_role(world)
    assert "CANARY-SENSITIVE-ACTION" not in emails["panel_member"]
    assert "Official action one" in emails["staff_officer"]  # reminders were read
    feeds = {
        role: text for role, seen in pages.items() for url, text in seen.items()
        if url.endswith(".ics")
    }  # fmt: skip
    assert "Action due: Official action one" in feeds["staff_officer"]  # feeds too
    assert "Chief Officer Team" in feeds["chief_officer"]
    leaks, unseen = [], []
    for canary in CANARIES:
        seen_by = set()
        for role in ROLES:
            where = [url for url, text in pages[role].items() if canary.text in text]
            if canary.text in emails.get(role, ""):
                where.append("reminder e-mail")
            if where:
                seen_by.add(role)
            if where and role not in canary.entitled:
                leaks.append(f"{canary.text} ({canary.what}) to {role}: {where[:3]}")
        if not seen_by:
            unseen.append(canary.text)
    assert leaks == []
    assert unseen == []  # every canary reaches someone, or the test proves nothing
    requests = sum(len(p) for p in pages.values())
    assert requests > 2000  # every role read every URL; the note quotes the count
    print(  # noqa: T201 - the figure for the session note, with -s
        f"\n{len(CANARIES)} canaries x {len(ROLES)} roles x "
        f"{requests // len(ROLES)} requests each ({requests} in all), "
        f"plus {len(mail.outbox)} reminder e-mails"
    )


def test_an_entitled_role_sees_each_canary_where_it_belongs(world):
    """The positive half, page by page: the strings are really on the pages a
    role is entitled to, so their absence elsewhere means something."""
    staff, panel = Client(), Client()
    sign_in(staff, world.people["staff_officer"])
    sign_in(panel, world.people["panel_member"])
    public, *_ = world.objects["inspections.inspection"]
    official, *_ = world.objects["actions.action"]
    staff_page = staff.get(public.get_absolute_url()).text
    panel_page = panel.get(public.get_absolute_url()).text
    for text in ("CANARY-SENSITIVE-RECOMMENDATION", "CANARY-SENSITIVE-ANSWER"):
        assert text in staff_page and text not in panel_page
    assert "CANARY-OFFICIAL-ANSWER" in panel_page
    assert "CANARY-OFFICIAL-UPDATE" in panel.get(official.get_absolute_url()).text
    # and in search results, highlighted, for those entitled only
    for words, text in (
        ("canary sensitive finding", "CANARY-SENSITIVE-FINDING"),
        ("canary sensitive action", "CANARY-SENSITIVE-ACTION"),
        ("canary sensitive update", "CANARY-SENSITIVE-UPDATE"),
        ("canary draft s55 comment", "CANARY-DRAFT-S55-COMMENT"),
    ):
        found = [
            text_of(client.get("/search/", {"q": words})) for client in (staff, panel)
        ]
        assert text in found[0] and text not in found[1], text
        assert "<mark>CANARY</mark>" in found[0]
    found = text_of(panel.get("/search/", {"q": "canary official update"}))
    assert "CANARY-OFFICIAL-UPDATE" in found
    assert isinstance(Action.objects, GuardedManager)


def test_a_template_cannot_loop_over_a_guarded_relation(world):
    from django.template import Context, Template

    inspection = world.objects["inspections.inspection"][0]
    assert inspection.findings.all().exists()  # Python reads them, on purpose
    looped = Template("{% for f in i.findings.all %}X{% endfor %}").render(
        Context({"i": inspection})
    )
    assert looped == ""


def test_no_template_reaches_for_a_guarded_relation():
    from pathlib import Path

    guarded = {
        rel.get_accessor_name()
        for model in apps.get_models()
        if isinstance(model._default_manager, GuardedManager)
        for rel in model._meta.related_objects
        if isinstance(rel.related_model._default_manager, GuardedManager)
    }
    assert {"findings", "questions", "updates", "recommendations"} <= guarded
    pattern = re.compile(rf"\.({'|'.join(sorted(guarded))})\.all\b")
    found = [
        f"{path}: {match.group(0)}"
        for path in Path("templates").rglob("*.html")
        for match in pattern.finditer(path.read_text())
    ]
    assert found == []
