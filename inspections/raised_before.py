"""Findings raised before: which earlier findings about the same organisation
read like a new one, and the decision that one was raised again. Every change
to a RaisedBefore goes through here (the review page and the loaders)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.access import AnyUser, may_in
from accounts.models import User
from inspections.choices import FindingKind
from inspections.models import Finding, Inspection, RaisedBefore, RaisedBeforeState
from pcc_panel.lib.words import likeness, stems_of

COMPARED = (
    FindingKind.AREA_FOR_IMPROVEMENT,
    FindingKind.RECOMMENDATION,
    FindingKind.CAUSE_OF_CONCERN,
)
LIKE_ENOUGH = 0.3  # a third of their distinct words in common
MOST_A_FINDING = 3  # suggestions kept for each finding
DECIDES = "inspections.change_finding"
ONLY_ITS_AREA = (
    "Only the force's chief officers and the Commissioner's office that oversees "
    "it decide whether a finding was raised before."
)


def may_decide(user: AnyUser, inspection: Inspection) -> bool:
    return inspection.force_id is not None and may_in(
        user, DECIDES, inspection.organisation_id
    )


@transaction.atomic
def raised_before_suggest(inspection: Inspection) -> int:
    """Suggest, for each area for improvement, recommendation and cause of
    concern, the most alike findings (any of those kinds) of the earlier
    inspections of the same force; decisions already taken stay. Two queries
    to read, one to write, two to count; the number of new suggestions."""
    if inspection.force_id is None:
        return 0  # a thematic inspection: no one organisation's history
    compared = Finding._base_manager.filter(kind__in=COMPARED)
    new = list(compared.filter(inspection=inspection).only("pk", "text"))
    earlier = list(
        compared.filter(
            inspection__force_id=inspection.force_id,
            inspection__publication_date__lt=inspection.publication_date,
        ).only("pk", "text")
    )
    old_stems = [(finding.pk, stems_of(finding.text)) for finding in earlier]
    links = []
    for finding in new:
        stems = stems_of(finding.text)
        scored = sorted(
            ((likeness(stems, other), pk) for pk, other in old_stems),
            reverse=True,
        )[:MOST_A_FINDING]
        links += [
            RaisedBefore(finding_id=finding.pk, earlier_id=pk, score=round(score * 100))
            for score, pk in scored
            if score >= LIKE_ENOUGH
        ]
    held = RaisedBefore.objects.filter(finding__inspection=inspection)
    before = held.count()
    RaisedBefore.objects.bulk_create(links, ignore_conflicts=True)
    return held.count() - before


@transaction.atomic
def raised_before_suggest_with_later(inspection: Inspection) -> int:
    """Suggestions for this inspection and for every later one of its force,
    whose earlier findings now include this one's: an office entering its
    back catalogue does not enter it in order. The number of new suggestions."""
    if inspection.force_id is None:
        return 0
    later = Inspection._base_manager.filter(
        force_id=inspection.force_id,
        publication_date__gt=inspection.publication_date,
    ).order_by("publication_date", "pk")
    return raised_before_suggest(inspection) + sum(
        raised_before_suggest(each) for each in later
    )


@transaction.atomic
def raised_before_decide(
    *, user: AnyUser, link: RaisedBefore, raised_again: bool
) -> RaisedBefore:
    link = (
        RaisedBefore.objects.select_for_update(of=("self",))
        .select_related("finding__inspection")
        .get(pk=link.pk)
    )
    if not may_decide(user, link.finding.inspection):
        raise PermissionDenied(ONLY_ITS_AREA)
    assert isinstance(user, User)
    link.state = (
        RaisedBeforeState.CONFIRMED if raised_again else RaisedBeforeState.DISMISSED
    )
    link.decided_by, link.decided_at = user, timezone.now()
    link.save()
    return link


def with_first_raised(findings, user: AnyUser):
    """Findings annotated with the earliest earlier finding confirmed as raised
    before that this person may see: its id, its inspection's id, name and
    publication date (first_raised_*; None where there is none). In the same
    query as the findings, so a page pays nothing more for them."""
    from django.db.models import OuterRef, Subquery, Value
    from django.db.models.functions import Concat, Trim

    links = (
        RaisedBefore.objects.visible_to(user)
        .confirmed()
        .filter(finding=OuterRef("pk"))
        .order_by("earlier__inspection__publication_date", "pk")
    )
    first = {
        "first_raised_id": "earlier_id",
        "first_raised_inspection_id": "earlier__inspection_id",
        "first_raised_on": "earlier__inspection__publication_date",
    }
    annotated = findings.annotate(
        **{name: Subquery(links.values(path)[:1]) for name, path in first.items()},
        first_raised_name=Subquery(
            links.annotate(
                name=Trim(
                    Concat(
                        "earlier__inspection__programme",
                        Value(" "),
                        "earlier__inspection__pillar",
                    )
                )
            ).values("name")[:1]
        ),
    )
    return annotated
