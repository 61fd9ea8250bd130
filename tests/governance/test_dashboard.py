"""The chief officer dashboard: figures, filters, access and query count."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.choices import RAG, Status
from actions.models import Action
from governance.figures import force_figures_refresh, total_figures_refresh
from governance.models import Section55Response
from inspections.choices import FindingKind
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    DueDateExtensionFactory,
    FindingFactory,
    GradedQuestionFactory,
    InspectionFactory,
    ProgressUpdateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.timedelta
URL = "/dashboard/"


@pytest.fixture
def known():
    """A data set whose every headline figure is known."""
    today = timezone.localdate()
    inspection = InspectionFactory()
    question = GradedQuestionFactory(inspection=inspection, short_title="Victims")
    victims = FindingFactory(
        inspection=inspection, theme="Service to victims", question=question
    )
    crime = FindingFactory(inspection=inspection, theme="Crime management")
    FindingFactory(inspection=inspection, theme="Crime management")  # no action yet
    FindingFactory(inspection=inspection, kind=FindingKind.RECOMMENDATION, theme="")
    owner = UserFactory(first_name="Sam", last_name="Carter")
    late = ActionFactory(
        finding=victims,
        owner=owner,
        title="Late one",
        due_date=today - D(days=10),
        rag=RAG.RED,
    )
    ActionFactory(
        finding=victims,
        title="Soon one",
        due_date=today + D(days=20),
        rag=RAG.AMBER,
        status=Status.NOT_STARTED,
        percent_complete=0,
    )
    ActionFactory(
        finding=crime,
        title="Waiting one",
        status=Status.COMPLETED,
        percent_complete=100,
        due_date=today + D(days=60),
    )
    closed = ActionFactory(
        finding=crime,
        title="Closed one",
        status=Status.CLOSED,
        percent_complete=100,
        signed_off_at=timezone.now(),
        due_date=today - D(days=5),
    )
    ProgressUpdateFactory(
        action=closed,
        status=Status.CLOSED,
        percent_complete=100,
        date=today - D(days=2),
    )
    ActionFactory(
        finding=crime,
        title="Blocked one",
        status=Status.BLOCKED,
        due_date=today + D(days=90),
    )
    return late, owner


def test_every_headline_figure(client, chief_officer, known):
    sign_in(client, chief_officer)
    response = client.get(URL)
    figures, findings = response.context["figures"], response.context["findings"]
    assert findings == {"areas": 3, "recommendations": 1}
    assert figures["total"] == 5 and figures["open"] == 4
    assert (figures["not_started"], figures["in_progress"], figures["blocked"]) == (
        1,
        1,
        1,
    )
    assert (figures["completed"], figures["closed"]) == (1, 1)
    assert figures["overdue"] == 1  # the closed one, past due, is not overdue
    assert figures["due_30"] == 1
    assert figures["closed_30"] == 1
    assert (figures["rag_red"], figures["rag_amber"], figures["rag_green"]) == (1, 1, 2)
    overdue = response.context["overdue"]
    assert [a.title for a in overdue] == ["Late one"]
    assert [a.title for a in response.context["awaiting"]] == ["Waiting one"]
    assert "<strong>10 days</strong>" in response.text  # late by
    themes = {bar.theme: (bar.total, bar.closed) for bar in response.context["bars"]}
    assert themes == {"Crime management": (3, 1), "Service to victims": (2, 0)}
    (victims, rest) = sorted(
        response.context["by_question"],
        key=lambda r: r["short_title"] or "",
    )[::-1]
    assert (victims["total"], victims["closed"]) == (2, 0)
    assert response.context["weeks"][-1]["share"] == 20  # 1 of 5 closed


def test_filters_narrow_every_figure_and_stay_in_the_url(client, chief_officer, known):
    late, owner = known
    sign_in(client, chief_officer)
    response = client.get(URL, {"theme": "Service to victims"})
    assert response.context["figures"]["total"] == 2
    assert response.context["findings"]["areas"] == 1
    assert 'value="Service to victims" selected' in response.text
    response = client.get(URL, {"owner": owner.pk})
    assert response.context["figures"]["total"] == 1
    assert [a.title for a in response.context["overdue"]] == ["Late one"]


def test_a_filter_value_it_cannot_use_is_explained(client, chief_officer, known):
    sign_in(client, chief_officer)
    response = client.get(URL, {"owner": "999999"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text


@pytest.mark.parametrize("who", ["panel_member", "staff_officer"])
def test_panel_members_and_staff_officers_are_refused(client, request, who):
    sign_in(client, request.getfixturevalue(who))
    assert client.get(URL).status_code == 403


def test_commissioners_office_may_see_it_and_anonymous_must_sign_in(
    client, commissioners_office
):
    assert client.get(URL)["Location"].startswith(reverse("accounts:login"))
    sign_in(client, commissioners_office)
    assert client.get(URL).status_code == 200


def many_actions(count: int, *, percent, due, closed=None):
    """`count` actions of one finding and one owner, in each status in turn:
    the unfinished `percent(n)` complete, each due on `due(n)`, the closed
    ones closed on `closed(n)`. Bulk-created: no figures are kept for them."""
    finding, owner = FindingFactory(), UserFactory()
    statuses = list(Status)
    Action.objects.bulk_create(
        Action(
            finding=finding,
            force=finding.inspection.force,
            title=f"Action {n}",
            owner=owner,
            lead=owner,
            status=statuses[n % 5],
            percent_complete=100
            if statuses[n % 5] in ("completed", "closed")
            else percent(n),
            due_date=due(n),
            original_due_date=due(0),
            closed_on=closed(n) if closed and statuses[n % 5] == "closed" else None,
        )
        for n in range(count)
    )
    return finding, owner


@pytest.mark.parametrize("count", [10, 1000])
def test_dashboard_queries_do_not_grow_with_actions(
    client,
    django_assert_num_queries,
    chief_officer,
    count,
):
    finding, owner = many_actions(
        count,
        percent=lambda n: 50,
        due=lambda n: datetime.date(2017, 1, 1) + D(days=n),
    )
    force_figures_refresh([finding.inspection.force_id])  # as a write would,
    total_figures_refresh()  # and after its commit
    sign_in(client, chief_officer)
    # user, permissions; the forces the person reaches (one: its kept
    # figures are theirs, governance.views.kept_scope); the kept figures
    # (figures, themes and who owns and leads); the forces and the
    # inspections listed; those people's names (listed, as there are few);
    # the overdue; the awaiting; the s.55 responses with their counts; the
    # extension requests; the forces in HMICFRS monitoring. What depends on
    # the day is counted from the kept counts by day. Nothing cached: the
    # second read costs the same.
    for _ in range(2):
        with django_assert_num_queries(DASHBOARD_QUERIES):
            client.get(URL)
    # one force, the only one this chief officer reaches: its kept figures
    # alone, and its inspections read whole for the filter
    force = finding.inspection.force_id
    with django_assert_num_queries(DASHBOARD_QUERIES - 1):
        assert client.get(URL, {"force": force}).context["figures"]["total"] == count
    # filtered by owner: the figures, with what depends on the day, counted
    # live (the choices stay kept)
    with django_assert_num_queries(DASHBOARD_QUERIES + 2):
        assert client.get(URL, {"owner": owner.pk}).context["figures"]["total"] == count


DASHBOARD_QUERIES = 12  # with the findings confirmed as raised again


@pytest.mark.parametrize("days_on", [0, 1, 29, 30, 31, 45])
def test_kept_counts_by_day_agree_with_the_live_count_on_any_later_day(
    client, chief_officer, days_on
):
    """The headline's overdue, due soon, closed lately and amber counts read
    from the figures kept when the actions were last written, on the day of
    that write and on later days, equal those counted live (the dashboard
    filtered by owner counts live)."""
    today = timezone.localdate()
    finding, owner = many_actions(
        200,
        percent=lambda n: (n * 7) % 101,
        due=lambda n: today + D(days=n - 40),
        closed=lambda n: today - D(days=n // 5),
    )
    force_figures_refresh([finding.inspection.force_id])
    total_figures_refresh()
    sign_in(client, chief_officer)
    later = today + D(days=days_on)
    names = ("overdue", "due_30", "closed_30", "rule_amber", "rule_red", "rule_green")
    with freeze_today(later):
        kept = client.get(URL).context["figures"]
        live = client.get(URL, {"owner": owner.pk}).context["figures"]
    assert {n: kept[n] for n in names} == {n: live[n] for n in names}
    assert kept["overdue"] > 0 and kept["closed_30"] + kept["rule_amber"] > 0


def freeze_today(day: datetime.date):
    """The dashboard's idea of today, moved (the kept figures keep theirs)."""
    from unittest import mock

    return mock.patch("governance.views.timezone.localdate", return_value=day)


