"""Every URL in the project, for every role, by GET and by POST: the expected answer.

The URLs are enumerated from the resolver, so a new view without an entry here
fails `test_every_url_has_a_row`. Expected answers come from the roles' rights as
the product defines them (ROLE_RIGHTS below), written out here rather than read
from the code under test.
"""

from __future__ import annotations

import datetime
import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccountEvent
from accounts.roles import Role
from governance.models import Meeting, MeetingType, Section55Response
from reports.models import PanelReport, ReportAmendment, ReportStatus
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    AmendmentFactory,
    DueDateExtensionFactory,
    EvidenceFactory,
    GradedQuestionFactory,
    ProgressUpdateFactory,
    SuperuserFactory,
    ThematicInspectionFactory,
    user_in_role,
    user_in_role_by_sso,
)
from tests.helpers import Route, all_routes

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "panel_member",
    "staff_officer",
    "chief_officer",
    "commissioners_office",
    "superuser",
]
METHODS = ["GET", "POST"]
LOGIN = "login"  # a redirect to the sign-in page

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
READ = {VIEW}
EDIT = {VIEW, ADD, CHANGE}
ALL = {VIEW, ADD, CHANGE, DELETE}

# What each role may do with each model in the admin (model-level; the sample
# action belongs to another staff officer, so a staff officer may not change it).
ROLE_RIGHTS: dict[str, dict[str, set[str]]] = {
    "staff_officer": {
        "force": READ,
        "inspection": READ,
        "gradedquestion": READ,
        "finding": READ,
        "action": READ,  # CHANGE only for actions they own or are a delegate on
        "progressupdate": {VIEW, ADD},
        "user": READ,
        "duedateextension": READ,
        "evidence": READ,
        "section55response": READ,
        "meeting": READ,
        "meetingtype": READ,
        "amendment": READ,
    },
    "chief_officer": {
        "force": EDIT,
        "inspection": EDIT,
        "gradedquestion": EDIT,
        "finding": EDIT,
        "action": ALL,
        "progressupdate": {VIEW, ADD},
        "user": READ,
        "duedateextension": READ,
        "evidence": READ,
        "section55response": EDIT,
        "meeting": EDIT,
        "meetingtype": READ,
        "amendment": READ,
    },
    "commissioners_office": {
        "force": EDIT,
        "inspection": EDIT,
        "gradedquestion": EDIT,
        "finding": EDIT,
        "action": READ,
        "progressupdate": READ,
        "user": READ,
        "duedateextension": READ,
        "evidence": READ,
        "section55response": EDIT,
        "meeting": EDIT,
        "meetingtype": READ,
        "panelreport": EDIT,
        "amendment": READ,
    },
}
# Who may see the dashboard, the meetings and their snapshots.
GOVERNANCE_READERS = {"chief_officer", "commissioners_office", "superuser"}
MEETING_PAGES = {"governance:meeting", "governance:meeting_csv"}
# Requests for new due dates are made in the site, and evidence is attached there:
# the admin lists them but adds and changes none, whoever asks.
READ_ONLY_IN_ADMIN = {"duedateextension", "evidence", "accessattempt", "accesslog"}
READ_ONLY_IN_ADMIN |= {"accessfailurelog", "amendment", "accountevent"}
UPDATERS = {"chief_officer", "superuser"}  # of an action owned by someone else
APPS_OF_MODELS = {
    "force": "inspections",
    "inspection": "inspections",
    "gradedquestion": "inspections",
    "finding": "inspections",
    "action": "actions",
    "progressupdate": "actions",
    "user": "accounts",
    "accountevent": "accounts",
    "organisation": "accounts",
    "group": "auth",
    "accessattempt": "axes",
    "accesslog": "axes",
    "accessfailurelog": "axes",
    "duedateextension": "actions",
    "evidence": "actions",
    "section55response": "governance",
    "meeting": "governance",
    "meetingtype": "governance",
    "panelreport": "reports",
    "amendment": "inspections",
}
# Who writes and publishes panel reports.
REPORT_WRITERS = {"commissioners_office", "superuser"}


def rights(role: str, model: str) -> set[str]:
    if role == "superuser":
        return ALL
    return ROLE_RIGHTS.get(role, {}).get(model, set())


