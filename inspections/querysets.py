"""Questions about many inspections, their questions and findings, including who
may see them: the one visibility rule per model that pages, counts, filters,
exports, e-mails and the admin all read through."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone

from accounts.access import AnyUser, Whose, unless_each_held
from inspections.choices import Marking
from pcc_panel.lib.sql import Constant

if TYPE_CHECKING:  # named in the quoted base classes below, which ruff does not read
    from inspections.models import (  # noqa: F401
        Finding,
        Force,
        GradedQuestion,
        Inspection,
        InspectorateView,
        MonitoringPeriod,
    )

NOTHING = Q(pk__in=[])
# the marking the visibility rules test for, named in the SQL (pcc_panel.lib.sql)
OFFICIAL = Constant(Marking.OFFICIAL)


class GuardedManager(models.Manager):
    """The manager of every model with a marking or a publication state. Its
    `.all` cannot be called from a template, so `{% for x in y.findings.all %}`
    renders nothing rather than everything: templates loop over querysets a
    view read through `visible_to(user)`."""

    def all(self):
        return super().all()

    # the template engine refuses to call it (mypy cannot type attributes set
    # on a function)
    all.alters_data = True  # type: ignore[attr-defined]


def inspection_of(prefix: str = "") -> Whose:
    """Whose an inspection is: its force's organisation, or, for a thematic
    inspection, each organisation of the forces it applies to."""

    def belongs_to(organisations: list[int]) -> Q:
        from inspections.models import Inspection

        applies = Inspection.applies_to.through.objects.filter(
            force__organisation__in=organisations
        ).values("inspection_id")
        return Q(**{f"{prefix}force__organisation__in": organisations}) | Q(
            **{f"{prefix}pk__in": applies}
        )

    return belongs_to


def inspection_visibility(user: AnyUser, prefix: str = "") -> Q:
    """Published on the site, its publication date reached, not OFFICIAL-SENSITIVE:
    unless the person may see unpublished or sensitive inspections of its
    force (or of a force a thematic inspection applies to), by a role held
    there or in a body that oversees it."""
    return unless_each_held(user, inspection_of(prefix), *_inspection_rules(prefix))


def _inspection_rules(prefix: str) -> tuple[tuple[str, Q], ...]:
    published = Q(
        **{
            f"{prefix}is_published": True,
            f"{prefix}publication_date__lte": timezone.localdate(),
        }
    )
    official = Q(**{f"{prefix}marking": OFFICIAL})
    return (
        ("inspections.view_unpublished", published),
        ("inspections.view_sensitive", official),
    )


def question_visibility(user: AnyUser, prefix: str = "") -> Q:
    """A graded question is seen with its inspection, never without it."""
    return inspection_visibility(user, f"{prefix}inspection__")


def finding_visibility(user: AnyUser, prefix: str = "") -> Q:
    """Seen with its inspection, and not OFFICIAL-SENSITIVE unless the person
    may see sensitive material of the inspection's force."""
    inspection = f"{prefix}inspection__"
    official = Q(**{f"{prefix}marking": OFFICIAL})
    return unless_each_held(
        user,
        inspection_of(inspection),
        *_inspection_rules(inspection),
        ("inspections.view_sensitive", official),
    )


class InspectionQuerySet(models.QuerySet["Inspection"]):
    def visible_to(self, user: AnyUser) -> InspectionQuerySet:
        return self.filter(inspection_visibility(user))

    def forces_and_years(self) -> tuple[list[tuple[int, str]], list[int]]:
        """The forces of these inspections, by name, and their years, newest
        first, from one query: a thematic inspection counts for every force it
        applies to, as `ForceQuerySet.visible_to` counts it."""
        rows = self.order_by().values_list(
            "force_id",
            "force__name",
            "applies_to__id",
            "applies_to__name",
            ExtractYear("publication_date"),
        )
        forces: dict[int, str] = {}
        years: set[int] = set()
        for force, name, applies_to, applies_to_name, year in rows.distinct():
            if force is not None:
                forces[force] = name
            if applies_to is not None:
                forces[applies_to] = applies_to_name
            years.add(year)
        by_name = sorted(forces.items(), key=lambda pair: (pair[1], pair[0]))
        return by_name, sorted(years, reverse=True)

    def newest_first(self) -> InspectionQuerySet:
        return self.select_related("force").order_by(
            "-publication_date", F("force__name").asc(nulls_first=True)
        )


class GradedQuestionQuerySet(models.QuerySet["GradedQuestion"]):
    def visible_to(self, user: AnyUser) -> GradedQuestionQuerySet:
        return self.filter(question_visibility(user))


class FindingQuerySet(models.QuerySet["Finding"]):
    def visible_to(self, user: AnyUser) -> FindingQuerySet:
        return self.filter(finding_visibility(user))

    def themes(self) -> list[str]:
        """The themes these findings are grouped in, in order; a filter offers
        those of the findings a person may see, since a theme's name alone
        can say what a sensitive finding is about."""
        rows = self.exclude(theme="").order_by("theme").values_list("theme", flat=True)
        return list(rows.distinct())


class ForceQuerySet(models.QuerySet["Force"]):
    def visible_to(self, user: AnyUser) -> ForceQuerySet:
        """Forces are public, but a filter offers only those with an inspection
        this person may see: a name in a list says an inspection exists."""
        from inspections.models import Inspection

        visible = Inspection.objects.visible_to(user)
        applies = Inspection.applies_to.through.objects.filter(
            inspection__in=visible.values("pk")
        )
        return self.filter(
            Q(pk__in=visible.values("force_id")) | Q(pk__in=applies.values("force_id"))
        )


class InspectorateViewQuerySet(models.QuerySet["InspectorateView"]):
    def visible_to(self, user: AnyUser) -> InspectorateViewQuerySet:
        """The inspectorate publishes its view: seen wherever its finding is."""
        return self.filter(finding_visibility(user, "finding__"))


class MonitoringPeriodQuerySet(models.QuerySet["MonitoringPeriod"]):
    def visible_to(self, user: AnyUser) -> MonitoringPeriodQuerySet:
        """HMICFRS publishes which forces it monitors, when and why: public.
        Its related reports are read through the inspections' own rule."""
        return self.all()
