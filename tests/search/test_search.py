"""Search through HTTP: ranked, highlighted, filtered, kept current as rows
change, and never showing a reader what its row's page would not."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from actions.choices import Status
from inspections.choices import FindingKind, Grade, Marking
from inspections.models import Force, Inspection
from reports.models import ReportSection, ReportStatus
from search import query
from search.models import Entry
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    FindingFactory,
    ForceFactory,
    GradedQuestionFactory,
    InspectionFactory,
    PanelReportFactory,
    ProgressUpdateFactory,
    ThematicInspectionFactory,
    user_in_role,
)

pytestmark = pytest.mark.django_db
SENSITIVE = Marking.OFFICIAL_SENSITIVE


@pytest.fixture
def world(db):
    north = ForceFactory(name="Northshire Police", slug="northshire")
    south = ForceFactory(name="Southshire Police", slug="southshire")
    old = InspectionFactory(
        force=north,
        publication_date=datetime.date(2019, 3, 1),
        overall_grade=Grade.REQUIRES_IMPROVEMENT,
    )
    new = InspectionFactory(
        force=south,
        publication_date=datetime.date(2023, 5, 1),
        overall_grade=Grade.GOOD,
        title="Custody suites and detained children",
    )
    hidden = InspectionFactory(force=north, is_published=False, title="Unpublished")
    public = FindingFactory(
        inspection=old, text="The force should improve its custody records."
    )
    FindingFactory(
        inspection=new,
        kind=FindingKind.CAUSE_OF_CONCERN,
        text="Detained children wait too long in custody for an appropriate adult.",
    )
    secret = FindingFactory(
        inspection=old, marking=SENSITIVE, text="Custody informant handling ZEBRA."
    )
    FindingFactory(inspection=hidden, text="Custody draft finding OKAPI.")
    action = ActionFactory(
        finding=public, title="Audit custody records monthly", status=Status.BLOCKED
    )
    ProgressUpdateFactory(action=action, narrative="Custody audit found gaps GIRAFFE.")
    return {
        "old": old,
        "new": new,
        "public": public,
        "secret": secret,
        "action": action,
    }


def results(client: Client, **asked) -> tuple[int, str, list[str]]:
    response = client.get("/search/", asked)
    page = response.content.decode()
    titles = re.findall(r'<h3 class="app-result__title"><a href="([^"]+)">', page)
    return response.status_code, page, titles


def signed_in(role: Role) -> Client:
    client = Client()
    sign_in(client, user_in_role(role))
    return client


def test_ranked_highlighted_and_linked(world):
    status, page, links = results(Client(), q="detained children")
    assert status == 200
    assert "2 results" in page
    # the inspection whose title holds both words ranks above a finding's text
    assert links[0] == world["new"].get_absolute_url()
    assert links[1].startswith(world["new"].get_absolute_url() + "#finding-")
    assert "<mark>Detained</mark> <mark>children</mark>" in page
    assert "Southshire Police · PEEL Effectiveness · May 2023" in page


def test_words_are_matched_by_their_stems(world):
    _, page, links = results(Client(), q="improving record")
    assert len(links) == 1 and "<mark>improve</mark>" in page
    assert "<mark>records</mark>" in page


def test_the_public_sees_only_what_is_published(world):
    _, page, links = results(Client(), q="custody")
    assert "ZEBRA" not in page and "OKAPI" not in page
    assert "GIRAFFE" not in page  # action plans are not public
    assert "Audit custody records" not in page
    assert len(links) == 3  # two findings and the new inspection's title


def _forces_offered(page: str) -> list[str]:
    select = re.search(r'<select name="force".*?</select>', page, re.S)
    assert select
    return re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", select.group())


def test_panel_members_read_the_plan_but_not_sensitive_rows(world):
    _, page, _ = results(signed_in(Role.PANEL_MEMBER), q="custody")
    assert "GIRAFFE" in page and "Audit <mark>custody</mark> records" in page
    assert "ZEBRA" not in page and "OKAPI" not in page


def test_staff_read_sensitive_and_unpublished_rows(world):
    _, page, _ = results(signed_in(Role.STAFF_OFFICER), q="custody")
    assert "ZEBRA" in page and "OKAPI" in page and "GIRAFFE" in page


def test_filter_choices_name_only_forces_and_years_the_reader_may_see(world):
    hidden_force = ForceFactory(name="Quietshire Police", slug="quietshire")
    InspectionFactory(force=hidden_force, is_published=False)
    _, page, _ = results(Client(), q="custody")
    assert _forces_offered(page) == ["Northshire Police", "Southshire Police"]
    _, staff_page, _ = results(signed_in(Role.STAFF_OFFICER), q="custody")
    assert "Quietshire Police" in _forces_offered(staff_page)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"kind": "finding"}, 2),
        ({"kind": "inspection"}, 1),
        ({"year": "2019"}, 1),
        ({"grade": Grade.GOOD}, 2),
        ({"kind": "action", "status": Status.BLOCKED}, 0),  # not public
    ],
)
def test_filters_narrow_the_results(world, filters, expected):
    _, page, links = results(Client(), q="custody", **filters)
    assert len(links) == expected, page
    assert "Clear filters" in page


def test_filters_by_force_and_status_for_plan_readers(world):
    client = signed_in(Role.STAFF_OFFICER)
    north = world["old"].force.pk
    _, _, links = results(client, q="custody", force=north, status=Status.BLOCKED)
    assert links == [world["action"].get_absolute_url()]


def test_results_follow_every_change(world):
    client = signed_in(Role.PANEL_MEMBER)
    public, action = world["public"], world["action"]
    public.text = "The force should improve its handover notes."
    public.save()
    assert results(client, q="handover notes")[2] != []
    assert not any(
        "finding" in link for link in results(client, q="custody records")[2]
    )
    ProgressUpdateFactory(action=action, narrative="Handover pilot began WOMBAT.")
    assert "WOMBAT" in results(client, q="wombat")[1]
    action.delete()
    assert "WOMBAT" not in results(client, q="wombat")[1]
    assert not Entry.objects.filter(kind="update", body__contains="WOMBAT").exists()
    # a paper's sections are searched with it
    paper = PanelReportFactory(inspection=world["old"], status=ReportStatus.PUBLISHED)
    ReportSection.objects.create(report=paper, heading="Progress", text="KOALA noted.")
    assert paper.get_absolute_url() in results(Client(), q="koala")[2]
    # publishing a hidden inspection publishes its findings' entries with it
    hidden = world["secret"].inspection
    assert "ZEBRA" not in results(Client(), q="zebra")[1]
    world["secret"].marking = Marking.OFFICIAL
    world["secret"].save()
    assert "ZEBRA" in results(Client(), q="zebra")[1]
    assert hidden.pk


def test_an_actions_new_title_is_its_updates_title_too(world):
    client = signed_in(Role.PANEL_MEMBER)
    action = world["action"]
    action.title = "Check detention logs weekly"
    action.save()
    found = results(client, q="giraffe")[1]
    assert "Update on <mark>Check</mark>" not in found  # only the asked word marked
    assert "Update on Check detention logs weekly" in found
    assert "Audit custody records monthly" not in found
    assert (
        "Update on" in results(client, q="detention logs")[1]
    )  # the title is searched


def test_a_question_is_found_with_its_grade(world):
    GradedQuestionFactory(
        inspection=world["old"],
        short_title="Protecting vulnerable people",
        wording="How good is the force at protecting vulnerable people?",
        grade=Grade.INADEQUATE,
    )
    _, page, links = results(Client(), q="vulnerable", grade=Grade.INADEQUATE)
    assert links == [world["old"].get_absolute_url() + "#the-rating"]
    assert "Graded question" in page


@pytest.mark.parametrize(
    "asked",
    [
        '"custody" OR records*',
        "custody (records) AND -- ; records",
        "custody:* & !records | (",
        "‘custody’ – «records»",
    ],
)
def test_query_syntax_typed_is_read_as_words(world, asked):
    status, page, links = results(Client(), q=asked)
    assert status == 200 and links
    assert "Traceback" not in page
    assert "<mark>custody</mark> <mark>records</mark>" in page


def test_a_nul_in_the_words_is_refused_as_every_page_refuses_it(world):
    assert results(Client(), q="custody\x00records")[0] == 400


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        ({"q": "x" * 201}, "Search for at most 200 characters (you typed 201)."),
        ({"q": "custody", "kind": "spaceship"}, "Choose a kind from the list."),
        ({"q": "custody", "year": "last"}, "Choose a year from the list."),
        (
            {"q": "custody", "force": "99999"},
            "Choose a force or service from the list.",
        ),
        ({"q": "!!! ???"}, "Type a word or two to search for"),
        ({"q": "the and of"}, "common words such as"),
    ],
)
def test_bad_input_is_explained(world, asked, message):
    status, page, links = results(Client(), **asked)
    assert status == 200 and message in page and links == []


def test_a_page_past_the_last_shows_the_last(world):
    status, _, links = results(Client(), q="custody", page="999")
    assert status == 200 and len(links) == 3
    assert results(Client(), q="custody", page="abc")[0] == 200


def test_markup_in_what_is_found_is_shown_as_text(world):
    FindingFactory(
        inspection=world["old"], text="Custody <script>alert('x')</script> logs."
    )
    _, page, _ = results(Client(), q="custody logs")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; <mark>logs</mark>" in page


def test_only_the_best_matches_are_ranked_and_the_page_says_so(world, monkeypatch):
    monkeypatch.setattr(query, "CANDIDATES", 2)
    _, page, links = results(Client(), q="custody")
    assert "More than 2 match" in page and 1 <= len(links) <= 2
    assert f"Only the best 2 matches are ranked; you may read {len(links)} of" in page


def test_scopes_narrow_without_losing_anything(world):
    """What the scopes let through equals every matching entry whose row the
    person may see, asked of each model with nothing narrowed first."""
    for role in (Role.PANEL_MEMBER, Role.STAFF_OFFICER, Role.CHIEF_OFFICER):
        client, user = Client(), user_in_role(role)
        sign_in(client, user)
        found = set(query.search("custody", user).ids)
        every = {
            entry.pk
            for entry in Entry.objects.all()
            if "custody" in f"{entry.title} {entry.body}".lower()
            and query.BY_KIND[entry.kind]
            .model._default_manager.visible_to(user)
            .filter(pk=entry.object_id)
            .exists()
        }
        assert found == every and every


def test_queries_do_not_grow_with_the_results(world):
    client = signed_in(Role.STAFF_OFFICER)
    client.get("/search/", {"q": "custody"})
    with CaptureQueriesContext(connection) as few:
        client.get("/search/", {"q": "custody"})
    for n in range(15):
        ActionFactory(finding=world["public"], title=f"Custody step {n}")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/search/", {"q": "custody"})
    assert "20 results" not in response.content.decode()  # more than a page
    assert len(many) == len(few) <= 9


def test_the_empty_page_and_the_header_box(world):
    response = Client().get("/search/")
    page = response.content.decode()
    assert response.status_code == 200 and "result" not in page.split("<main")[1]
    home = Client().get("/").content.decode()
    assert 'role="search"' in home and 'action="/search/"' in home


def test_rebuild_writes_every_entry_again(world):
    Entry.objects.filter(kind="finding").delete()
    Entry.objects.create(kind="finding", object_id=999999, title="gone", url="/")
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "4 finding" in out.getvalue()
    assert not Entry.objects.filter(object_id=999999).exists()
    assert "ZEBRA" in results(signed_in(Role.STAFF_OFFICER), q="zebra")[1]
    assert "; 5 entries written or removed." in out.getvalue()  # 4 in, 1 out
    before = Entry.objects.count()
    again = io.StringIO()
    call_command("rebuild_search_index", stdout=again)
    assert Entry.objects.count() == before  # again: the same, and nothing written
    assert "; 0 entries written or removed." in again.getvalue()
    assert "vacuumed" not in again.getvalue()


def test_an_entry_is_written_again_only_where_its_row_changed(world):
    entry = Entry.objects.get(kind="action", object_id=world["action"].pk)
    finding = Entry.objects.get(kind="finding", object_id=world["public"].pk)
    Entry.objects.filter(pk=entry.pk).update(title="stale")
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "; 1 entry written or removed." in out.getvalue()
    entry.refresh_from_db()
    assert entry.title == world["action"].title
    assert Entry.objects.get(pk=finding.pk).title == finding.title  # untouched


def test_today_is_used_for_what_is_published(world):
    later = InspectionFactory(
        publication_date=timezone.localdate() + datetime.timedelta(days=3),
        title="Custody tomorrow",
    )
    assert later.get_absolute_url() not in results(Client(), q="custody")[2]


def test_every_results_link_lands_on_what_it_found(world):
    FindingFactory(
        inspection=world["old"], kind=FindingKind.STRENGTH, text="Custody is calm."
    )
    GradedQuestionFactory(inspection=world["old"], summary="Custody is well run.")
    client = signed_in(Role.COMMISSIONERS_OFFICE)
    status, page, links = results(client, q="custody")
    assert status == 200 and len(links) > 5
    for link in links:
        path, _, anchor = link.partition("#")
        target = client.get(path)
        assert target.status_code == 200, link
        if anchor:
            assert f'id="{anchor}"' in target.content.decode(), link


def test_titles_say_what_was_found_once(world):
    page = results(Client(), q="custody children")[1]
    assert "PEEL Effectiveness: PEEL:" not in text_of_page(page)
    finding = text_of_page(results(Client(), q="appropriate adult")[1])
    assert "Cause of concern: Detained children wait too long" in finding


def test_a_possessive_is_searched_for_as_its_word(world):
    page = results(Client(), q="force's custody")[1]
    assert "<mark>s</mark>" not in page
    assert query.words_of("force's custody") == ["force", "custody"]


def test_words_past_the_eighth_are_said_to_be_left_out(world):
    asked = "custody records force improve audit monthly gaps children zzzqqq"
    page = text_of_page(results(Client(), q=asked)[1])
    assert "Only the first 8 words are searched for" in page
    assert "Left out: zzzqqq." in page
    assert "Left out" not in text_of_page(results(Client(), q="custody")[1])


def text_of_page(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", page).split())


def _years_offered(page: str) -> list[int]:
    select = re.search(r'<select name="year".*?</select>', page, re.S)
    assert select
    return [int(year) for year in re.findall(r'<option value="(\d+)"', select.group())]


def test_the_choices_are_the_forces_and_years_the_reader_may_see(world):
    """One query offers them; they are what each model's rule gives, a
    thematic inspection counting for each force it applies to."""
    east = ForceFactory(name="Eastshire Police", slug="eastshire")
    ThematicInspectionFactory(
        applies_to=[east, world["old"].force],
        publication_date=datetime.date(2021, 6, 1),
    )
    InspectionFactory(force=ForceFactory(slug="westshire"), is_published=False)
    readers = [Client(), *(signed_in(role) for role in Role)]
    for client in readers:
        user = client.get("/").wsgi_request.user
        _, page, _ = results(client, q="custody")
        forces = Force.objects.visible_to(user).order_by("name")
        assert _forces_offered(page) == [force.name for force in forces]
        visible = Inspection.objects.visible_to(user)
        years = [day.year for day in visible.dates("publication_date", "year")]
        assert _years_offered(page) == sorted(years, reverse=True)
    assert "Eastshire Police" in _forces_offered(results(Client(), q="x")[1])


def test_a_staff_officer_searches_their_own_forces_plans(world):
    """Only the forces whose plans a person may read are asked of the index;
    what they find is still what their pages show."""
    south = world["new"].force
    south_action = ActionFactory(
        finding=FindingFactory(inspection=world["new"]), title="Custody PELICAN"
    )
    ProgressUpdateFactory(action=south_action, narrative="Custody PELICAN review.")
    north_staff = user_in_role(Role.STAFF_OFFICER, world["old"].force.organisation)
    south_staff = user_in_role(Role.STAFF_OFFICER, south.organisation)
    north_client, south_client = Client(), Client()
    sign_in(north_client, north_staff)
    sign_in(south_client, south_staff)
    _, north_page, _ = results(north_client, q="custody")
    _, south_page, _ = results(south_client, q="custody")
    assert "GIRAFFE" in north_page and "PELICAN" not in north_page
    assert "PELICAN" in south_page and "GIRAFFE" not in south_page
    _, page, _ = results(signed_in(Role.CHIEF_OFFICER), q="custody pelican")
    assert page.count('class="app-result"') == 2  # the action and its update


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's own documents"
)
def test_a_forces_plans_hold_their_words_under_its_force(world):
    with connection.cursor() as cursor:
        cursor.execute("SELECT kind, force_id, document::text FROM search_entry")
        documents = {(kind, force): text for kind, force, text in cursor.fetchall()}
    north = world["action"].force_id
    update = documents["update", north]
    assert f"'{north}~giraff'" in update and "'giraff'" not in update
    assert f"'{north}~custodi'" in documents["action", north]
    assert "'custodi'" in documents["finding", north]
