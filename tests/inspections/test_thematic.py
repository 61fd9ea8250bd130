"""Thematic inspections (issue 15): one inspection record applying to many
forces; each force keeps its own action plan, each Commissioner their own
section 55 response, and no body reads another's unpublished or sensitive
material through it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from actions.choices import Status
from actions.models import Action
from demo.areas import commissioners_area
from governance.figures import figures_of, force_figures_refresh, kept_figures
from governance.models import Section55Response
from inspections.choices import FindingKind, Marking
from inspections.models import Finding, Inspection
from reports.models import PanelReport
from tests.conftest import sign_in
from tests.factories import (
    ActionFactory,
    FindingFactory,
    ForceFactory,
    SuperuserFactory,
    ThematicInspectionFactory,
    UserFactory,
    user_in_role,
)
from tests.reports.test_report_form import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    """Three forces, each with its own Commissioner's office and panel; a
    thematic inspection applying to north and south, not to west."""
    forces = [ForceFactory(name=f"{n} Police") for n in ("North", "South", "West")]
    made = {}
    for force in forces:
        office, panel = commissioners_area(force)
        made[force.name.split()[0].lower()] = {
            "force": force,
            "office": office,
            "panel": panel,
        }
    thematic = ThematicInspectionFactory(
        applies_to=[made["north"]["force"], made["south"]["force"]]
    )
    recommendation = FindingFactory(
        inspection=thematic, kind=FindingKind.RECOMMENDATION, number=1
    )
    for key in ("north", "south"):
        made[key]["action"] = ActionFactory(
            finding=recommendation,
            force=made[key]["force"],
            title=f"CANARY-{key}-plan",
            marking=Marking.OFFICIAL_SENSITIVE,
        )
    made["thematic"] = thematic
    made["recommendation"] = recommendation
    return made


def in_role(role, area):
    place = {
        Role.PANEL_MEMBER: area["panel"],
        Role.COMMISSIONERS_OFFICE: area["office"],
    }.get(role, area["force"].organisation)
    return user_in_role(role, organisation=place)


def test_an_action_of_a_thematic_inspection_is_in_one_forces_plan(areas):
    west = areas["west"]["force"]
    action = Action(
        finding=areas["recommendation"],
        title="No force chosen",
        owner=UserFactory(),
        lead=UserFactory(),
        due_date=datetime.date(2023, 4, 30),
    )
    with pytest.raises(ValidationError) as chosen:
        action.full_clean()
    assert "choose whose action plan" in str(chosen.value)
    action.force = west
    with pytest.raises(ValidationError) as wrong:
        action.full_clean()
    assert "does not apply to that force" in str(wrong.value)
    action.force = areas["north"]["force"]
    action.full_clean()
    # an inspection of one force: the action is in that force's plan, whatever
    # was given
    own = ActionFactory(finding=FindingFactory(inspection__force=west))
    assert own.force == west


def test_each_force_reads_only_its_own_plan_for_a_thematic_recommendation(
    client, areas
):
    north, south = areas["north"], areas["south"]
    sign_in(client, in_role(Role.CHIEF_OFFICER, north))
    page = client.get(areas["thematic"].get_absolute_url()).text
    assert "CANARY-north-plan" in page
    assert "CANARY-south-plan" not in page
    assert client.get(south["action"].get_absolute_url()).status_code == 404
    tracker = client.get(reverse("actions:tracker")).text
    assert "CANARY-north-plan" in tracker and "CANARY-south-plan" not in tracker
    csv = b"".join(client.get(reverse("actions:export_csv")).streaming_content)
    assert b"CANARY-south-plan" not in csv
    # and signs off only its own
    theirs = south["action"]
    response = client.post(
        reverse("actions:sign_off", args=[theirs.pk]),
        {"comment": "Not mine.", "seen_version": theirs.version},
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.IN_PROGRESS


def test_an_unpublished_thematic_inspection_reaches_only_the_forces_it_applies_to(
    client, areas
):
    draft = ThematicInspectionFactory(
        is_published=False,
        pillar="CANARY draft thematic",
        applies_to=[areas["north"]["force"]],
    )
    url = draft.get_absolute_url()
    sign_in(client, in_role(Role.STAFF_OFFICER, areas["north"]))
    assert client.get(url).status_code == 200
    for other in ("south", "west"):
        client.logout()
        sign_in(client, in_role(Role.CHIEF_OFFICER, areas[other]))
        assert client.get(url).status_code == 404
        assert (
            "CANARY draft thematic" not in client.get(reverse("inspections:list")).text
        )
    client.logout()
    assert client.get(url).status_code == 404  # the public
    # published, everyone reads it, and the office of a force it applies to
    # finds it on the list
    Inspection.objects.filter(pk=draft.pk).update(is_published=True)
    assert client.get(url).status_code == 200


def test_each_commissioner_keeps_their_own_section_55_response(client, areas):
    north, south, west = areas["north"], areas["south"], areas["west"]
    thematic = areas["thematic"]
    edit = reverse("governance:section_55_edit", args=[thematic.pk])
    sign_in(client, in_role(Role.COMMISSIONERS_OFFICE, north))
    page = client.get(thematic.get_absolute_url()).text
    assert f"{edit}?force={north['force'].pk}" in page
    assert f"{edit}?force={south['force'].pk}" not in page
    form = client.get(edit)  # one force kept: it is chosen
    assert form.status_code == 200 and "for North Police" in form.text
    response = client.post(
        f"{edit}?force={north['force'].pk}",
        {"commissioner_comments": "CANARY-north-draft response"},
    )
    assert response.status_code == 302
    saved = Section55Response.objects.get(inspection=thematic)
    assert saved.force == north["force"]
    # not another Commissioner's, nor a force it does not apply to
    for force in (south["force"], west["force"]):
        refused = client.post(
            f"{edit}?force={force.pk}", {"commissioner_comments": "Not mine."}
        )
        assert refused.status_code == 403
    assert Section55Response.objects.filter(inspection=thematic).count() == 1
    # the draft is the north office's working: not the south office's
    client.logout()
    sign_in(client, in_role(Role.COMMISSIONERS_OFFICE, south))
    page = client.get(thematic.get_absolute_url()).text
    assert "CANARY-north-draft" not in page
    assert f"{edit}?force={south['force'].pk}" in page
    # once published, anyone reads it
    saved.published_on = datetime.date.today()
    saved.save()
    client.logout()
    public = client.get(thematic.get_absolute_url()).text
    assert "CANARY-north-draft" in public
    assert "Not yet published by the Commissioner for South Police" in public


def test_the_progress_by_force_page(client, areas, django_assert_max_num_queries):
    thematic = areas["thematic"]
    url = reverse("governance:thematic_progress", args=[thematic.pk])
    assert client.get(url).status_code == 302  # sign in first
    sign_in(client, in_role(Role.PANEL_MEMBER, areas["north"]))
    page = client.get(url).text  # the published progress, not the sensitive
    assert "CANARY" not in page and "No action that you can see" in page
    client.logout()
    sign_in(client, UserFactory())  # signed in with no role
    assert client.get(url).status_code == 403
    client.logout()
    sign_in(client, in_role(Role.CHIEF_OFFICER, areas["north"]))
    page = client.get(url).text
    assert "North Police" in page and "South Police" in page
    assert "Not shown to you" in page  # south's plan
    assert "West Police" not in page  # not one it applies to
    # the same few queries however many forces it applies to
    for n in range(10):
        thematic.applies_to.add(ForceFactory(name=f"Extra {n} Police"))
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    # an inspection of one force has no such page
    single = FindingFactory().inspection
    assert (
        client.get(
            reverse("governance:thematic_progress", args=[single.pk])
        ).status_code
        == 404
    )


def test_each_forces_figures_count_its_own_plan_for_a_thematic_inspection(areas):
    north, west = areas["north"]["force"], areas["west"]["force"]
    assert kept_figures(north.pk).headline()["total"] == 1
    assert kept_figures(west.pk).headline()["total"] == 0
    # a force added to the inspection: its figures count its findings now
    before = sum(kept_figures(west.pk).open_findings.values())
    areas["thematic"].applies_to.add(west)
    assert sum(kept_figures(west.pk).open_findings.values()) == before + 1


def test_the_admin_records_a_thematic_inspection_for_those_who_reach_everywhere(
    client, areas
):
    north, south = areas["north"]["force"], areas["south"]["force"]
    add = reverse("admin:inspections_inspection_add")
    data = {
        "inspectorate": "HMICFRS",
        "programme": "Thematic",
        "pillar": "Police response to violence against women and girls",
        "title": "Police response to violence against women and girls",
        "publication_date": "2021-09-17",
        "marking": Marking.OFFICIAL,
        "applies_to": [north.pk, south.pk],
        **{
            f"{prefix}-{key}": value
            for prefix in ("questions", "findings")
            for key, value in (
                ("TOTAL_FORMS", "0"),
                ("INITIAL_FORMS", "0"),
                ("MIN_NUM_FORMS", "0"),
                ("MAX_NUM_FORMS", "1000"),
            )
        },
    }
    chief = in_role(Role.CHIEF_OFFICER, areas["north"])
    chief.is_staff = True
    chief.save()
    sign_in(client, chief)
    refused = client.post(add, data)
    assert refused.status_code in (200, 403)
    assert not Inspection.objects.filter(pillar=data["pillar"]).exists()
    client.logout()
    sign_in(client, SuperuserFactory())
    both = client.post(add, {**data, "force": north.pk})
    assert "clear the force for a thematic inspection" in both.text
    neither = client.post(add, {**data, "applies_to": []})
    assert "the forces it applies to" in neither.text
    saved = client.post(add, data)
    assert saved.status_code == 302, saved.text[:2000]
    made = Inspection.objects.get(pillar=data["pillar"])
    assert made.is_thematic
    assert set(made.applies_to.all()) == {north, south}
    assert str(made).startswith("Thematic inspection: ")


def test_a_thematic_recommendation_is_open_until_every_force_has_answered_it(
    client, areas
):
    """Counted once, on every path: the kept figures of all forces, those of
    each force, the live count of an office reaching several, and the list."""
    north, south = areas["north"], areas["south"]
    recommendation = areas["recommendation"]
    ActionFactory(finding=FindingFactory(inspection__force=north["force"]))  # own

    def counts():
        live = figures_of(Action.objects.all(), Finding.objects.all())
        kept = kept_figures(None)
        assert kept.open_findings == live.open_findings
        return (
            kept.open_findings["recommendations"],
            kept_figures(north["force"].pk).open_findings["recommendations"],
            kept_figures(south["force"].pk).open_findings["recommendations"],
        )

    assert counts() == (1, 1, 1)
    Action.objects.filter(finding=recommendation, force=north["force"]).update(
        status=Status.CLOSED, percent_complete=100
    )
    force_figures_refresh([north["force"].pk, south["force"].pk])
    assert counts() == (1, 0, 1)  # south's plan still runs
    Action.objects.filter(finding=recommendation).update(
        status=Status.CLOSED, percent_complete=100
    )
    force_figures_refresh([north["force"].pk, south["force"].pk])
    assert counts() == (0, 0, 0)
    # a force it applies to with no plan for it yet: open again, in that force
    west = areas["west"]["force"]
    areas["thematic"].applies_to.add(west)
    assert kept_figures(west.pk).open_findings["recommendations"] == 1
    assert counts()[0] == 1
    # the dashboard and its list agree, read live by someone reaching two forces
    office = user_in_role(Role.COMMISSIONERS_OFFICE, organisation=north["office"])
    north["office"].oversees.add(west.organisation)
    sign_in(client, office)
    listed = client.get(reverse("governance:open_findings") + "?kind=recommendations")
    assert recommendation.text in listed.text
    client.logout()
    south_office = user_in_role(Role.COMMISSIONERS_OFFICE, organisation=south["office"])
    sign_in(client, south_office)
    listed = client.get(reverse("governance:open_findings") + "?kind=recommendations")
    assert recommendation.text not in listed.text  # answered in south's plan


def test_the_admin_adds_an_action_to_one_forces_plan_for_a_thematic_finding(
    client, areas
):
    north, west = areas["north"]["force"], areas["west"]["force"]
    owner = UserFactory()
    data = {
        "finding": areas["recommendation"].pk,
        "title": "Dip-sample vetting decisions",
        "owner": owner.pk,
        "lead": owner.pk,
        "due_date": "2023-04-30",
        "status": Status.NOT_STARTED,
        "rag": "green",
        "percent_complete": 0,
        "marking": "official",
        "updates-TOTAL_FORMS": 0,
        "updates-INITIAL_FORMS": 0,
        "updates-2-TOTAL_FORMS": 0,
        "updates-2-INITIAL_FORMS": 0,
    }
    add = reverse("admin:actions_action_add")
    sign_in(client, SuperuserFactory())
    unchosen = client.post(add, data)
    assert unchosen.status_code == 200
    assert "choose whose action plan this action is in" in unchosen.text
    elsewhere = client.post(add, {**data, "force": west.pk})
    assert "does not apply to that force" in elsewhere.text
    saved = client.post(add, {**data, "force": north.pk})
    assert saved.status_code == 302
    made = Action.objects.get(title=data["title"])
    assert made.force == north
    # for an inspection of one force, the force follows the finding
    own = FindingFactory(inspection__force=west)
    client.post(add, {**data, "finding": own.pk, "title": "Own plan"})
    assert Action.objects.get(title="Own plan").force == west


# user; the inspection; the forces it applies to; the responses, and their
# answers; amendments; questions; findings, their inspectorate views, their
# actions; the papers about it; the forces a question about it would be
# about (a superuser may ask the Commissioner, questions_tags.ask_link)
THEMATIC_PAGE_QUERIES = 12


@pytest.mark.parametrize("forces", [3, 12])
def test_the_thematic_inspection_page_reads_the_same_queries_for_any_number_of_forces(
    client, django_assert_num_queries, areas, forces
):
    thematic = areas["thematic"]
    for n in range(forces - 2):
        force = ForceFactory(name=f"Added {n} Police")
        thematic.applies_to.add(force)
        ActionFactory(finding=areas["recommendation"], force=force)
        Section55Response.objects.create(
            inspection=thematic, force=force, published_on=datetime.date(2022, 12, 1)
        )
    sign_in(client, SuperuserFactory())
    client.get(thematic.get_absolute_url())
    with django_assert_num_queries(THEMATIC_PAGE_QUERIES):
        page = client.get(thematic.get_absolute_url())
    assert page.status_code == 200
    assert page.text.count("Update the section 55 response") == forces - 2


def test_each_commissioner_writes_their_own_panel_paper_on_a_thematic_inspection(
    client, areas
):
    north, south = areas["north"], areas["south"]
    thematic = areas["thematic"]
    data = {
        **form_data(thematic),
        "subject": "CANARY-north-paper on vetting",
        "meeting_date": datetime.date.today().isoformat(),  # the plans as they are
        "include_action_appendix": "on",
    }
    sign_in(client, in_role(Role.COMMISSIONERS_OFFICE, north))
    unchosen = client.post(reverse("reports:new"), data)
    assert "choose the force whose response the report sets out" in unchosen.text
    not_theirs = client.post(
        reverse("reports:new"), {**data, "force": south["force"].pk}
    )
    assert "Select a valid choice" in not_theirs.text
    saved = client.post(reverse("reports:new"), {**data, "force": north["force"].pk})
    assert saved.status_code == 302
    paper = PanelReport.objects.get(subject=data["subject"])
    assert paper.force == north["force"]
    assert paper.letterhead == "Police and Crime Commissioner for North"
    page = client.get(paper.get_absolute_url()).text
    assert "CANARY-north-plan" in page and "CANARY-south-plan" not in page
    # the draft is the north office's: not the south office's
    client.logout()
    sign_in(client, in_role(Role.COMMISSIONERS_OFFICE, south))
    assert client.get(paper.get_absolute_url()).status_code == 404
    assert "CANARY-north-paper" not in client.get(reverse("reports:list")).text


def test_the_admin_keeps_only_the_offices_own_section_55_responses(client, areas):
    north, south = areas["north"], areas["south"]
    thematic = areas["thematic"]
    theirs = Section55Response.objects.create(
        inspection=thematic,
        force=south["force"],
        commissioner_comments="South's own words.",
        published_on=datetime.date(2022, 12, 1),
    )
    sign_in(client, in_role(Role.COMMISSIONERS_OFFICE, north))
    change = reverse("admin:governance_section55response_change", args=[theirs.pk])
    assert client.get(change).status_code == 200  # published: read, not changed
    assert client.post(change, {"commissioner_comments": "Changed."}).status_code == 403
    theirs.refresh_from_db()
    assert theirs.commissioner_comments == "South's own words."
    add = reverse("admin:governance_section55response_add")
    empty_inline = {
        "recommendations-TOTAL_FORMS": 0,
        "recommendations-INITIAL_FORMS": 0,
    }
    refused = client.post(
        add, {"inspection": thematic.pk, "force": south["force"].pk, **empty_inline}
    )
    assert "does not keep the section 55 response of South Police" in refused.text
    assert "Choose one of the forces" not in refused.text  # one reason, not two
    saved = client.post(
        add, {"inspection": thematic.pk, "force": north["force"].pk, **empty_inline}
    )
    assert saved.status_code == 302
    assert Section55Response.objects.filter(force=north["force"]).exists()


def test_an_office_keeping_two_forces_responses_is_asked_which_it_is_recording(
    client, areas
):
    north, south = areas["north"], areas["south"]
    north["office"].oversees.add(south["force"].organisation)  # a PFCC's, say
    sign_in(client, in_role(Role.COMMISSIONERS_OFFICE, north))
    edit = reverse("governance:section_55_edit", args=[areas["thematic"].pk])
    asked = client.get(edit, follow=True)
    assert asked.redirect_chain[-1][0].endswith("#section-55")
    assert "Choose the force whose response you are recording." in asked.text
    for force in (north["force"], south["force"]):
        form = client.get(f"{edit}?force={force.pk}")
        assert form.status_code == 200 and f"for {force.name}" in form.text
    assert client.get(f"{edit}?force=999999").status_code == 403
