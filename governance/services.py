"""Changes to the section 55 response: one service for the site's form (the
admin's form validates through the same model.clean). Who keeps a force's
meetings."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet

from accounts.access import EVERYWHERE, AnyUser, may_in, only_where_held, reach
from governance.forms import AnswerForm, Section55Form
from governance.models import Meeting, RecommendationResponse, Section55Response
from inspections.models import Force, Inspection

EDITS = ("governance.add_section55response", "governance.change_section55response")
KEEPS_MEETINGS = "governance.change_meeting"
ONLY_ITS_AREA_KEEPS_MEETINGS = (
    "A meeting is recorded and changed only by the chief officers of the force "
    "whose plan it reviews, or by the Commissioner's office that oversees it."
)


def may_keep_meeting(user: AnyUser, force: Force | None) -> bool:
    """Record or change a meeting about this force's plan: its chief officers
    and the office overseeing it. A meeting with no force yet, only someone
    whose role reaches everywhere (who then gives it one)."""
    if force is None:
        return reach(user, KEEPS_MEETINGS) is EVERYWHERE
    return may_in(user, KEEPS_MEETINGS, force.organisation_id)


def check_may_keep_meeting(user: AnyUser, meeting: Meeting) -> None:
    """The meeting as it was (if saved before) and as it will be."""
    was = Meeting.objects.filter(pk=meeting.pk).select_related("force").first()
    for force in ([was.force] if was else []) + [meeting.force]:
        if not may_keep_meeting(user, force):
            raise PermissionDenied(ONLY_ITS_AREA_KEEPS_MEETINGS)


def forces_to_keep_meetings_for(user: AnyUser) -> QuerySet[Force]:
    return Force.objects.filter(only_where_held(user, KEEPS_MEETINGS, "organisation"))


def may_keep_section_55(
    user: AnyUser, inspection: Inspection, force: Force | None = None
) -> bool:
    """The Commissioner's office whose area the force is in: the inspected
    force, or for a thematic inspection the force answered for."""
    force = force or inspection.force
    if force is None:
        return False
    where = force.organisation_id
    return all(may_in(user, permission, where) for permission in EDITS)


def reach_to_keep_section_55(user: AnyUser) -> frozenset[int] | None:
    """Where this person keeps section 55 responses (EVERYWHERE is None): the
    organisations where they hold every permission that keeps one, as
    may_keep_section_55 asks of one force."""
    reached = [reach(user, permission) for permission in EDITS]
    areas = [r for r in reached if r is not EVERYWHERE]
    if not areas:
        return EVERYWHERE
    return frozenset.intersection(*areas)


def section_55_forces(user: AnyUser, inspection: Inspection) -> list[Force]:
    """The forces a thematic inspection applies to whose response this person
    keeps; for an inspection of one force, that force if they keep its."""
    forces = (
        [inspection.force]
        if inspection.force
        else list(inspection.applies_to.select_related("organisation"))
    )
    return [force for force in forces if may_keep_section_55(user, inspection, force)]


@transaction.atomic
def section_55_save(
    *,
    inspection: Inspection,
    form: Section55Form,
    answers: list[AnswerForm],
    user: AnyUser,
    force: Force | None = None,
) -> tuple[Section55Response, int]:
    """The response and its answers to the recommendations, together or not
    at all. An answer left empty is removed: how many were, with the response,
    so that the person is told."""
    force = force or inspection.force
    if not may_keep_section_55(user, inspection, force):
        raise PermissionDenied("Your role does not keep the section 55 response.")
    try:
        inspection.force_answering(force.pk if force else None, unchosen="")
    except ValidationError:
        raise PermissionDenied(
            "The thematic inspection does not apply to that force."
        ) from None
    response = form.save(commit=False)
    response.inspection = inspection
    response.force = force
    response.save()
    removed = 0
    for answer in answers:
        outcome = answer.cleaned_data.get("outcome")
        if not outcome:
            gone, _ = RecommendationResponse.objects.filter(
                response=response, finding=answer.recommendation
            ).delete()
            removed += gone
            continue
        RecommendationResponse.objects.update_or_create(
            response=response,
            finding=answer.recommendation,
            defaults={"outcome": outcome, "text": answer.cleaned_data["text"].strip()},
        )
    return response, removed
