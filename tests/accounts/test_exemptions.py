"""The visibility rules write each exemption once (accounts.access:
unless_each_held, and unless_held's `within`). These tests hold them to the
rules as first written, one exemption for each rule, over every mix of
published and unpublished, official and sensitive, own and thematic
inspections, findings and actions, for people whose rights reach the same
organisations and for one whose rights reach different ones."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import timezone

from accounts.access import AnyUser, only_where_held, unless_held
from accounts.models import Membership
from accounts.roles import Role
from actions.models import Action
from demo.areas import commissioners_area
from inspections.choices import Marking
from inspections.models import Finding, Inspection
from inspections.querysets import inspection_of
from tests.factories import (
    ActionFactory,
    FindingFactory,
    ForceFactory,
    InspectionFactory,
    ThematicInspectionFactory,
    user_in_role,
)

pytestmark = pytest.mark.django_db
MARKINGS = (Marking.OFFICIAL, Marking.OFFICIAL_SENSITIVE)


def inspection_rule_as_written(user: AnyUser, prefix: str = "") -> Q:
    published = Q(
        **{
            f"{prefix}is_published": True,
            f"{prefix}publication_date__lte": timezone.localdate(),
        }
    )
    official = Q(**{f"{prefix}marking": Marking.OFFICIAL})
    whose = inspection_of(prefix)
    return unless_held(
        user, "inspections.view_unpublished", published, whose
    ) & unless_held(user, "inspections.view_sensitive", official, whose)


def finding_rule_as_written(user: AnyUser, prefix: str = "") -> Q:
    official = Q(**{f"{prefix}marking": Marking.OFFICIAL})
    inspection = f"{prefix}inspection__"
    return inspection_rule_as_written(user, inspection) & unless_held(
        user, "inspections.view_sensitive", official, inspection_of(inspection)
    )


def action_rule_as_written(user: AnyUser) -> Q:
    if not user.has_perm("actions.view_action"):
        return Q(pk__in=[])
    official = Q(marking=Marking.OFFICIAL)
    return (
        only_where_held(user, "actions.view_action", "force__organisation")
        & finding_rule_as_written(user, "finding__")
        & unless_held(
            user, "inspections.view_sensitive", official, "force__organisation"
        )
    )


@pytest.fixture
def world():
    """Two areas; in each force every mix of publication and marking of an
    inspection, its finding and its action; and thematic inspections
    applying to both forces, each force with its own action."""
    north, south = ForceFactory(name="North Police"), ForceFactory(name="South Police")
    offices = {}
    for force in (north, south):
        offices[force.pk], _ = commissioners_area(force)
    mixes = itertools.product((True, False), MARKINGS, MARKINGS, MARKINGS)
    for published, inspection_marking, finding_marking, action_marking in mixes:
        for force in (north, south):
            inspection = InspectionFactory(
                force=force, is_published=published, marking=inspection_marking
            )
            finding = FindingFactory(inspection=inspection, marking=finding_marking)
            ActionFactory(finding=finding, marking=action_marking)
        thematic = ThematicInspectionFactory(
            applies_to=[north, south],
            is_published=published,
            marking=inspection_marking,
        )
        finding = FindingFactory(inspection=thematic, marking=finding_marking)
        for force in (north, south):
            ActionFactory(finding=finding, force=force, marking=action_marking)
    return north, south, offices


def people(north, south, offices):
    # reads South's published plans as a member of its panel, and all of
    # North's, sensitive and unpublished included, as its chief officer
    mixed = user_in_role(Role.CHIEF_OFFICER, organisation=north.organisation)
    south_panel = offices[south.pk].overseen_by.get()
    Membership.objects.create(
        user=mixed, organisation=south_panel, role=Role.PANEL_MEMBER
    )
    panel_member = user_in_role(Role.PANEL_MEMBER, organisation=south_panel)
    return {
        "panel member": panel_member,
        "staff officer of North": user_in_role(
            Role.STAFF_OFFICER, organisation=north.organisation
        ),
        "chief officer of North": user_in_role(
            Role.CHIEF_OFFICER, organisation=north.organisation
        ),
        "North's Commissioner's office": user_in_role(
            Role.COMMISSIONERS_OFFICE, organisation=offices[north.pk]
        ),
        "chief officer of North, panel member in South": mixed,
    }


def test_the_rules_show_what_the_rules_as_written_show(world):
    north, south, offices = world
    everyone = {"the public": AnonymousUser(), **people(north, south, offices)}
    for name, person in everyone.items():
        pairs = (
            (Inspection, inspection_rule_as_written(person)),
            (Finding, finding_rule_as_written(person)),
            (Action, action_rule_as_written(person)),
        )
        for model, as_written in pairs:
            shown = set(model.objects.visible_to(person).values_list("pk", flat=True))
            expected = set(
                model.objects.filter(as_written).values_list("pk", flat=True)
            )
            assert shown == expected, (name, model.__name__)
            if model is Inspection:
                assert expected, name


def test_one_exemption_where_the_rights_reach_the_same_organisations(world):
    north, south, offices = world
    chief = people(north, south, offices)["chief officer of North"]
    sql = str(Finding.objects.visible_to(chief).query)
    assert sql.count("inspections_inspection_applies_to") == 1
    sql = str(Action.objects.visible_to(chief).query)
    assert sql.count("inspections_inspection_applies_to") == 1
    assert '"actions_action"."marking"' not in sql.split("WHERE", 1)[1]


def test_separate_exemptions_where_they_reach_different_organisations(world):
    north, south, offices = world
    mixed = people(north, south, offices)[
        "chief officer of North, panel member in South"
    ]
    shown = Action.objects.visible_to(mixed)
    assert shown.filter(force=south, marking=Marking.OFFICIAL_SENSITIVE).count() == 0
    assert shown.filter(force=north, marking=Marking.OFFICIAL_SENSITIVE).exists()
    assert '"actions_action"."marking"' in str(shown.query).split("WHERE", 1)[1]
