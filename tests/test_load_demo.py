import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from actions.models import Action, DueDateExtension
from inspections.choices import FindingKind, Grade
from inspections.models import Inspection

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    models = [
        *apps.get_app_config("inspections").get_models(),
        *apps.get_app_config("actions").get_models(),
        *apps.get_app_config("auth").get_models(),
        *apps.get_app_config("governance").get_models(),
    ]
    return {model._meta.label: model.objects.count() for model in models}


@pytest.mark.parametrize("debug", [False, True])
def test_running_load_demo_twice_leaves_the_same_rows(settings, debug):
    settings.DEBUG = debug
    load_demo()
    first = row_counts()
    load_demo()
    assert row_counts() == first
    # the seed's, the live demo and its earlier one, the fire service's and
    # the thematic one
    assert first["inspections.Inspection"] == 5
    # the live demo's findings raised before, waiting for a chief officer
    assert first["inspections.RaisedBefore"] == 2


def test_load_demo_enters_a_thematic_inspection_with_a_plan_for_each_force():
    load_demo()
    thematic = Inspection.objects.get(force=None)
    assert thematic.title == (
        "An inspection of vetting, misconduct, and misogyny in the police service"
    )
    assert str(thematic.publication_date) == "2022-11-02"
    forces = set(thematic.applies_to.values_list("name", flat=True))
    assert forces == {"Leicestershire Police", "Northmoor Police (invented)"}
    plans = Action.objects.filter(finding__inspection=thematic)
    assert set(plans.values_list("force__name", flat=True)) == forces
    assert "Invented" in thematic.summary or "invented" in thematic.summary
    to_college = thematic.findings.get(addressed_to__name="College of Policing")
    assert not to_college.actions.exists()
    response = thematic.section_55_responses.get()
    assert response.force.name == "Leicestershire Police"


def test_load_demo_enters_the_seed_inspection_faithfully():
    load_demo()
    inspection = Inspection.objects.get(force__name="Leicestershire Police")
    assert (inspection.inspectorate, inspection.programme, inspection.pillar) == (
        "HMIC",
        "PEEL",
        "Effectiveness",
    )
    assert str(inspection.publication_date) == "2017-03-02"
    assert inspection.fieldwork_period == "October 2016"
    assert inspection.overall_grade == Grade.REQUIRES_IMPROVEMENT
    assert [q.grade for q in inspection.questions.all()] == [
        Grade.GOOD,
        Grade.GOOD,
        Grade.REQUIRES_IMPROVEMENT,
        Grade.REQUIRES_IMPROVEMENT,
    ]
    kinds = [f.kind for f in inspection.findings.all()]
    assert kinds.count(FindingKind.STRENGTH) == 9
    assert kinds.count(FindingKind.AREA_FOR_IMPROVEMENT) == 12


def test_demo_action_plan_is_marked_and_consistent_with_its_updates():
    load_demo()
    actions = Action.objects.all()
    assert actions.count() >= 5
    assert all(action.is_demo for action in actions)
    for action in actions:
        action.full_clean()
        latest = action.updates.first()
        if latest is None:  # not started: nothing reported yet
            assert (action.status, action.percent_complete) == ("not_started", 0)
            continue
        assert (action.status, action.rag, action.percent_complete) == (
            latest.status,
            latest.rag,
            latest.percent_complete,
        )


def test_without_debug_no_one_can_sign_in_as_a_demo_user(settings):
    settings.DEBUG = False
    output = load_demo()
    assert "no demo sign-ins were created" in output
    assert not get_user_model().objects.filter(is_superuser=True).exists()
    officer = get_user_model().objects.get(username="staff.officer")
    assert not officer.has_usable_password()


def test_with_debug_each_role_can_sign_in_and_is_told_how(settings):
    settings.DEBUG = True
    output = load_demo()
    for username, group in [
        ("panel.member", "Panel member"),
        ("staff.officer", "Staff officer"),
        ("chief.officer", "Chief officer"),
        ("commissioners.office", "Commissioner's office"),
    ]:
        user = get_user_model().objects.get(username=username)
        assert user.check_password("pcc-panel-demo"), username
        roles = set(user.memberships.values_list("role", flat=True))
        assert roles == {group}
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("pcc-panel-demo")
    assert "staff.officer" in output and "password is pcc-panel-demo" in output
    assert not get_user_model().objects.get(username="panel.member").is_staff


def test_the_live_demo_runs_now_and_says_it_is_invented():
    """Beside the seed, an invented plan whose states are live on the day it
    is loaded: overdue, due this month, awaiting sign-off, an extension."""
    load_demo()
    today = timezone.localdate()
    live = Inspection.objects.get(
        force__slug="northmoor-demo", framework="peel-2025-27"
    )
    assert "invented" in live.title and "invented" in live.force.name
    assert {q.grade for q in live.questions.all()} >= {Grade.ADEQUATE}
    actions = Action.objects.filter(finding__inspection=live)
    assert actions.overdue(today).count() == 1
    assert actions.due_within(30, today).count() == 2
    assert actions.filter(status="completed").count() == 1
    assert (
        DueDateExtension.objects.filter(
            action__finding__inspection=live, decision="pending"
        ).count()
        == 1
    )
    assert all(action.is_demo for action in actions)
