from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from accounts import second_factor
from accounts.roles import Role
from inspections.models import Inspection
from tests.factories import SuperuserFactory, user_in_role


@pytest.fixture(autouse=True)
def fresh_cache():
    """No test sees pages another test cached: tests roll back their data
    without committing, so the data version alone would not tell them apart."""
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test's uploads in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"


@pytest.fixture
def superuser(db):
    return SuperuserFactory()


@pytest.fixture
def panel_member(db):
    return user_in_role(Role.PANEL_MEMBER, username="panel.member")


@pytest.fixture
def staff_officer(db):
    return user_in_role(Role.STAFF_OFFICER, username="staff.officer")


@pytest.fixture
def other_staff_officer(db):
    return user_in_role(Role.STAFF_OFFICER, username="other.officer")


@pytest.fixture
def chief_officer(db):
    return user_in_role(Role.CHIEF_OFFICER, username="chief.officer")


@pytest.fixture
def commissioners_office(db):
    return user_in_role(Role.COMMISSIONERS_OFFICE, username="opcc")


def sign_in(client, user):
    """Sign in as someone partway through their session: their second factor
    given (tests/accounts/test_second_factor.py gives it through the pages), and
    the first request of a session made, which notes when it was active."""
    user.refresh_from_db(fields=["password", "sessions_generation"])  # as now
    client.force_login(user)
    session = client.session
    session[second_factor.PASSED] = second_factor.APP
    session.save()
    client.get("/accessibility/")
    return client


@pytest.fixture
def admin_client(client, superuser):
    return sign_in(client, superuser)


@pytest.fixture
def demo_inspection(db) -> Inspection:
    """The seed's inspection, as `load_demo` enters it."""
    call_command("load_demo", stdout=io.StringIO())
    return Inspection.objects.get(force__slug="leicestershire")
