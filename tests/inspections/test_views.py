import datetime
import re

import pytest
from django.urls import reverse

from actions.choices import Status
from inspections.choices import FindingKind, Grade, Marking
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    FindingFactory,
    ForceFactory,
    GradedQuestionFactory,
    InspectionFactory,
    StrengthFactory,
)

pytestmark = pytest.mark.django_db

SEED_QUESTIONS = [
    (
        "How effective is the force at preventing crime, tackling ASB and keeping "
        "young people safe?",
        "Good",
    ),
    ("How effective is the force at tackling serious and organised crime?", "Good"),
    (
        "How effective is the force at investigating crime and reducing offending?",
        "Requires improvement",
    ),
    (
        "How effective is the force at protecting those who are vulnerable from harm, "
        "and supporting victims?",
        "Requires improvement",
    ),
]


def text_of(html: str) -> str:
    """The page's visible text, tags stripped and white space folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# Home ---------------------------------------------------------------------------


def test_home_lists_inspections_newest_first(client):
    older = InspectionFactory(publication_date=datetime.date(2016, 3, 1))
    newer = InspectionFactory(
        publication_date=datetime.date(2017, 3, 2),
        overall_grade=Grade.REQUIRES_IMPROVEMENT,
    )
    response = client.get(reverse("inspections:list"))
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [newer, older]
    page = text_of(response.text)
    assert "2 March 2017" in page
    assert "Requires improvement" in page
    assert newer.force.name in page


def test_home_filters_by_force_and_grade(client):
    leics = ForceFactory(name="Leicestershire Police", slug="leicestershire")
    wanted = InspectionFactory(force=leics, overall_grade=Grade.REQUIRES_IMPROVEMENT)
    InspectionFactory(force=leics, overall_grade=Grade.GOOD)
    InspectionFactory(overall_grade=Grade.REQUIRES_IMPROVEMENT)
    response = client.get(
        reverse("inspections:list"),
        {"force": leics.pk, "overall_grade": Grade.REQUIRES_IMPROVEMENT},
    )
    assert list(response.context["object_list"]) == [wanted]
    assert "Clear filters" in response.text


def test_home_explains_a_filter_value_it_cannot_use(client):
    InspectionFactory()
    response = client.get(reverse("inspections:list"), {"force": "not-a-force"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text


def test_home_says_when_no_inspection_matches(client):
    InspectionFactory(overall_grade=Grade.GOOD)
    response = client.get(reverse("inspections:list"), {"overall_grade": "inadequate"})
    assert "No inspections match these filters." in response.text


def test_home_pages_long_lists_and_keeps_filters(client):
    force = ForceFactory()
    InspectionFactory.create_batch(30, force=force)
    first = client.get(reverse("inspections:list"), {"force": force.pk})
    assert len(first.context["object_list"]) == 25
    assert f"?force={force.pk}&amp;page=2" in first.text
    second = client.get(reverse("inspections:list"), {"force": force.pk, "page": 2})
    assert len(second.context["object_list"]) == 5


def test_home_answers_404_for_a_page_that_does_not_exist(client):
    response = client.get(reverse("inspections:list"), {"page": 99})
    assert response.status_code == 404
    assert "Page not found" in response.text


@pytest.mark.parametrize("count", [3, 30])
def test_home_queries_do_not_grow_with_inspections(
    client, django_assert_num_queries, count
):
    InspectionFactory.create_batch(count)
    # count for the paginator, one page of inspections with forces, the filter's
    # list of forces
    with django_assert_num_queries(3):
        client.get(reverse("inspections:list"))


def test_a_filter_names_a_value_it_cannot_use_beside_its_field(client):
    inspection = InspectionFactory()
    page = client.get(
        reverse("inspections:list"),
        {"force": inspection.force.pk, "overall_grade": "splendid"},
    ).text
    assert '<label for="id_overall_grade" class="form-label">Overall grade</label>' in (
        page
    )
    assert (
        'aria-describedby="id_overall_grade_error" aria-invalid="true" '
        'class="form-select is-invalid"' in page
    )
    assert (
        '<div id="id_overall_grade_error" class="invalid-feedback"><p id="error_1_id_'
        'overall_grade"><strong>Select a valid choice. splendid is not one of the '
        "available choices.</strong></p></div>" in page
    )
    chosen = f'<option value="{inspection.force.pk}" selected>'
    assert chosen in page and 'id="id_force_error"' not in page


# Inspection page ----------------------------------------------------------------


def test_inspection_page_shows_the_seed_rating(client, demo_inspection):
    response = client.get(demo_inspection.get_absolute_url())
    assert response.status_code == 200
    page = text_of(response.text)
    rows = re.findall(
        r'<th scope="row" class="fw-normal">(.*?)</th>\s*<td>.*?>(.*?)</strong>',
        response.text,
        re.S,
    )
    assert [(q.strip(), g) for q, g in rows] == SEED_QUESTIONS
    assert "Overall grade Requires improvement" in page
    assert "Fieldwork October 2016" in page
    assert "Published Thursday 2 March 2017" in page
    assert "HMIC" in page


def test_inspection_page_shows_the_seed_strengths(client, demo_inspection):
    response = client.get(demo_inspection.get_absolute_url())
    strengths = response.context["findings"]["strengths"]
    assert len(strengths) == 9
    assert "Kayleigh’s Love Story" in response.text
    assert "Strategic Policing Requirement" in response.text


def test_inspection_page_groups_twelve_areas_for_improvement_in_two_themes(
    client, demo_inspection
):
    response = client.get(demo_inspection.get_absolute_url())
    (section,) = response.context["findings"]["sections"]
    assert section.kind == FindingKind.AREA_FOR_IMPROVEMENT
    assert section.count == 12
    assert {theme: len(findings) for theme, findings in section.themes.items()} == {
        "Crime and incident management": 6,
        "Service to victims": 6,
    }
    page = text_of(response.text)
    assert "Areas for improvement (12)" in page
    assert (
        page.index("Crime and incident management")
        < page.index("Improving initial investigative response")
        < page.index("Service to victims")
        < page.index("Addressing current delays in contacting some victims")
    )


def test_inspection_page_shows_each_areas_action_progress(client, panel_member):
    area = FindingFactory(text="Improving initial investigative response")
    ActionFactory(finding=area, percent_complete=40, title="Retrain call takers")
    ActionFactory(finding=area, status=Status.CLOSED, percent_complete=100)
    FindingFactory(inspection=area.inspection, text="Improving attendance")
    sign_in(client, panel_member)
    page = text_of(client.get(area.inspection.get_absolute_url()).text)
    assert "Improving initial investigative response Retrain call takers In " in page
    assert "2 70% 70% complete, 1 of 2 closed" in page
    assert "Improving attendance 0 No action that you can see" in page


def test_an_area_whose_actions_are_hidden_says_so_without_revealing_them(
    client, panel_member, chief_officer
):
    """A panel member reads the same words for an area with no action and one
    whose only action is OFFICIAL-SENSITIVE; a chief officer sees the action."""
    hidden = FindingFactory(text="Improving vetting")
    ActionFactory(finding=hidden, marking=Marking.OFFICIAL_SENSITIVE)
    FindingFactory(inspection=hidden.inspection, text="Improving attendance")
    sign_in(client, panel_member)
    page = text_of(client.get(hidden.inspection.get_absolute_url()).text)
    assert "Improving vetting 0 No action that you can see" in page
    assert "Improving attendance 0 No action that you can see" in page
    sign_in(client, chief_officer)
    page = text_of(client.get(hidden.inspection.get_absolute_url()).text)
    assert "Improving vetting" in page and "0 of 1 closed" in page
    assert "Improving attendance 0 No actions yet" in page


def test_inspection_page_marks_demo_action_plans(client, demo_inspection, panel_member):
    sign_in(client, panel_member)
    response = client.get(demo_inspection.get_absolute_url())
    assert "illustrative demo data" in response.text


def test_anonymous_visitors_see_areas_for_improvement_but_no_action_plan(
    client, demo_inspection
):
    page = text_of(client.get(demo_inspection.get_absolute_url()).text)
    assert "Improving initial investigative response" in page
    assert "Supervisory review of every initial investigation" not in page
    assert "complete," not in page and "No actions yet" not in page
    assert "Sign in to see the force's action plan" in page


def test_inspection_page_lists_recommendations_and_causes_of_concern(client):
    inspection = InspectionFactory()
    FindingFactory(
        inspection=inspection,
        kind=FindingKind.CAUSE_OF_CONCERN,
        text="The force does not understand demand.",
    )
    FindingFactory(
        inspection=inspection,
        kind=FindingKind.RECOMMENDATION,
        text="By June, review the contact strategy.",
    )
    page = text_of(client.get(inspection.get_absolute_url()).text)
    assert page.index("Causes of concern (1)") < page.index("Recommendations (1)")
    assert "No strengths have been recorded" in page
    assert "illustrative demo data" not in page


def test_ungraded_question_says_so_in_words(client):
    question = GradedQuestionFactory(grade="")
    page = text_of(client.get(question.inspection.get_absolute_url()).text)
    assert "Not graded" in page


def test_inspection_page_answers_404_for_an_unknown_inspection(client):
    response = client.get(reverse("governance:inspection", args=[999]))
    assert response.status_code == 404


@pytest.mark.parametrize(("findings", "actions"), [(5, 2), (50, 20)])
def test_inspection_page_queries_do_not_grow_with_findings_or_actions(
    client, django_assert_num_queries, panel_member, findings, actions
):
    inspection = InspectionFactory()
    GradedQuestionFactory.create_batch(4, inspection=inspection)
    StrengthFactory.create_batch(findings // 5, inspection=inspection)
    areas = FindingFactory.create_batch(findings, inspection=inspection)
    for area in areas[:actions]:
        ActionFactory(finding=area)
    sign_in(client, panel_member)
    # user with permissions and role (session from the cache); inspection with force,
    # questions, findings, the actions they may see, the section 55 response,
    # amendments, the panel papers, the inspectorate's views of the findings,
    # the force's HMICFRS monitoring, the last Police and Crime Panel meeting
    # (none here; with one, one more query: tests/governance/test_panel_meetings)
    with django_assert_num_queries(11):
        response = client.get(inspection.get_absolute_url())
    assert response.text.count("No action that you can see") == findings - actions


@pytest.mark.parametrize(("findings", "papers"), [(5, 1), (50, 3)])
def test_inspection_page_for_the_public_queries_do_not_grow(
    client, django_assert_num_queries, findings, papers
):
    from reports.models import ReportStatus
    from tests.factories import PanelReportFactory

    inspection = InspectionFactory()
    FindingFactory.create_batch(findings, inspection=inspection)
    PanelReportFactory.create_batch(
        papers, inspection=inspection, status=ReportStatus.PUBLISHED
    )
    # inspection with force, questions, findings, the section 55 response,
    # amendments, the panel papers, the inspectorate's views, the monitoring
    with django_assert_num_queries(8):
        client.get(inspection.get_absolute_url())


def test_the_inspection_page_links_to_the_papers_each_reader_may_read(
    client, commissioners_office
):
    from reports.models import ReportStatus
    from tests.factories import PanelReportFactory

    inspection = InspectionFactory()
    published = PanelReportFactory(
        inspection=inspection, status=ReportStatus.PUBLISHED, subject="Published one"
    )
    draft = PanelReportFactory(
        inspection=inspection, status=ReportStatus.DRAFT, subject="Draft one"
    )
    PanelReportFactory(subject="About another inspection")
    page = client.get(inspection.get_absolute_url()).text
    assert published.get_absolute_url() in page and "Published one" in page
    assert draft.get_absolute_url() not in page and "Draft one" not in page
    assert "About another inspection" not in page
    sign_in(client, commissioners_office)  # who writes papers sees the draft too
    page = client.get(inspection.get_absolute_url()).text
    assert draft.get_absolute_url() in page and "Draft: not published" in page
    assert "None yet" in client.get(InspectionFactory().get_absolute_url()).text


# Other pages --------------------------------------------------------------------


def test_accessibility_statement_names_the_standard_and_contact(client, settings):
    settings.CONTACT_EMAIL = "opcc@example.org"
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    assert "WCAG" in response.text or "Web Content Accessibility Guidelines" in (
        response.text
    )
    assert "mailto:opcc@example.org" in response.text


@pytest.mark.parametrize("url", ["/accessibility/", "/no-such-page/"])
def test_static_pages_touch_no_database(client, django_assert_num_queries, url):
    with django_assert_num_queries(0):
        client.get(url)


def test_public_pages_need_no_sign_in(client, demo_inspection):
    for url in ("/", demo_inspection.get_absolute_url(), "/accessibility/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "sessionid" not in response.cookies


def test_every_page_links_to_the_accessibility_statement_and_skips_to_content(
    client, demo_inspection
):
    for url in ("/", demo_inspection.get_absolute_url(), "/accessibility/", "/nope/"):
        html = client.get(url).text
        assert 'href="/accessibility/"' in html, url
        assert 'href="#main-content"' in html and 'id="main-content"' in html, url


def test_moving_between_pages_is_not_mistaken_for_filtering(client):
    InspectionFactory.create_batch(26)
    response = client.get(reverse("inspections:list"), {"page": 2})
    assert "Clear filters" not in response.text


def test_inspection_pages_change_as_soon_as_a_finding_does(
    client, django_capture_on_commit_callbacks
):
    inspection = InspectionFactory(is_published=True)
    url = inspection.get_absolute_url()
    assert "Improve call handling" not in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        FindingFactory(inspection=inspection, text="Improve call handling")
    assert "Improve call handling" in client.get(url).text


def test_the_list_of_inspections_changes_as_soon_as_one_is_published(
    client, django_capture_on_commit_callbacks
):
    inspection = InspectionFactory(is_published=False, title="Not yet out")
    assert "Not yet out" not in client.get("/").text
    with django_capture_on_commit_callbacks(execute=True):
        inspection.is_published = True
        inspection.save()
    assert "Not yet out" in client.get("/").text


def test_a_draft_inspection_is_tagged_in_the_list(client, chief_officer):
    draft = InspectionFactory(is_published=False, programme="PEEL", pillar="Draft one")
    InspectionFactory(is_published=True, pillar="Published one")
    sign_in(client, chief_officer)
    page = text_of(client.get(reverse("inspections:list")).text)
    assert draft.name in page
    assert page.count("Draft: not published") == 1
