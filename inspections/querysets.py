from __future__ import annotations

from django.db import models
from django.db.models import Avg, Count, Q

from actions.choices import Status


class InspectionQuerySet(models.QuerySet):
    def newest_first(self) -> InspectionQuerySet:
        return self.select_related("force").order_by("-publication_date", "force__name")


class FindingQuerySet(models.QuerySet):
    def with_action_progress(self) -> FindingQuerySet:
        """Each finding with the number of its actions, how many are closed and
        their mean percent complete (and how many are demo data), in the one query."""
        return self.annotate(
            action_count=Count("actions"),
            closed_action_count=Count(
                "actions", filter=Q(actions__status=Status.CLOSED)
            ),
            mean_percent_complete=Avg("actions__percent_complete"),
            demo_action_count=Count("actions", filter=Q(actions__is_demo=True)),
        )
