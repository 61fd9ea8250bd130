"""Findings raised before: suggested from earlier inspections of the same
force, with the share of words in common; confirmed or dismissed by the force's
chief officers or the office; shown where confirmed, as far as each may see."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from inspections.choices import FindingKind, Marking
from inspections.models import RaisedBefore, RaisedBeforeState
from inspections.raised_before import raised_before_suggest
from reports.models import ReportSection, ReportStatus, SectionKind
from tests.conftest import sign_in
from tests.factories import (
    FindingFactory,
    ForceFactory,
    InspectionFactory,
    PanelReportFactory,
    ThematicInspectionFactory,
    user_in_role,
)

pytestmark = pytest.mark.django_db
AREA = FindingKind.AREA_FOR_IMPROVEMENT


@pytest.fixture
def history(db):
    force = ForceFactory(name="Northshire Police", slug="northshire")
    old = InspectionFactory(force=force, publication_date=datetime.date(2019, 3, 1))
    new = InspectionFactory(force=force, publication_date=datetime.date(2023, 5, 1))
    earlier = FindingFactory(
        inspection=old,
        kind=AREA,
        number=4,
        text="The force should improve how it supervises its investigations.",
    )
    FindingFactory(inspection=old, kind=AREA, text="Answer 999 calls more quickly.")
    again = FindingFactory(
        inspection=new,
        kind=AREA,
        number=2,
        text="The force should improve the supervision of investigations.",
    )
    elsewhere = InspectionFactory(publication_date=datetime.date(2018, 1, 1))
    FindingFactory(
        inspection=elsewhere,
        text="The force should improve the supervision of investigations.",
    )
    return {"force": force, "old": old, "new": new, "earlier": earlier, "again": again}


def client_of(role: Role, organisation=None) -> Client:
    client = Client()
    sign_in(client, user_in_role(role, organisation))
    return client


def test_alike_earlier_findings_of_the_same_force_are_suggested(history):
    assert raised_before_suggest(history["new"]) == 1
    [link] = RaisedBefore.objects.all()
    assert (link.finding, link.earlier) == (history["again"], history["earlier"])
    assert link.state == RaisedBeforeState.SUGGESTED
    assert 30 <= link.score <= 100
    # again: nothing new, nothing undone
    link.state = RaisedBeforeState.DISMISSED
    link.save()
    assert raised_before_suggest(history["new"]) == 0
    link.refresh_from_db()
    assert link.state == RaisedBeforeState.DISMISSED
    # the earlier inspection has nothing earlier; a thematic one no history
    assert raised_before_suggest(history["old"]) == 0
    assert raised_before_suggest(ThematicInspectionFactory()) == 0


def test_findings_entered_by_hand_are_compared_when_someone_looks_again(history):
    url = f"/inspections/{history['new'].pk}/raised-before/"
    office = client_of(Role.COMMISSIONERS_OFFICE)
    page = office.get(url).content.decode()
    # not "none reads alike": no one has compared them yet
    assert "after entering findings or earlier inspections by hand, look again" in page
    looked = office.post(url, {"look": "again"}, follow=True).content.decode()
    assert "1 new suggestion." in looked
    assert "supervises its investigations" in looked


def test_the_review_page_is_for_the_forces_chief_officers_and_the_office(history):
    url = f"/inspections/{history['new'].pk}/raised-before/"
    raised_before_suggest(history["new"])
    for role in (Role.CHIEF_OFFICER, Role.COMMISSIONERS_OFFICE):
        page = client_of(role).get(url)
        assert page.status_code == 200
        assert "supervises its investigations" in page.content.decode()
    for role in (Role.STAFF_OFFICER, Role.PANEL_MEMBER):
        assert client_of(role).get(url).status_code == 403
    other = ForceFactory(name="Southshire Police", slug="southshire")
    assert client_of(Role.CHIEF_OFFICER, other.organisation).get(url).status_code == 403
    assert Client().get(url).status_code == 302


def test_confirmed_it_shows_on_the_page_the_dashboard_and_the_paper(history):
    new = history["new"]
    url = f"/inspections/{new.pk}/raised-before/"
    chief = client_of(Role.CHIEF_OFFICER)
    response = chief.post(url, {"look": "again"}, follow=True)
    assert "1 new suggestion." in response.content.decode()
    link = RaisedBefore.objects.get()
    response = chief.post(url, {"link": link.pk, "decision": "again"}, follow=True)
    assert "AFI 2: raised again." in response.content.decode()
    link.refresh_from_db()
    assert link.state == RaisedBeforeState.CONFIRMED and link.decided_by
    page = Client().get(new.get_absolute_url()).content.decode()
    assert "One of its findings was raised before" in page
    assert f"#finding-{history['earlier'].pk}" in page
    assert "First raised in" in page and "(March 2019)" in page
    dashboard = chief.get("/dashboard/").content.decode()
    assert "1 area for improvement raised again" in dashboard
    paper = PanelReportFactory(inspection=new, status=ReportStatus.PUBLISHED)
    ReportSection.objects.create(
        report=paper, kind=SectionKind.AREAS, heading="Areas for improvement"
    )
    text = Client().get(paper.get_absolute_url()).content.decode()
    assert "(Raised before: PEEL Effectiveness, March 2019.)" in text
    # dismissed, it shows nowhere
    chief.post(url, {"link": link.pk, "decision": "not"})
    assert "First raised in" not in Client().get(new.get_absolute_url()).text
    assert "raised again" not in chief.get("/dashboard/").content.decode()


def test_a_link_to_a_sensitive_finding_shows_only_to_those_who_read_it(history):
    history["earlier"].marking = Marking.OFFICIAL_SENSITIVE
    history["earlier"].save()
    raised_before_suggest(history["new"])
    RaisedBefore.objects.update(state=RaisedBeforeState.CONFIRMED)
    url = history["new"].get_absolute_url()
    assert "First raised in" not in Client().get(url).text
    assert "First raised in" not in client_of(Role.PANEL_MEMBER).get(url).text
    assert "First raised in" in client_of(Role.STAFF_OFFICER).get(url).text


@pytest.mark.parametrize(
    "data",
    [{}, {"link": "abc", "decision": "again"}, {"link": "1", "decision": "maybe"}],
)
def test_bad_decisions_are_explained_and_change_nothing(history, data):
    raised_before_suggest(history["new"])
    url = f"/inspections/{history['new'].pk}/raised-before/"
    response = client_of(Role.CHIEF_OFFICER).post(url, data, follow=True)
    assert "Choose a suggestion below, and what it is." in response.content.decode()
    assert RaisedBefore.objects.get().state == RaisedBeforeState.SUGGESTED


def test_a_link_of_another_inspection_is_not_decided_here(history):
    raised_before_suggest(history["new"])
    link = RaisedBefore.objects.get()
    other = InspectionFactory(force=history["force"])
    url = f"/inspections/{other.pk}/raised-before/"
    client_of(Role.CHIEF_OFFICER).post(url, {"link": link.pk, "decision": "again"})
    assert RaisedBefore.objects.get().state == RaisedBeforeState.SUGGESTED


def test_the_review_page_costs_the_same_however_many_suggestions(history):
    chief = client_of(Role.CHIEF_OFFICER)
    url = f"/inspections/{history['new'].pk}/raised-before/"
    raised_before_suggest(history["new"])
    with CaptureQueriesContext(connection) as few:
        chief.get(url)
    for n in range(8):
        FindingFactory(
            inspection=history["new"],
            kind=AREA,
            text=f"The force should improve how it supervises investigations {n}.",
        )
    raised_before_suggest(history["new"])
    assert RaisedBefore.objects.count() > 5
    with CaptureQueriesContext(connection) as many:
        chief.get(url)
    assert len(many) == len(few) <= 8


def test_the_dashboard_counts_only_links_whose_findings_the_reader_sees(history):
    raised_before_suggest(history["new"])
    RaisedBefore.objects.update(state=RaisedBeforeState.CONFIRMED)
    history["again"].marking = Marking.OFFICIAL_SENSITIVE
    history["again"].save()
    counted = "1 area for improvement raised again"
    assert counted in client_of(Role.CHIEF_OFFICER).get("/dashboard/").text
    other = ForceFactory(name="Southshire Police", slug="southshire")
    elsewhere = client_of(Role.CHIEF_OFFICER, other.organisation).get("/dashboard/")
    assert elsewhere.status_code == 200
    assert "raised again" not in elsewhere.text
