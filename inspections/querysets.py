"""Questions about many inspections or findings, including who may see them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.access import AnyUser, sees_sensitive, sees_unpublished
from inspections.choices import Marking

NOTHING = Q(pk__in=[])


def inspection_visibility(user: AnyUser, prefix: str = "") -> Q:
    """Published on the site, its publication date reached, not OFFICIAL-SENSITIVE:
    unless the person may see unpublished or sensitive inspections."""
    visible = Q()
    if not sees_unpublished(user):
        visible &= Q(
            **{
                f"{prefix}is_published": True,
                f"{prefix}publication_date__lte": timezone.localdate(),
            }
        )
    if not sees_sensitive(user):
        visible &= Q(**{f"{prefix}marking": Marking.OFFICIAL})
    return visible


def finding_visibility(user: AnyUser, prefix: str = "") -> Q:
    visible = inspection_visibility(user, f"{prefix}inspection__")
    if not sees_sensitive(user):
        visible &= Q(**{f"{prefix}marking": Marking.OFFICIAL})
    return visible


class InspectionQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser) -> InspectionQuerySet:
        return self.filter(inspection_visibility(user))

    def newest_first(self) -> InspectionQuerySet:
        return self.select_related("force").order_by("-publication_date", "force__name")


class FindingQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser) -> FindingQuerySet:
        return self.filter(finding_visibility(user))
