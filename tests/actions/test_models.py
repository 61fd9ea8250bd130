import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from actions.choices import Status
from actions.models import Action
from tests.factories import (
    ActionFactory,
    ProgressUpdateFactory,
    StrengthFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2017, 6, 1)


def test_a_strength_cannot_get_an_action():
    action = ActionFactory.build(
        finding=StrengthFactory(), owner=UserFactory(), lead=UserFactory()
    )
    with pytest.raises(ValidationError, match="A strength needs no action"):
        action.full_clean()


@pytest.mark.parametrize("percent", [101, 250])
def test_percent_complete_above_100_is_refused(percent):
    action = ActionFactory()
    action.percent_complete = percent
    with pytest.raises(ValidationError, match="less than or equal to 100"):
        action.full_clean()
    with pytest.raises(IntegrityError):
        Action.objects.filter(pk=action.pk).update(percent_complete=percent)


def test_negative_percent_complete_is_refused_by_the_database():
    action = ActionFactory()
    with pytest.raises(IntegrityError):
        Action.objects.filter(pk=action.pk).update(percent_complete=-1)


@pytest.mark.parametrize("status", [Status.COMPLETED, Status.CLOSED])
def test_finished_action_must_be_100_percent_complete(status):
    action = ActionFactory(percent_complete=90)
    action.status = status
    with pytest.raises(ValidationError, match="100% complete"):
        action.full_clean()
    with pytest.raises(IntegrityError):
        Action.objects.filter(pk=action.pk).update(status=status)


def test_progress_update_obeys_the_same_percent_rules():
    update = ProgressUpdateFactory.build(
        action=ActionFactory(), status=Status.COMPLETED, percent_complete=50
    )
    update.author = update.action.owner
    with pytest.raises(ValidationError, match="100% complete"):
        update.full_clean()


def test_open_excludes_only_closed_actions():
    ActionFactory(status=Status.CLOSED, percent_complete=100)
    completed = ActionFactory(status=Status.COMPLETED, percent_complete=100)
    blocked = ActionFactory(status=Status.BLOCKED)
    assert set(Action.objects.open()) == {completed, blocked}


def test_overdue_is_past_due_with_the_work_not_done():
    late = ActionFactory(due_date=datetime.date(2017, 5, 31))
    ActionFactory(due_date=TODAY)  # due today is not late
    ActionFactory(
        due_date=datetime.date(2017, 1, 31),
        status=Status.COMPLETED,
        percent_complete=100,
    )
    ActionFactory(
        due_date=datetime.date(2017, 1, 31), status=Status.CLOSED, percent_complete=100
    )
    assert list(Action.objects.overdue(today=TODAY)) == [late]
