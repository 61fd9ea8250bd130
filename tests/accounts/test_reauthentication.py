"""Signing off, publishing and changing someone's account ask for the password
again when it was last given more than 15 minutes ago, on the site and in the
admin; and whoever looks after accounts deactivates them, removes a lost second
factor and finds the accounts no one uses."""

from __future__ import annotations

import datetime
import time
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccountEvent, User
from accounts.sessions import CONFIRMED_AT
from actions.choices import Status
from actions.models import Action
from reports.models import PanelReport, ReportStatus
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    InspectionFactory,
    PanelReportFactory,
    ProgressUpdateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"
Kind = AccountEvent.Kind


def confirmed_ago(client: Client, minutes: float) -> None:
    session = client.session
    session[CONFIRMED_AT] = time.time() - minutes * 60
    session.save()


@pytest.fixture
def completed(staff_officer):
    action = ActionFactory(
        owner=staff_officer, status=Status.COMPLETED, percent_complete=100
    )
    ProgressUpdateFactory(action=action, status=Status.COMPLETED, percent_complete=100)
    return Action.objects.get(pk=action.pk)


def test_signing_off_asks_for_the_password_after_15_minutes(
    client, chief_officer, completed
):
    sign_in(client, chief_officer)
    sign_off = reverse("actions:sign_off", args=[completed.pk])
    back = {"next": sign_off}
    assert client.get(sign_off).status_code == 200  # just signed in
    confirmed_ago(client, 16)
    asked = client.get(sign_off)
    assert asked.status_code == 302
    assert asked["Location"] == f"{reverse('accounts:confirm')}?{urlencode(back)}"
    page = client.get(asked["Location"])
    assert "Confirm it is you" in page.text
    assert "You will not be asked again for 15 minutes" in page.text
    back = client.post(asked["Location"], {"password": PASSWORD})
    assert back["Location"] == sign_off
    assert client.get(sign_off).status_code == 200
    assert AccountEvent.objects.filter(
        user=chief_officer, kind=Kind.IDENTITY_CONFIRMED
    ).exists()


def test_a_sign_off_typed_on_a_page_opened_in_time_is_not_lost(
    client, chief_officer, completed
):
    sign_in(client, chief_officer)
    confirmed_ago(client, 40)  # the page was opened within 15 minutes of it
    client.post(
        reverse("actions:sign_off", args=[completed.pk]),
        {"comment": "Checked.", "seen_version": completed.version},
    )
    completed.refresh_from_db()
    assert completed.status == Status.CLOSED


def test_someone_who_may_not_sign_off_is_refused_not_asked(
    client, staff_officer, completed
):
    sign_in(client, staff_officer)
    confirmed_ago(client, 60)
    refused = client.post(
        reverse("actions:sign_off", args=[completed.pk]),
        {"comment": "Mine", "seen_version": completed.version},
    )
    assert refused.status_code == 403


def test_publishing_asks_for_the_password_after_15_minutes(
    client, commissioners_office
):
    report = PanelReportFactory(
        inspection=InspectionFactory(), status=ReportStatus.DRAFT
    )
    publish = reverse("reports:publish", args=[report.pk])
    sign_in(client, commissioners_office)
    confirmed_ago(client, 60)
    asked = client.post(publish, HTTP_REFERER=f"http://testserver{publish}")
    assert asked["Location"].startswith(reverse("accounts:confirm"))
    assert PanelReport.objects.get(pk=report.pk).status == ReportStatus.DRAFT
    client.post(asked["Location"], {"password": PASSWORD})
    client.post(publish)
    assert PanelReport.objects.get(pk=report.pk).status == ReportStatus.PUBLISHED


def test_the_admin_asks_again_before_signing_off_or_changing_an_account(
    admin_client, completed
):
    confirmed_ago(admin_client, 46)  # beyond the grace for a form posted late
    changelist = reverse("admin:actions_action_changelist")
    asked = admin_client.post(
        changelist,
        {"action": "sign_off", "_selected_action": [completed.pk]},
        HTTP_REFERER=f"http://testserver{changelist}",
    )
    assert asked["Location"].startswith(reverse("accounts:confirm"))
    completed.refresh_from_db()
    assert completed.status == Status.COMPLETED
    person = UserFactory()
    change = reverse("admin:accounts_user_change", args=[person.pk])
    assert admin_client.get(change)["Location"].startswith(reverse("accounts:confirm"))
    admin_client.post(reverse("accounts:confirm"), {"password": PASSWORD})
    assert admin_client.get(change).status_code == 200


def test_deactivating_an_account_signs_it_out_and_keeps_it(admin_client, superuser):
    person = UserFactory(username="leaver")
    theirs = sign_in(Client(), person)
    assert theirs.get(reverse("accounts:account")).status_code == 200
    done = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [person.pk, superuser.pk]},
        follow=True,
    )
    assert "1 account deactivated and signed out" in done.text
    person.refresh_from_db()
    assert not person.is_active and User.objects.filter(pk=person.pk).exists()
    assert theirs.get(reverse("accounts:account")).status_code == 302
    event = AccountEvent.objects.get(user=person, kind=Kind.DEACTIVATED)
    assert event.by == superuser
    delete = reverse("admin:accounts_user_delete", args=[person.pk])
    assert admin_client.get(delete).status_code == 403


