"""Panel questions through HTTP: a member asks, the office sets a date and
answers, the member is e-mailed, the next paper publishes it; each role reads
what it may, and the answer's marking holds everywhere it is shown."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from inspections.choices import Marking
from questions.models import PanelQuestion
from reports.models import ReportStatus
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    FindingFactory,
    InspectionFactory,
    PanelReportFactory,
    user_in_role,
)
from tests.helpers import text_of

pytestmark = pytest.mark.django_db


def form(answer_by="", answer="", answer_marking="official") -> dict:
    return {"answer_by": answer_by, "answer": answer, "answer_marking": answer_marking}


def client_of(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


@pytest.fixture
def world(db):
    inspection = InspectionFactory()
    action = ActionFactory(finding=FindingFactory(inspection=inspection))
    paper = PanelReportFactory(inspection=inspection, status=ReportStatus.DRAFT)
    published = PanelReportFactory(
        inspection=inspection, status=ReportStatus.PUBLISHED, subject="Last time"
    )
    member = user_in_role(Role.PANEL_MEMBER, first_name="Pat", last_name="Jones")
    return {
        "inspection": inspection,
        "action": action,
        "paper": paper,
        "published_paper": published,
        "member": member,
        "other_member": user_in_role(Role.PANEL_MEMBER),
        "office": user_in_role(Role.COMMISSIONERS_OFFICE),
        "chief": user_in_role(Role.CHIEF_OFFICER),
        "staff": user_in_role(Role.STAFF_OFFICER),
    }


def ask(world, kind="inspection", text="Why has custody not improved?"):
    subject = world["published_paper" if kind == "paper" else kind]
    response = client_of(world["member"]).post(
        f"/questions/ask/{kind}/{subject.pk}/", {"text": text}, follow=True
    )
    question = PanelQuestion.objects.latest("pk")
    assert response.redirect_chain == [(question.get_absolute_url(), 302)]
    assert "Your question was sent" in response.content.decode()
    return question


@pytest.mark.parametrize("kind", ["inspection", "action", "paper"])
def test_a_member_asks_about_each_kind_of_thing(world, kind):
    question = ask(world, kind)
    assert (
        getattr(question, kind) == world["published_paper" if kind == "paper" else kind]
    )
    assert question.force == world["inspection"].force
    page = client_of(world["member"]).get(question.get_absolute_url())
    assert "Not yet answered." in page.content.decode()


def test_the_ask_link_is_shown_to_members_only(world):
    url = world["inspection"].get_absolute_url()
    ask_url = f"/questions/ask/inspection/{world['inspection'].pk}/"
    assert ask_url in client_of(world["member"]).get(url).content.decode()
    for role in ("office", "chief", "staff"):
        assert ask_url not in client_of(world[role]).get(url).content.decode()
        assert client_of(world[role]).get(ask_url).status_code == 403
    assert Client().get(ask_url).status_code == 302  # sign in first


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write your question."),
        ("   ", "Write your question."),
        ("x" * 5001, "Keep your question to 5000 characters (it has 5001)."),
    ],
)
def test_a_bad_question_is_explained(world, text, message):
    response = client_of(world["member"]).post(
        f"/questions/ask/inspection/{world['inspection'].pk}/", {"text": text}
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not PanelQuestion.objects.exists()


def test_asking_about_something_hidden_or_unknown_is_not_found(world):
    hidden = InspectionFactory(force=world["inspection"].force, is_published=False)
    member = client_of(world["member"])
    assert member.get(f"/questions/ask/inspection/{hidden.pk}/").status_code == 404
    assert member.get("/questions/ask/meeting/1/").status_code == 404
    assert member.get("/questions/ask/inspection/99999/").status_code == 404


def test_the_office_sets_a_date_then_answers_and_the_member_is_emailed(
    world, django_capture_on_commit_callbacks
):
    question = ask(world)
    office = client_of(world["office"])
    due = timezone.localdate() + datetime.timedelta(days=14)
    response = office.post(
        question.get_absolute_url(),
        {"answer_by": due, "answer": "", "answer_marking": "official"},
    )
    assert response.status_code == 302 and not mail.outbox
    question.refresh_from_db()
    assert question.answer_by == due and not question.is_answered
    with django_capture_on_commit_callbacks(execute=True):
        office.post(
            question.get_absolute_url(),
            {
                "answer_by": due,
                "answer": "Custody audits start in May.",
                "answer_marking": "official",
            },
        )
    question.refresh_from_db()
    assert question.is_answered and question.answered_by == world["office"]
    [message] = mail.outbox
    assert message.to == [world["member"].email]
    assert question.get_absolute_url() in message.body
    assert "Custody audits" not in message.body  # the answer stays on the site
    page = client_of(world["member"]).get(question.get_absolute_url()).content.decode()
    assert "Custody audits start in May." in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"answer_by": "", "answer": ""},
            "Set the date it will be answered by, or write the answer.",
        ),
        ({"answer_by": "2027-02-30", "answer": ""}, "Enter a real date"),
        (
            {"answer_by": "2001-01-01", "answer": ""},
            "Choose a date from the day it was asked",
        ),
        (
            {"answer_by": "", "answer": "x" * 10001},
            "Keep the answer to 10000 characters",
        ),
    ],
)
def test_bad_answers_are_explained(world, data, message):
    question = ask(world)
    response = client_of(world["office"]).post(
        question.get_absolute_url(), data | {"answer_marking": "official"}
    )
    assert response.status_code == 400 and message in response.content.decode()
    question.refresh_from_db()
    assert question.answer_by is None and not question.is_answered


def test_only_the_office_answers(world):
    question = ask(world)
    for role in ("member", "chief", "other_member"):
        response = client_of(world[role]).post(
            question.get_absolute_url(),
            form(answer="Mine."),
        )
        assert response.status_code == 403
    question.refresh_from_db()
    assert not question.is_answered


def test_who_reads_a_question_before_it_is_published(world):
    question = ask(world, text="CANARY question before publication")
    url = question.get_absolute_url()
    for role in ("member", "other_member", "office", "chief"):  # the panel too
        assert "CANARY question" in client_of(world[role]).get(url).content.decode()
        assert (
            "CANARY question"
            in client_of(world[role]).get("/questions/").content.decode()
        )
    assert client_of(world["staff"]).get(url).status_code == 404
    assert Client().get(url).status_code == 404
    assert "CANARY question" not in Client().get("/questions/").content.decode()


def answered(world, question, text, marking="official"):
    client_of(world["office"]).post(
        question.get_absolute_url(), form(answer=text, answer_marking=marking)
    )


def test_the_next_paper_publishes_the_answered_and_lists_the_outstanding(world):
    first = ask(world, text="What is the plan for custody?")
    answered(world, first, "A new custody plan in June.")
    second = ask(world, text="When will call handling improve?")
    office = client_of(world["office"])
    paper = world["paper"]
    draft = office.get(paper.get_absolute_url()).content.decode()
    assert "Questions from the Panel" in draft and "A new custody plan" in draft
    for reader in ("public", "panel"):  # the previews show what publishing will
        preview = office.get(f"{paper.get_absolute_url()}?as={reader}")
        assert "A new custody plan" in preview.content.decode()
        assert "When will call handling improve?" in preview.content.decode()
    response = office.post(f"/reports/{paper.pk}/publish/")
    assert response.status_code == 302, response.content.decode()[:3000]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.published_in == paper and second.published_in is None
    assert list(second.outstanding_in.all()) == [paper]
    public = Client()
    page = public.get(paper.get_absolute_url()).content.decode()
    assert (
        "What is the plan for custody?" in page
        and "A new custody plan in June." in page
    )
    assert "When will call handling improve?" in page  # outstanding
    assert "A new custody plan" in text_of(public.get(f"/reports/{paper.pk}/pdf/"))
    assert public.get(first.get_absolute_url()).status_code == 200
    listed = public.get("/questions/").content.decode()
    assert "What is the plan for custody?" in listed
    # once published, the answer no longer changes
    response = office.post(
        first.get_absolute_url(), {"answer": "Changed.", "answer_marking": "official"}
    )
    assert response.status_code == 403
    # the next paper about the force publishes what was answered since
    answered(world, second, "From September.")
    later = PanelReportFactory(
        inspection=world["inspection"], status=ReportStatus.DRAFT
    )
    office.post(f"/reports/{later.pk}/publish/")
    second.refresh_from_db()
    assert second.published_in == later


def test_a_sensitive_answer_is_read_only_where_sensitive_material_is(world):
    question = ask(world, text="What about the covert unit?")
    answered(world, question, "SECRET-ANSWER-TEXT", Marking.OFFICIAL_SENSITIVE)
    client_of(world["office"]).post(f"/reports/{world['paper'].pk}/publish/")
    for who, sees in (("office", True), ("chief", True), ("member", False)):
        page = client_of(world[who]).get(question.get_absolute_url()).content.decode()
        assert ("SECRET-ANSWER-TEXT" in page) is sees, who
    for client in (Client(), client_of(world["member"])):
        for url in (
            question.get_absolute_url(),
            world["paper"].get_absolute_url(),
            "/questions/",
        ):
            page = client.get(url).content.decode()
            assert "SECRET-ANSWER-TEXT" not in page
        assert (
            "What about the covert unit?"
            in client.get(world["paper"].get_absolute_url()).content.decode()
        )


def test_pages_cost_the_same_however_many_questions(world):
    member = client_of(world["member"])
    ask(world)
    with CaptureQueriesContext(connection) as few:
        member.get("/questions/")
    for n in range(10):
        ask(world, text=f"Question {n}")
    with CaptureQueriesContext(connection) as many:
        member.get("/questions/")
    assert len(many) == len(few) <= 8
    question = PanelQuestion.objects.latest("pk")
    office = client_of(world["office"])
    with CaptureQueriesContext(connection) as one:
        office.get(question.get_absolute_url())
    assert len(one) <= 8


def test_the_answer_by_date_is_kept_when_the_answer_is_saved(world):
    question = ask(world)
    office = client_of(world["office"])
    due = timezone.localdate() + datetime.timedelta(days=14)
    office.post(question.get_absolute_url(), form(answer_by=due.isoformat()))
    page = office.get(question.get_absolute_url()).content.decode()
    assert f'value="{due.isoformat()}"' in page  # what a date box can show
    # the form as the page sends it back, with only the answer written
    office.post(
        question.get_absolute_url(),
        form(answer_by=due.isoformat(), answer="Audits start in May."),
    )
    question.refresh_from_db()
    assert question.answer_by == due and question.is_answered


def test_the_pages_say_e_mailed_only_when_an_e_mail_is_sent(world):
    member = world["member"]
    member.email = ""
    member.save()
    asked = client_of(member).post(
        f"/questions/ask/inspection/{world['inspection'].pk}/",
        {"text": "Why?"},
        follow=True,
    )
    assert "you will not be e-mailed" in asked.content.decode()
    question = PanelQuestion.objects.get()
    answered = client_of(world["office"]).post(
        question.get_absolute_url(), form(answer="Because."), follow=True
    )
    page = answered.content.decode()
    assert "has no e-mail address, so was not e-mailed" in page
    assert "the member e-mailed" not in page
    assert not mail.outbox


def test_a_member_with_an_address_is_told_where_the_e_mail_goes(world):
    asked = client_of(world["member"]).post(
        f"/questions/ask/inspection/{world['inspection'].pk}/",
        {"text": "Why?"},
        follow=True,
    )
    assert f"e-mailed at {world['member'].email}" in asked.content.decode()


def test_the_empty_list_says_no_question_was_asked(world):
    page = text_of(client_of(world["member"]).get("/questions/"))
    assert "No member has asked a question yet." in page
    assert "Every question asked has been answered" not in page
    question = ask(world)
    answered(world, question, "Soon.")
    page = text_of(client_of(world["member"]).get("/questions/"))
    assert "Every question asked has been answered." in page
