"""Load the seed inspection and an illustrative action plan, idempotently: every
row is found by its natural key and brought up to date, never duplicated."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.db import transaction

from actions.models import Action, ProgressUpdate
from inspections.choices import FindingKind
from inspections.demo import seed
from inspections.demo.action_plan import ACTIONS, CHIEF
from inspections.demo.users import (
    ACTION_PLAN_USERS,
    ADMIN_USERNAME,
    DEMO_PASSWORD,
    DEMO_USERS,
)
from inspections.models import Finding, Force, GradedQuestion, Inspection

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
    return inspection


def _load_users(*, with_sign_in: bool) -> dict[str, AbstractUser]:
    User = get_user_model()
    users = {}
    for username, (first, last, role, job_title) in DEMO_USERS.items():
        if not with_sign_in and username not in ACTION_PLAN_USERS:
            continue
        user, created = User.objects.update_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "job_title": job_title},
        )
        if with_sign_in:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role.uses_admin
            user.save()
            user.groups.set([Group.objects.get(name=role)])
        elif created:
            user.set_unusable_password()
            user.save()
        users[username] = user
    if with_sign_in:
        admin, _ = User.objects.update_or_create(
            username=ADMIN_USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "first_name": "Admin"},
        )
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    return users


def _load_inspection() -> Inspection:
    force, _ = Force.objects.update_or_create(
        slug=seed.FORCE["slug"], defaults={"name": seed.FORCE["name"]}
    )
    identity = ("programme", "pillar", "publication_date")
    inspection, _ = Inspection.objects.update_or_create(
        force=force,
        **{key: seed.INSPECTION[key] for key in identity},
        defaults={k: v for k, v in seed.INSPECTION.items() if k not in identity},
    )
    questions = {}
    for order, (wording, short_title, grade) in enumerate(seed.QUESTIONS, start=1):
        questions[order], _ = GradedQuestion.objects.update_or_create(
            inspection=inspection,
            order=order,
            defaults={"wording": wording, "short_title": short_title, "grade": grade},
        )
    for order, (text, question) in enumerate(seed.STRENGTHS, start=1):
        _finding(
            inspection, FindingKind.STRENGTH, order, text, "", questions.get(question)
        )
    for order, (theme, text) in enumerate(seed.AREAS_FOR_IMPROVEMENT, start=1):
        question = questions[THEME_QUESTION[theme]]
        _finding(
            inspection, FindingKind.AREA_FOR_IMPROVEMENT, order, text, theme, question
        )
    return inspection


def _finding(inspection, kind, order, text, theme, question) -> Finding:
    finding, _ = Finding.objects.update_or_create(
        inspection=inspection,
        kind=kind,
        order=order,
        defaults={"text": text, "theme": theme, "question": question},
    )
    return finding


def _load_action_plan(inspection: Inspection, users: dict[str, AbstractUser]) -> None:
    areas = {
        finding.order: finding
        for finding in inspection.findings.filter(kind=FindingKind.AREA_FOR_IMPROVEMENT)
    }
    for area_number, actions in ACTIONS.items():
        for title, description, owner, due_date, updates in actions:
            *_, (_, _, status, rag, percent, _) = updates
            action, _ = Action.objects.update_or_create(
                finding=areas[area_number],
                title=title,
                defaults={
                    "description": description,
                    "owner": users[owner],
                    "lead": users[CHIEF],
                    "due_date": due_date,
                    "status": status,
                    "rag": rag,
                    "percent_complete": percent,
                    "is_demo": True,
                },
            )
            for date, author, status, rag, percent, narrative in updates:
                ProgressUpdate.objects.update_or_create(
                    action=action,
                    date=date,
                    defaults={
                        "author": users[author],
                        "status": status,
                        "rag": rag,
                        "percent_complete": percent,
                        "narrative": narrative,
                    },
                )