@pytest.fixture(params=["made in the admin", "made at single sign-on"])
def world(db, request):
    """One of everything, with the sample action owned by someone else; its
    people made in the admin, or by single sign-on from their groups (the
    superuser is always local: single sign-on makes none)."""
    make = user_in_role if request.param == "made in the admin" else user_in_role_by_sso
    people = {
        "panel_member": make(Role.PANEL_MEMBER),
        "staff_officer": make(Role.STAFF_OFFICER),
        "chief_officer": make(Role.CHIEF_OFFICER),
        "commissioners_office": make(Role.COMMISSIONERS_OFFICE),
        "superuser": SuperuserFactory(),
    }
    owner = user_in_role(Role.STAFF_OFFICER, username="the.owner")
    update = ProgressUpdateFactory(action=ActionFactory(owner=owner))
    extension = DueDateExtensionFactory(action=update.action, requested_by=owner)
    meeting = Meeting.objects.create(
        force=update.action.force,
        meeting_type=MeetingType.objects.get(name="Chief Officer Team"),
        date=datetime.date(2017, 6, 26),
        attendees="Chief Constable",
    )
    evidence = EvidenceFactory(update=update)
    action = update.action
    finding = action.finding
    inspection = finding.inspection
    GradedQuestionFactory(inspection=inspection)
    objects = {
        "force": inspection.force,
        "inspection": inspection,
        "gradedquestion": inspection.questions.get(),
        "finding": finding,
        "action": action,
        "progressupdate": update,
        "user": owner,
        "accountevent": AccountEvent.objects.create(
            kind=AccountEvent.Kind.SIGNED_IN, user=owner, username=owner.username
        ),
        "organisation": inspection.force.organisation,
        "group": Group.objects.get(name=Role.PANEL_MEMBER),
        "accessattempt": AccessAttempt.objects.create(
            username="someone", ip_address="127.0.0.1", failures_since_start=1
        ),
        "accesslog": AccessLog.objects.create(
            username="someone", ip_address="127.0.0.1"
        ),
        "accessfailurelog": AccessFailureLog.objects.create(
            username="someone", ip_address="127.0.0.1"
        ),
        "duedateextension": extension,
        "amendment": AmendmentFactory(inspection=inspection),
        "evidence": evidence,
        "section55response": Section55Response.objects.create(inspection=inspection),
        "thematic": ThematicInspectionFactory(applies_to=[inspection.force]),
        "meeting": meeting,
        "meetingtype": meeting.meeting_type,
        "panelreport": PanelReport.objects.create(
            meeting_date=datetime.date(2017, 3, 29),
            subject="HMIC Inspection",
            author="Chief Constable",
            inspection=inspection,
            purpose="To update the Panel.",
            recommendation="To discuss it.",
            contact_name="A Staff Officer",
            status=ReportStatus.PUBLISHED,
            published_at=timezone.now() - datetime.timedelta(days=1),
        ),
    }
    ReportAmendment.objects.create(  # so that an earlier version is readable
        report=objects["panelreport"], made_by=people["commissioners_office"], note="x"
    )
    return people, objects


ADMIN_MODEL_URL = re.compile(
    r"^admin:(?P<app>[a-z]+)_(?P<model>[a-z0-9]+)_"
    r"(?P<view>changelist|add|history|delete|change|simple_history)$"
)
ADMIN_UNNAMED_OBJECT = re.compile(
    r"^admin/(?P<app>[a-z]+)/(?P<model>[a-z0-9]+)/<path:object_id>/$"
)


