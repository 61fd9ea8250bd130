"""Settings come from the environment and refuse to start when unsafe."""

import os
import subprocess
import sys

import pytest

CHECK = "import django; django.setup(); from django.conf import settings; print({})"


def run_settings(env: dict[str, str], expression: str = "settings.DEBUG"):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", CHECK.format(expression)],
        env={**clean, "DJANGO_SETTINGS_MODULE": "pcc_panel.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_settings({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_starts_without_a_secret_key_in_debug():
    result = run_settings({"DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_reads_hosts_and_database_from_the_environment():
    result = run_settings(
        {
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "panel.example.org, www.panel.example.org",
            "DATABASE_URL": "postgres://u@db.example.org:5432/pcc",
        },
        "(settings.ALLOWED_HOSTS, settings.DATABASES['default']['HOST'], "
        "settings.TIME_ZONE, settings.LANGUAGE_CODE)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "(['panel.example.org', 'www.panel.example.org'], 'db.example.org', "
        "'Europe/London', 'en-gb')"
    )


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_refuses_a_debug_value_it_cannot_read(value):
    result = run_settings({"DEBUG": value, "SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_postgresql_connections_prepare_what_they_run_often_unless_told_not_to():
    options = "settings.DATABASES['default']['OPTIONS'].get('{}')"
    url = {"DEBUG": "1", "DATABASE_URL": "postgres://u@db.example.org:5432/pcc"}
    prepared = run_settings(url, options.format("prepare_threshold"))
    assert prepared.stdout.strip() == "5", prepared.stderr
    client_side = run_settings(
        url | {"DATABASE_PREPARE_THRESHOLD": "0"}, options.format("server_side_binding")
    )
    assert client_side.stdout.strip() == "None", client_side.stderr


@pytest.mark.django_db
def test_a_query_run_five_times_is_planned_once_on_postgresql(client):
    """The inspection list's queries, asked for again and again on one
    connection, are prepared statements on the server."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    from tests.factories import InspectionFactory

    InspectionFactory()
    for _ in range(6):
        assert client.get("/").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements "
            "WHERE statement LIKE %s AND generic_plans + custom_plans >= 1",
            ['%FROM "inspections_inspection"%'],
        )
        assert cursor.fetchone()[0] >= 1