def test_a_lost_second_factor_is_removed_by_whoever_looks_after_accounts(
    admin_client, superuser, chief_officer
):
    TOTPDevice.objects.create(user=chief_officer, name="app", confirmed=True)
    listed = admin_client.get(
        reverse("admin:accounts_user_changelist") + "?second_factor=on"
    )
    assert chief_officer.username in listed.text
    assert superuser.username not in listed.text
    done = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [chief_officer.pk]},
        follow=True,
    )
    assert "1 account will set up a new authenticator app" in done.text
    assert not TOTPDevice.objects.filter(user=chief_officer).exists()
    event = AccountEvent.objects.get(kind=Kind.SECOND_FACTOR_REMOVED)
    assert (event.user, event.by) == (chief_officer, superuser)


def test_the_report_of_accounts_not_used_for_90_days(admin_client):
    long_ago = timezone.now() - datetime.timedelta(days=91)
    UserFactory(username="dormant", last_login=long_ago)
    UserFactory(username="never", last_login=None, date_joined=long_ago)
    UserFactory(username="lately", last_login=timezone.now())
    UserFactory(username="gone", last_login=long_ago, is_active=False)
    UserFactory(username="newcomer", last_login=None)
    page = admin_client.get(reverse("admin:accounts_user_changelist") + "?unused=90")
    shown = {u.username for u in page.context["cl"].result_list}
    assert shown == {"dormant", "never"}


def test_the_accounts_audit_trail_is_read_only(admin_client, staff_officer):
    sign_in(Client(), staff_officer)
    listed = admin_client.get(reverse("admin:accounts_accountevent_changelist"))
    assert listed.status_code == 200
    assert staff_officer.username in listed.text
    event = AccountEvent.objects.filter(user=staff_officer).first()
    change = reverse("admin:accounts_accountevent_change", args=[event.pk])
    assert "Save" not in admin_client.get(change).text
    assert admin_client.post(change, {"detail": "x"}).status_code == 403
    staff = sign_in(Client(), staff_officer)
    assert (
        staff.get(reverse("admin:accounts_accountevent_changelist")).status_code == 403
    )


# Every path that can sign off asks the same rule, in the state machine: the
# weekly update's form, the action's admin page, the admin's progress update
# and a call outside any request.
STALE = 60  # minutes since the password: past 15, and past the 30 of grace


def closing(completed, **changes):
    return {
        "status": Status.CLOSED,
        "percent_complete": 100,
        "rag": "green",
        "narrative": "Checked the audit: closing.",
        "date": timezone.localdate().isoformat(),
        "marking": "official",
        "seen_version": completed.version,
        **changes,
    }


def test_a_sign_off_in_the_weekly_update_asks_for_the_password_and_keeps_the_text(
    client, chief_officer, completed
):
    sign_in(client, chief_officer)
    confirmed_ago(client, STALE)
    url = reverse("actions:update", args=[completed.pk])
    assert ">Closed<" in client.get(url).text  # still offered
    refused = client.post(url, closing(completed))
    assert refused.status_code == 200
    assert "Signing off asks for your password again" in refused.text
    assert "Checked the audit: closing." in refused.text  # nothing typed is lost
    completed.refresh_from_db()
    assert completed.status == Status.COMPLETED and completed.signed_off_by is None
    confirmed_ago(client, 1)
    assert client.post(url, closing(completed)).status_code == 302
    completed.refresh_from_db()
    assert completed.status == Status.CLOSED
    assert completed.signed_off_by == chief_officer


def test_a_sign_off_in_the_actions_admin_page_asks_for_the_password(
    client, chief_officer, completed
):
    from tests.actions.test_admin_weekly_update import change_form_data

    sign_in(client, chief_officer)
    confirmed_ago(client, STALE)
    url = reverse("admin:actions_action_change", args=[completed.pk])
    data = change_form_data(
        completed,
        **{k: v for k, v in closing(completed).items() if k != "seen_version"},
    )
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Signing off asks for your password again" in refused.text
    completed.refresh_from_db()
    assert completed.status == Status.COMPLETED


def test_a_sign_off_as_an_admin_progress_update_asks_for_the_password(
    client, chief_officer, completed
):
    sign_in(client, chief_officer)
    confirmed_ago(client, STALE)
    data = closing(completed, action=completed.pk)
    del data["seen_version"]
    refused = client.post(reverse("admin:actions_progressupdate_add"), data)
    assert refused.status_code == 200
    assert "Signing off asks for your password again" in refused.text
    completed.refresh_from_db()
    assert completed.status == Status.COMPLETED


def test_a_sign_off_outside_any_request_is_refused(chief_officer, completed):
    from django.core.exceptions import ValidationError

    from actions.services import action_sign_off

    with pytest.raises(ValidationError, match="asks for your password again"):
        action_sign_off(action=completed, user=chief_officer, comment="From a shell")
    completed.refresh_from_db()
    assert completed.status == Status.COMPLETED