def sample_url(route: Route, objects) -> str:
    """A concrete URL for the route, naming the sample objects."""
    key = route.key
    action = objects["action"]
    fixed = {
        "inspections:list": "/",
        "governance:inspection": objects["inspection"].get_absolute_url(),
        "accessibility": "/accessibility/",
        "actions:detail": action.get_absolute_url(),
        "actions:update": reverse("actions:update", args=[action.pk]),
        "actions:sign_off": reverse("actions:sign_off", args=[action.pk]),
        "actions:return": reverse("actions:return", args=[action.pk]),
        "actions:extension_request": reverse(
            "actions:extension_request", args=[action.pk]
        ),
        "actions:extension_decision": reverse(
            "actions:extension_decision", args=[objects["duedateextension"].pk]
        ),
        "actions:evidence": reverse("actions:evidence", args=[objects["evidence"].pk]),
        "accounts:passkey_remove": reverse("accounts:passkey_remove", args=[999]),
        # a calendar is opened by its secret, not a session (tests/calendars)
        "calendars:feed": reverse("calendars:feed", args=["no-such-calendar-secret"]),
        "inspections:grades": reverse(
            "inspections:grades", args=[objects["force"].slug]
        ),
        "governance:meeting": objects["meeting"].get_absolute_url(),
        "governance:section_55_edit": reverse(
            "governance:section_55_edit", args=[objects["inspection"].pk]
        ),
        "governance:thematic_progress": reverse(
            "governance:thematic_progress", args=[objects["thematic"].pk]
        ),
        "reports:detail": objects["panelreport"].get_absolute_url(),
        "reports:pdf": reverse("reports:pdf", args=[objects["panelreport"].pk]),
        "reports:version": reverse(
            "reports:version", args=[objects["panelreport"].pk, 0]
        ),
        "reports:publish": reverse("reports:publish", args=[objects["panelreport"].pk]),
        "reports:edit": reverse("reports:edit", args=[objects["panelreport"].pk]),
        "governance:meeting_csv": reverse(
            "governance:meeting_csv", args=[objects["meeting"].pk]
        ),
        "questions:detail": reverse("questions:detail", args=[999999]),
        "inspections:raised_before": reverse(
            "inspections:raised_before", args=[objects["inspection"].pk]
        ),
        "questions:ask": reverse(
            "questions:ask", args=["inspection", objects["inspection"].pk]
        ),
        "admin/login/": "/admin/login/",
        "admin:login": "/admin/login/",
        "admin:autocomplete": "/admin/autocomplete/?app_label=actions"
        "&model_name=action&field_name=owner",
        "admin:view_on_site": reverse(
            "admin:view_on_site",
            args=[ContentType.objects.get_for_model(action).pk, action.pk],
        ),
        "admin:app_list": "/admin/actions/",
        "admin:auth_user_password_change": reverse(
            "admin:auth_user_password_change", args=[objects["user"].pk]
        ),
        "admin/(?P<url>.*)$": "/admin/no-such-page/",
        "admin:inspections_inspection_import": "/admin/inspections/inspection/import/",
        "admin:inspections_inspection_import_preview": reverse(
            "admin:inspections_inspection_import_preview", args=["no-longer-kept"]
        ),
    }
    if key in fixed:
        return fixed[key]
    if match := ADMIN_MODEL_URL.match(key):
        obj = objects[match["model"]]
        view = match["view"]
        if view in ("changelist", "add"):
            return reverse(key)
        if view == "simple_history":
            record = obj.history.first()
            return reverse(key, args=[obj.pk, record.history_id])
        return reverse(key, args=[obj.pk])
    if match := ADMIN_UNNAMED_OBJECT.match(route.pattern):
        return f"/admin/{match['app']}/{match['model']}/{objects[match['model']].pk}/"
    return reverse(key)


