from __future__ import annotations

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.models import Membership, Organisation, OrganisationKind
from accounts.roles import Role
from actions.choices import RAG, Status
from actions.models import Action, DueDateExtension, Evidence, ProgressUpdate
from inspections.choices import FindingKind, Grade, Inspectorate
from inspections.models import (
    Amendment,
    AmendmentSource,
    Finding,
    Force,
    GradedQuestion,
    Inspection,
)
from reports.models import PanelReport, ReportStatus


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct-horse-battery")


TEST_OFFICE = "Office of the Police and Crime Commissioner (tests)"
TEST_PANEL = "Police and Crime Panel (tests)"


def area_for_tests() -> tuple[Organisation, Organisation]:
    """The tests' one Commissioner's area: an office overseeing every force
    (those made later join it by themselves, Force.save), and its panel."""
    office, made = Organisation.objects.get_or_create(
        name=TEST_OFFICE, defaults={"kind": OrganisationKind.COMMISSIONERS_OFFICE}
    )
    if made:
        office.oversees.set(
            Organisation.objects.filter(kind=OrganisationKind.POLICE_FORCE)
        )
    panel, made = Organisation.objects.get_or_create(
        name=TEST_PANEL, defaults={"kind": OrganisationKind.POLICE_AND_CRIME_PANEL}
    )
    if made:
        panel.oversees.add(office)
    return office, panel


def user_in_role(role: Role, organisation: Organisation | None = None, **kwargs):
    """A user holding one role, in `organisation` or else the tests' area (a
    panel member in its panel, anyone else in its office, so reaching every
    force); reaching the admin if the role does."""
    user = UserFactory(is_staff=role.uses_admin, **kwargs)
    if organisation is None:
        office, panel = area_for_tests()
        organisation = panel if role == Role.PANEL_MEMBER else office
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


SSO_ISSUER = "https://login.microsoftonline.com/tests-tenant/v2.0"


def user_in_role_by_sso(role: Role, organisation: Organisation | None = None, **kwargs):
    """The same person as user_in_role, made as single sign-on makes them: a
    verified identity whose group OIDC_ROLE_MAP maps to the role."""
    from django.test import override_settings

    from accounts import single_sign_on

    if organisation is None:
        office, panel = area_for_tests()
        organisation = panel if role == Role.PANEL_MEMBER else office
    username = kwargs.pop("username", None) or f"sso.{UserFactory.build().username}"
    group = f"group-{role.value}-{organisation.pk}"
    claims = {
        "sub": f"subject-{username}",
        "preferred_username": username,
        "given_name": kwargs.pop("first_name", "Sam"),
        "family_name": kwargs.pop("last_name", "Carter"),
        "email": kwargs.pop("email", f"{username}@example.org"),
        "groups": [group],
        "amr": ["pwd", "mfa"],
    }
    assert not kwargs, f"not made by single sign-on: {sorted(kwargs)}"
    mapping = [(group, role.value, organisation.name)]
    with override_settings(OIDC_ROLE_MAP=mapping, OIDC_ROLES_CLAIM="groups"):
        verified = single_sign_on.Verified(
            issuer=SSO_ISSUER, claims=claims, again=False
        )
        return single_sign_on.account_for(verified)


class SuperuserFactory(UserFactory):
    username = "superuser"
    is_staff = True
    is_superuser = True


class ForceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Force
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Force {n} Police")
    slug = factory.Sequence(lambda n: f"force-{n}")


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    force = factory.SubFactory(ForceFactory)
    inspectorate = Inspectorate.HMICFRS
    programme = "PEEL"
    pillar = "Effectiveness"
    title = factory.LazyAttribute(lambda i: f"PEEL: {i.pillar} – {i.force.name}")
    publication_date = factory.Sequence(
        lambda n: datetime.date(2017, 3, 2) + datetime.timedelta(days=n)
    )
    fieldwork_start = factory.LazyAttribute(
        lambda i: i.publication_date - datetime.timedelta(days=150)
    )
    fieldwork_end = factory.LazyAttribute(
        lambda i: i.publication_date - datetime.timedelta(days=120)
    )
    overall_grade = Grade.GOOD
    is_published = True