def test_the_dashboard_changes_as_soon_as_an_action_does(
    client, chief_officer, django_capture_on_commit_callbacks
):
    finding = FindingFactory()
    sign_in(client, chief_officer)
    assert overdue_figure(client.get(URL).text) == 0
    with django_capture_on_commit_callbacks(execute=True):
        ActionFactory(finding=finding, due_date=datetime.date(2017, 1, 1))
    assert overdue_figure(client.get(URL).text) == 1


def test_each_filter_has_its_own_figures(client, chief_officer):
    late = datetime.date(2017, 1, 1)
    one = ActionFactory(due_date=late)
    ActionFactory(due_date=late)
    sign_in(client, chief_officer)
    force = one.finding.inspection.force_id
    assert overdue_figure(client.get(URL).text) == 2
    assert overdue_figure(client.get(URL, {"force": force}).text) == 1
    assert overdue_figure(client.get(URL).text) == 2


def test_the_section_55_deadline_is_on_the_dashboard(client, chief_officer):
    late = InspectionFactory(publication_date=datetime.date(2017, 3, 2))
    done = InspectionFactory(publication_date=datetime.date(2017, 3, 9))
    Section55Response.objects.create(
        inspection=done, published_on=datetime.date(2017, 4, 1)
    )
    sign_in(client, chief_officer)
    response = client.get(URL)
    assert response.context["section_55_overdue"] == 1
    states = {row.inspection.pk: row.state for row in response.context["section_55"]}
    assert (states[late.pk], states[done.pk]) == ("overdue", "published")
    assert "27 Apr 2017" in response.text