def expected(route: Route, role: str, method: str) -> int | str:
    key = route.key
    get = method == "GET"
    signed_in = role != "anonymous"
    staff = role not in ("anonymous", "panel_member")

    site = {
        "inspections:list": 200 if get else 405,
        "governance:inspection": 200 if get else 405,
        "accessibility": 200 if get else 405,
        # Action plans: sign in first; every role may read this one.
        "actions:detail": (200 if signed_in else LOGIN) if get else 405,
        # How far each force has got with a thematic inspection: for those who
        # read action plans, each force's as far as their rights reach.
        "governance:thematic_progress": (200 if get else 405) if signed_in else LOGIN,
        "actions:tracker": (200 if get else 405) if signed_in else LOGIN,
        "actions:export_csv": (200 if get else 405) if signed_in else LOGIN,
        "actions:export_xlsx": (200 if get else 405) if signed_in else LOGIN,
        "actions:mine": (200 if get else 405) if signed_in else LOGIN,
        "actions:evidence": (200 if get else 405) if signed_in else LOGIN,
        # Someone else's action: only those who may update any action may.
        "actions:update": (200 if role in UPDATERS else 403) if signed_in else LOGIN,
        # The sample action awaits no sign-off: a GET goes back to it, and an
        # empty POST is a form with its errors, for those who may sign off.
        "actions:sign_off": ((302 if get else 200) if role in UPDATERS else 403)
        if signed_in
        else LOGIN,
        "actions:return": ((302 if get else 200) if role in UPDATERS else 403)
        if signed_in
        else LOGIN,
        # POST only; an empty form comes back with its errors, to those who may send it.
        "actions:extension_request": (405 if get else 200 if role in UPDATERS else 403)
        if signed_in
        else LOGIN,
        "actions:extension_decision": (405 if get else 200 if role in UPDATERS else 403)
        if signed_in
        else LOGIN,
        "accounts:login": 200,  # POST with no data: the form, with its errors
        "accounts:logout": 405 if get else 302,
        "accounts:password_change": 200 if signed_in else LOGIN,
        "accounts:password_change_done": (200 if get else 405) if signed_in else LOGIN,
        # The person's own account. Everyone here has given their second
        # factor (tests.conftest.sign_in) but none has an authenticator app.
        "accounts:account": (200 if get else 405) if signed_in else LOGIN,
        "accounts:second_factor": 302 if signed_in else LOGIN,  # nothing due: on
        # a pending app's QR code; an empty code is a form with its error
        "accounts:second_factor_set_up": (200 if get else 400) if signed_in else LOGIN,
        "accounts:second_factor_remove": (405 if get else 302) if signed_in else LOGIN,
        "accounts:recovery_codes_renew": (405 if get else 302) if signed_in else LOGIN,
        "accounts:confirm": (200 if get else 400) if signed_in else LOGIN,
        # no one's passkey: not found; the password is not asked first
        "accounts:passkey_remove": (405 if get else 404) if signed_in else LOGIN,
        # django-otp-webauthn's endpoints, as accounts.passkeys guards them: no
        # one here has an authenticator app, so none adds a passkey, and no one
        # signs in with a passkey alone; a signed-in person may ask for a
        # challenge, and completing one not asked for is a bad request
        "otp_webauthn:credential-registration-begin": 403,
        "otp_webauthn:credential-registration-complete": 403,
        "otp_webauthn:credential-authentication-begin": (405 if get else 200)
        if signed_in
        else 403,
        "otp_webauthn:credential-authentication-complete": (405 if get else 400)
        if signed_in
        else 403,
        "otp_webauthn:js-i18n-catalog": 200 if get else 405,
        # single sign-on is not set up in these tests (test_single_sign_on.py)
        "accounts:sso_start": 404 if get else 405,
        "accounts:sso_callback": 404 if get else 405,
        "accounts:sign_out_everywhere_else": (405 if get else 302)
        if signed_in
        else LOGIN,
        # The admin's sign-in page is the site's own.
        "admin/login/": "site-login",
        "admin:login": "site-login",
    }
    if key in site:
        return site[key]
    # Anyone signed in may make a calendar link; its feed needs the secret.
    if key == "calendars:page":
        return (200 if get else 405) if signed_in else LOGIN
    if key == "calendars:make_link":
        return (405 if get else 200) if signed_in else LOGIN
    if key == "calendars:stop_link":
        return (405 if get else 302) if signed_in else LOGIN
    if key == "calendars:feed":
        return 404 if get else 405
    if key == "opendata:index" or key.startswith("api-v1:"):
        return 200 if get else 405  # open data: public, read-only
    if key == "search:results":
        return 200 if get else 405  # anyone searches what they may read
    if key == "inspections:raised_before":  # the force's chief officers, the office
        if not signed_in:
            return LOGIN
        if role in GOVERNANCE_READERS:
            return 200 if get else 302  # nothing chosen: the page says so
        return 403
    if key == "questions:list":
        return 200 if get else 405  # each reads what they may (tests/questions)
    if key == "questions:detail":
        return 404  # no such question; who reads one: tests/questions
    if key == "questions:ask":  # members of the force's panel ask
        if not signed_in:
            return LOGIN
        if role in ("panel_member", "superuser"):
            return 200 if get else 400  # nothing asked: the form says so
        return 403
    if key.startswith("governance:"):
        if not signed_in:
            return LOGIN
        # Panel members read the Panel's meetings; the sample is the chief
        # officers' meeting, so it is not found for them (tests/governance).
        if role == "panel_member" and key == "governance:meetings":
            return 200 if get else 405
        if role == "panel_member" and key in MEETING_PAGES:
            return 404 if get else 405
        if role not in GOVERNANCE_READERS:
            return 403
        if key == "governance:section_55_edit":
            return 200 if get else 302  # nothing asked is required: saved
        return 200 if get else 405
    if key in (
        "inspections:grades",
        "reports:list",
        "reports:detail",
        "reports:pdf",
        "reports:version",
    ):
        return 200 if get else 405  # published papers are public
    if key in ("reports:new", "reports:edit"):
        if not signed_in:
            return LOGIN
        return 200 if role in REPORT_WRITERS else 403  # POST: the form, with errors
    if key == "reports:publish":
        if not signed_in:
            return LOGIN
        # the confirmation page; this report is published already: back to it
        return 302 if role in REPORT_WRITERS else 403
    if key in site:
        return site[key]
    if key == "admin:logout":
        # Someone not using the admin is sent to its front page; staff sign out
        # by POST, and land on the site's home page.
        return 405 if staff and get else 302
    if not staff:
        return LOGIN  # the admin is for staff only
    if key == "admin:index":
        return 200
    if key == "admin:inspections_inspection_import":
        return 200  # every staff role imports; a POST without a file: the form
    if key == "admin:inspections_inspection_import_preview":
        return 302  # a preview no longer kept: back to the upload page
    if key == "admin:password_change":
        return 200
    if key == "admin:password_change_done":
        return 200 if get else 405
    if key == "admin:jsi18n":
        return 200 if get else 405
    if key == "admin:autocomplete":
        return (200 if VIEW in rights(role, "user") else 403) if get else 405
    if key == "admin:view_on_site":
        return 302
    if key == "admin:app_list":
        return 200 if rights(role, "action") else 404
    if key == "admin:auth_user_password_change":
        return 200 if CHANGE in rights(role, "user") else 403
    if key == "admin/(?P<url>.*)$":
        return 404
    if match := ADMIN_UNNAMED_OBJECT.match(route.pattern):
        return 302  # the old-style address, redirected to the change page
    match = ADMIN_MODEL_URL.match(key)
    assert match, f"no rule for {key}"
    may = rights(role, match["model"])
    view = match["view"]
    if match["model"] in ("user", "accountevent") and role != "superuser":
        return 403  # accounts are browsed only by those who look after them
    if view == "simple_history":
        return 200 if VIEW in may and get else 403  # the past is never rewritten
    if view in ("changelist", "history"):
        return 200 if VIEW in may else 403
    if view == "add":
        if match["model"] in READ_ONLY_IN_ADMIN:
            return 403
        return 200 if ADD in may else 403
    if view == "change":
        if match["app"] == "axes" and not get:
            # Every field is read-only: saving changes nothing.
            return 302 if CHANGE in may else 403
        if match["model"] in READ_ONLY_IN_ADMIN and not get:
            return 403
        if get:
            return 200 if VIEW in may else 403
        if match["model"] == "progressupdate":
            return 403  # an update is a record of what was said: never edited
        if match["model"] == "panelreport":
            return 403  # published: amended on the site, with a note for readers
        return 200 if CHANGE in may else 403
    if view == "delete":
        if match["model"] in ("amendment", "accountevent"):
            return 403  # a record of a change: never deleted, even by a superuser
        if match["model"] == "user":
            return 403  # deactivated, never deleted: its history names it
        return 200 if DELETE in may else 403
    raise AssertionError(view)


def test_every_url_has_a_row(world):
    _people, objects = world
    for route in all_routes():
        sample_url(route, objects)
        for role in ROLES:
            for method in METHODS:
                assert expected(route, role, method) is not None


def answer(client: Client, method: str, url: str) -> int | str:
    response = client.get(url) if method == "GET" else client.post(url, {})
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("accounts:login")):
            return "site-login" if url.startswith("/admin/login/") else LOGIN
        if location.startswith("/admin/login/"):
            return LOGIN
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(world, role):
    people, objects = world
    wrong = []
    for route in all_routes():
        url = sample_url(route, objects)
        for method in METHODS:
            client = Client()
            if role != "anonymous":
                sign_in(client, people[role])
            got = answer(client, method, url)
            want = expected(route, role, method)
            if got != want:
                wrong.append(f"{method} {url} ({route.key}): got {got}, want {want}")
    assert wrong == [], "\n".join(wrong)
