"""A published paper's earlier versions: as published, and as it stood after
each amendment, rebuilt from the audit trail (the report's and its sections'
history). The last version is the paper as it stands."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from reports.models import PanelReport, ReportAmendment, ReportSection


@dataclass(frozen=True)
class Version:
    number: int  # 0: as published; n: after the n-th amendment
    at: datetime.datetime
    amendment: ReportAmendment | None

    @property
    def label(self) -> str:
        at = timezone.localtime(self.at)
        when = f"{at:%-d %B %Y} at {at:%H:%M}"
        return (
            f"As published on {when}"
            if self.amendment is None
            else (f"As amended on {when}")
        )


def versions(report: PanelReport, amendments: list[ReportAmendment]) -> list[Version]:
    """Every version of a published paper, oldest first; none for a draft."""
    if not report.is_published or report.published_at is None:
        return []
    return [Version(0, report.published_at, None)] + [
        Version(number, amendment.made_at, amendment)
        for number, amendment in enumerate(amendments, start=1)
    ]


def as_it_stood(
    report: PanelReport, at: datetime.datetime
) -> tuple[PanelReport, list[ReportSection]]:
    """The report's own text and its sections as they were saved at `at`: two
    queries of the history. What a section fills in from the inspection is
    read from the record as it stands, as on the paper itself. A paper
    published as it was loaded (the demo, an import) has no record before its
    first save: the earliest record stands for it. LookupError if the paper
    has no history at all."""
    first = (
        report.history.order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    if first is None:
        raise LookupError("No earlier version of this paper was recorded.")
    at = max(at, first)
    then = report.history.as_of(at)
    then.inspection = report.inspection  # the same inspection, already read
    # it was published then: the record of its publishing may be a moment later
    then.status = report.status
    then.published_at, then.published_by = report.published_at, report.published_by
    sections = list(
        ReportSection.history.as_of(at)
        .filter(report_id=report.pk)
        .order_by("order", "id")  # "id" is the section's; "pk", the record's
    )
    return then, sections
