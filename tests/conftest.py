from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from inspections.models import Inspection
from tests.factories import SuperuserFactory


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"


@pytest.fixture
def superuser(db):
    return SuperuserFactory()


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def demo_inspection(db) -> Inspection:
    """The seed's inspection, as `load_demo` enters it."""
    call_command("load_demo", stdout=io.StringIO())
    return Inspection.objects.get(force__slug="leicestershire")