def test_the_same_question_in_several_inspections_is_one_row(client, chief_officer):
    wording = "How effective is the force at tackling serious and organised crime?"
    for _ in range(3):
        question = GradedQuestionFactory(wording=wording, short_title="SOC")
        finding = FindingFactory(inspection=question.inspection, question=question)
        ActionFactory(finding=finding)
    sign_in(client, chief_officer)
    (row,) = client.get(URL).context["by_question"]
    assert (row["wording"], row["total"]) == (wording, 3)


def overdue_figure(html: str) -> int:
    found = re.search(r'>(\d+)</span> <a href="[^"]*">overdue actions</a>', html)
    assert found, "no overdue figure"
    return int(found.group(1))


def options_of(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert select, name
    return re.findall(r'<option value="(\d+)"', select.group(0))


def test_with_a_force_chosen_the_filters_list_what_is_in_it(
    client, chief_officer, monkeypatch
):
    monkeypatch.setattr("governance.filters.MAX_LISTED", 1)
    north, south = InspectionFactory(), InspectionFactory()
    here = ActionFactory(finding=FindingFactory(inspection=north), lead=chief_officer)
    there = ActionFactory(finding=FindingFactory(inspection=south))
    sign_in(client, chief_officer)
    everywhere = client.get(URL).text
    assert options_of(everywhere, "inspection") == []  # more than MAX_LISTED
    assert "Choose a force and apply, to list its inspections." in everywhere
    # more people than MAX_LISTED: none listed until a force is chosen
    assert options_of(everywhere, "owner") == options_of(everywhere, "lead") == []
    assert "Choose a force and apply, to list its people." in everywhere
    assert "Choose a force and apply, to list its chief officers." in everywhere
    asked = client.get(URL, {"owner": there.owner_id})
    assert options_of(asked.text, "owner") == [str(there.owner_id)]  # the one asked
    one = client.get(URL, {"force": north.force_id}).text
    assert options_of(one, "inspection") == [str(north.pk)]
    assert options_of(one, "owner") == [str(here.owner_id)]
    assert options_of(one, "lead") == [str(chief_officer.pk)]  # leads only
    # anyone may still be asked for, and is then listed
    other = client.get(URL, {"force": north.force_id, "owner": there.owner_id})
    assert other.context["filter"].form.is_valid()
    assert set(options_of(other.text, "owner")) == {
        str(here.owner_id),
        str(there.owner_id),
    }
    assert other.context["figures"]["total"] == 0
    assert client.get(URL, {"inspection": south.pk}).context["figures"]["total"] == 1


def test_each_list_says_how_many_it_leaves_out_and_links_to_them_all(
    client, chief_officer, monkeypatch
):
    monkeypatch.setattr("governance.dashboard.TABLE_ROWS", 2)
    inspection = InspectionFactory()
    for _ in range(3):
        ActionFactory(
            finding=FindingFactory(inspection=inspection),
            due_date=datetime.date(2017, 1, 1),
        )
    ActionFactory(
        finding=FindingFactory(inspection=inspection),
        status=Status.COMPLETED,
        percent_complete=100,
    )
    sign_in(client, chief_officer)
    response = client.get(URL, {"force": inspection.force_id})
    assert len(response.context["overdue"]) == 2
    assert len(response.context["awaiting"]) == 1  # not crowded out by the overdue
    text = response.text
    assert "The 2 due longest ago of 3 overdue actions." in text
    assert f'href="/actions/?due=overdue&amp;force={inspection.force_id}"' in text
    tracker = client.get(f"/actions/?due=overdue&force={inspection.force_id}")
    assert tracker.context["paginator"].count == 3
    by_inspection = client.get(URL, {"inspection": inspection.pk}).text
    assert "The inspection's page lists all its actions." in by_inspection


def test_overdue_section_55_responses_come_first(client, chief_officer, monkeypatch):
    monkeypatch.setattr("governance.responses.SECTION_55_ROWS", 1)
    late = InspectionFactory(publication_date=datetime.date(2017, 3, 2))
    InspectionFactory(publication_date=datetime.date(2017, 3, 1))  # later still
    InspectionFactory(publication_date=timezone.localdate())
    sign_in(client, chief_officer)
    response = client.get(URL)
    assert [row.inspection for row in response.context["section_55"]] == [late]
    assert response.context["section_55_overdue"] == 2  # both, one listed
    assert (
        "1 of 3 responses: those overdue first, then the newest inspections'."
        in response.text
    )


def test_the_kept_choices_are_those_counted_live(client, chief_officer):
    """The filters' themes and people come from the kept figures unless a
    narrower filter is chosen; both ways offer the same."""
    north, south = InspectionFactory(), InspectionFactory()
    here = ActionFactory(finding=FindingFactory(inspection=north, theme="Victims"))
    ActionFactory(finding=FindingFactory(inspection=south, theme="Crime"))
    FindingFactory(inspection=south, theme="Custody")  # a theme with no action
    sign_in(client, chief_officer)
    for force in ("", north.force_id):
        kept = client.get(URL, {"force": force})
        live = client.get(URL, {"force": force, "owner": here.owner_id})
        for name in ("owner", "lead", "theme"):
            kept_form = kept.context["filter"].form
            live_form = live.context["filter"].form
            assert list(kept_form.fields[name].widget.choices) == list(
                live_form.fields[name].widget.choices
            ), (force, name)
    themes = [value for value, _ in kept_form.fields["theme"].widget.choices]
    assert themes == ["", "Crime", "Custody", "Victims"]


def test_extension_requests_awaiting_a_decision_are_listed(
    client, chief_officer, monkeypatch
):
    monkeypatch.setattr("governance.dashboard.TABLE_ROWS", 2)
    waiting = [DueDateExtensionFactory() for _ in range(3)]
    decided = DueDateExtensionFactory(decision="approved")
    DueDateExtensionFactory(
        action__status=Status.COMPLETED, action__percent_complete=100
    )
    sign_in(client, chief_officer)
    response = client.get(URL)
    listed = [extension.pk for extension in response.context["extensions"]]
    assert listed == [waiting[0].pk, waiting[1].pk]  # the oldest first
    assert "The 2 oldest of 4 requests awaiting a decision." in response.text
    assert decided.pk not in listed
    force = waiting[2].action.finding.inspection.force_id
    one = client.get(URL, {"force": force}).context["extensions"]
    assert [extension.pk for extension in one] == [waiting[2].pk]
    assert f'{waiting[0].action.get_absolute_url()}#due-date"' in response.text


def test_status_by_theme_gives_each_status_and_the_awaiting_their_last_update(
    client, chief_officer
):
    finding = FindingFactory(theme="Victims")
    ActionFactory(finding=finding, status=Status.BLOCKED)
    done = ActionFactory(
        finding=finding,
        status=Status.COMPLETED,
        percent_complete=100,
        due_date=datetime.date(2017, 1, 1),
    )
    sign_in(client, chief_officer)
    response = client.get(URL)
    (bar,) = response.context["bars"]
    assert dict((status.value, n) for status, n in bar.counts) == {
        "not_started": 0, "in_progress": 0, "completed": 1, "closed": 0, "blocked": 1,
        "not_adopted": 0,
    }  # fmt: skip
    text = re.sub(r"\s+", " ", response.text)
    assert '<td data-label="Blocked">1</td>' in text
    assert "Days past due" not in text  # a completed action is not late
    assert done.title in text and "None yet" in text  # no update yet


def test_the_filters_fold_away_until_used(client, chief_officer):
    sign_in(client, chief_officer)
    assert '<details class="app-filters-details">' in client.get(URL).text
    force = InspectionFactory().force_id
    filtered = client.get(URL, {"force": force}).text
    assert '<details class="app-filters-details" open>' in filtered


def test_draft_inspections_are_not_counted_and_the_dashboard_says_so(
    client, chief_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        published = FindingFactory(kind=FindingKind.AREA_FOR_IMPROVEMENT)
        draft = FindingFactory(
            kind=FindingKind.AREA_FOR_IMPROVEMENT, inspection__is_published=False
        )
        ActionFactory(finding=draft, due_date=datetime.date(2017, 1, 1))
    sign_in(client, chief_officer)
    for query in ({}, {"force": published.inspection.force_id}):
        response = client.get(URL, query)
        assert response.context["findings"].get("areas", 0) == 1, query
        assert response.context["figures"]["overdue"] == 0, query
        assert "1 draft, not yet published, is not counted" in response.text
    # the draft's force is not offered: it has nothing counted yet
    choices = response.context["filter"].form.fields["force"].choices
    assert draft.inspection.force_id not in [value for value, _ in choices]


def test_each_headline_figure_links_to_exactly_its_rows(client, chief_officer):
    """Every headline figure but the section 55 count (which links to the
    list on the page) links to a list of exactly the rows it counts: drafts
    left out, each finding once however many actions its owner has."""
    today = timezone.localdate()
    north, south = InspectionFactory(), InspectionFactory()
    draft = InspectionFactory(force=north.force, is_published=False)
    owner = UserFactory()
    for inspection, late, soon, done in ((north, 3, 2, 1), (south, 1, 0, 2)):
        for _ in range(late):
            ActionFactory(
                finding__inspection=inspection,
                due_date=today - D(days=9),
                owner=owner,
            )
        twice = ActionFactory(finding__inspection=inspection, owner=owner).finding
        ActionFactory(finding=twice, owner=owner)  # one finding, two of theirs
        for _ in range(soon):
            ActionFactory(finding__inspection=inspection, due_date=today + D(days=9))
        for _ in range(done):
            ActionFactory(
                finding__inspection=inspection,
                status=Status.COMPLETED,
                percent_complete=100,
            )
        closed = ActionFactory(
            finding__inspection=inspection,
            status=Status.CLOSED,
            percent_complete=100,
            closed_on=today - D(days=3),
        )
        ActionFactory(finding=closed.finding, owner=owner)  # two actions, one owner
        FindingFactory(inspection=inspection)  # no action yet
        FindingFactory(inspection=inspection, kind=FindingKind.RECOMMENDATION)
    # a draft's late, closed and unanswered rows: not counted, not listed
    ActionFactory(finding__inspection=draft, due_date=today - D(days=9), owner=owner)
    ActionFactory(
        finding__inspection=draft,
        status=Status.CLOSED,
        percent_complete=100,
        closed_on=today - D(days=1),
    )
    FindingFactory(inspection=draft)
    sign_in(client, chief_officer)
    labels = (
        "open areas for improvement",
        "open recommen&shy;dations",
        "overdue actions",
        "due in the next 30 days",
        "awaiting sign-off",
        "closed in the last 30 days",
    )
    for query in ({}, {"force": north.force_id}, {"owner": owner.pk}):
        page = client.get(URL, query).text.replace("&amp;", "&")
        for label in labels:
            found = re.search(rf'>(\d+)</span> <a href="([^"]+)">{label}</a>', page)
            assert found, (query, label)
            figure, link = int(found.group(1)), found.group(2)
            assert link.startswith(("/actions/?", "/dashboard/findings/?")), link
            listed = client.get(link).context["paginator"].count
            assert listed == figure, (query, label, link)
            assert figure > 0 or query, label  # none counts nothing, unfiltered


@pytest.mark.parametrize("count", [3, 30])
def test_open_findings_queries_do_not_grow(
    client, chief_officer, django_assert_max_num_queries, count
):
    inspection = InspectionFactory()
    for finding in FindingFactory.create_batch(count, inspection=inspection):
        ActionFactory(finding=finding)
    sign_in(client, chief_officer)
    # user, permissions; the filter's forces, inspections, themes and people;
    # the count; the page of findings
    with django_assert_max_num_queries(9):
        page = client.get("/dashboard/findings/", {"kind": "areas"})
    assert page.context["paginator"].count == count
    assert page.text.count("1 open") == count


def test_open_findings_are_for_those_who_read_the_dashboard(client, request):
    for who, status in (
        ("panel_member", 403),
        ("staff_officer", 403),
        ("chief_officer", 200),
        ("commissioners_office", 200),
    ):
        sign_in(client, request.getfixturevalue(who))
        assert client.get("/dashboard/findings/").status_code == status, who
    client.logout()
    assert client.get("/dashboard/findings/").status_code == 302