class ThematicInspectionFactory(InspectionFactory):
    """One inspection applying to several forces: ThematicInspectionFactory(
    applies_to=[north, south])."""

    class Meta:
        skip_postgeneration_save = True

    force = None
    programme = "Thematic"
    pillar = factory.Sequence(lambda n: f"Vetting and misconduct {n}")
    title = factory.LazyAttribute(lambda i: f"An inspection of {i.pillar.lower()}")
    overall_grade = ""

    @factory.post_generation
    def applies_to(self, create, forces, **kwargs):
        if create and forces:
            self.applies_to.add(*forces)


class GradedQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GradedQuestion

    inspection = factory.SubFactory(InspectionFactory)
    order = factory.Sequence(lambda n: n + 1)
    wording = factory.Sequence(lambda n: f"How effective is the force at task {n}?")
    grade = Grade.GOOD


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    inspection = factory.SubFactory(InspectionFactory)
    kind = FindingKind.AREA_FOR_IMPROVEMENT
    theme = "Crime and incident management"
    text = factory.Sequence(lambda n: f"Improving aspect {n} of the service")
    order = factory.Sequence(lambda n: n + 1)


class AmendmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Amendment

    inspection = factory.SubFactory(InspectionFactory)
    source = AmendmentSource.IMPORT
    was_published = True
    changes = "Overall grade: Good → Requires improvement"


class StrengthFactory(FindingFactory):
    kind = FindingKind.STRENGTH
    theme = ""


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    finding = factory.SubFactory(FindingFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.SubFactory(UserFactory)
    lead = factory.SubFactory(UserFactory)
    due_date = datetime.date(2017, 9, 30)
    status = Status.IN_PROGRESS
    rag = RAG.GREEN
    percent_complete = 40
    # as Action.follow() would have set it, for an action made closed
    closed_on = factory.LazyAttribute(
        lambda action: (
            (
                signed.date()
                if (signed := getattr(action, "signed_off_at", None))
                else action.due_date
            )
            if action.status == Status.CLOSED
            else None
        )
    )


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate
        skip_postgeneration_save = True

    action = factory.SubFactory(ActionFactory)
    author = factory.SelfAttribute("action.owner")
    date = datetime.date(2017, 4, 7)
    narrative = "Work is under way."
    status = Status.IN_PROGRESS
    rag = RAG.GREEN
    percent_complete = 40

    @factory.post_generation
    def latest(update, create, extracted, **kwargs):
        """The action's latest update as follow() keeps it; its status is left
        as the test made it (the service is tested through its own paths)."""
        if not create:
            return
        newest = update.action.updates.order_by("-date", "-pk").first()
        Action.objects.filter(pk=update.action_id).update(
            latest_update=newest, last_update_on=newest.date
        )


class DueDateExtensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DueDateExtension

    action = factory.SubFactory(ActionFactory)
    requested_by = factory.SelfAttribute("action.owner")
    current_due_date = factory.SelfAttribute("action.due_date")
    # still to come, as Action.check_new_due_date asks, so it may be approved
    new_due_date = factory.LazyAttribute(
        lambda e: (
            max(e.current_due_date, timezone.localdate()) + datetime.timedelta(days=60)
        )
    )
    reason = "The training provider cancelled two cohorts."


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    update = factory.SubFactory(ProgressUpdateFactory)
    file = factory.django.FileField(filename="minutes.pdf", data=b"%PDF-1.4 minutes")
    original_name = "minutes.pdf"
    extension = "pdf"
    content_type = "application/pdf"
    size = 16
    uploaded_by = factory.SelfAttribute("update.author")


class PanelReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelReport

    inspection = factory.SubFactory(InspectionFactory)
    meeting_date = factory.SelfAttribute("inspection.publication_date")
    subject = "HMIC Inspection – PEEL Effectiveness"
    author = "Chief Constable"
    purpose = "To update the Panel."
    recommendation = "The Panel are asked to discuss the report."
    contact_name = "A Staff Officer"
    status = ReportStatus.PUBLISHED
