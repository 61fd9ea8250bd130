"""send_reminders: one e-mail a day to each owner with something overdue or due."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.roles import Role
from actions.choices import Status
from inspections.choices import Marking
from tests.factories import ActionFactory, UserFactory, user_in_role

pytestmark = pytest.mark.django_db
D = datetime.timedelta


def send() -> str:
    out = io.StringIO()
    call_command("send_reminders", stdout=out, stderr=out)
    return out.getvalue()


@pytest.fixture
def owners():
    today = timezone.localdate()
    sam = user_in_role(Role.STAFF_OFFICER, first_name="Sam", email="sam@example.org")
    morgan = user_in_role(
        Role.STAFF_OFFICER, first_name="Morgan", email="morgan@example.org"
    )
    ActionFactory(owner=sam, title="Late training", due_date=today - D(days=2))
    ActionFactory(owner=sam, title="Audit due soon", due_date=today + D(days=7))
    ActionFactory(owner=sam, title="Far off", due_date=today + D(days=8))
    ActionFactory(
        owner=sam,
        title="Done already",
        due_date=today - D(days=9),
        status=Status.COMPLETED,
        percent_complete=100,
    )
    ActionFactory(owner=morgan, title="Morgan's plan", due_date=today + D(days=1))
    return sam, morgan


def test_each_owner_gets_one_email_listing_overdue_and_due_soon(owners):
    output = send()
    assert "Reminders sent: 2." in output
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"sam@example.org", "morgan@example.org"}
    sam = by_recipient["sam@example.org"]
    assert sam.subject == "PCC Panel: your actions (1 overdue)"
    assert "Overdue:\n- Late training" in sam.body
    assert "Due in the next 7 days:\n- Audit due soon" in sam.body
    assert "Far off" not in sam.body and "Done already" not in sam.body
    html, mimetype = sam.alternatives[0]
    assert mimetype == "text/html"
    assert "<h2" in html and "Late training</a>" in html
    assert "http://127.0.0.1:8000/actions/" in sam.body


def test_sending_twice_on_the_same_day_sends_nothing_new(owners):
    send()
    assert "Reminders sent: 0." in send()
    assert len(mail.outbox) == 2


def test_an_owner_without_an_address_is_reported_not_emailed():
    nobody = user_in_role(Role.STAFF_OFFICER, username="no.address", email="")
    ActionFactory(owner=nobody, due_date=timezone.localdate() - D(days=1))
    output = send()
    assert "no.address has no e-mail address" in output
    assert mail.outbox == []


def test_an_owner_whose_role_no_longer_reads_the_plan_is_not_sent_its_title():
    former = UserFactory(username="former.officer", email="former@example.org")
    ActionFactory(owner=former, title="Covert plan", due_date=timezone.localdate())
    assert "Reminders sent: 0." in send()
    assert mail.outbox == []


def test_a_reminder_listing_sensitive_work_is_marked_at_its_top():
    sam = user_in_role(Role.STAFF_OFFICER, email="sam@example.org")
    ActionFactory(
        owner=sam,
        title="Covert review",
        due_date=timezone.localdate(),
        marking=Marking.OFFICIAL_SENSITIVE,
    )
    send()
    (message,) = mail.outbox
    assert message.subject.startswith("OFFICIAL-SENSITIVE: PCC Panel: your actions")
    assert message.body.startswith("OFFICIAL-SENSITIVE\n")
    assert message.body.rstrip().endswith("OFFICIAL-SENSITIVE")
    assert "Covert review" in message.body
    assert "OFFICIAL-SENSITIVE</p>" in message.alternatives[0][0]


def test_an_official_reminder_carries_no_marking(owners):
    send()
    assert all("OFFICIAL-SENSITIVE" not in m.body for m in mail.outbox)
    assert len(mail.outbox) == 2
