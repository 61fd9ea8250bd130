from __future__ import annotations

from django.db import models


class Grade(models.TextChoices):
    """HMIC/HMICFRS graded judgements, declared from best to worst.

    Adequate sits between Good and Requires improvement: HMICFRS added it in 2021.
    """

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    ADEQUATE = "adequate", "Adequate"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"

    @property
    def rank(self) -> int:
        """0 for the best grade, rising as grades get worse."""
        return list(type(self)).index(self)


class Inspectorate(models.TextChoices):
    HMIC = "HMIC", "HMIC"
    HMICFRS = "HMICFRS", "HMICFRS"


class FindingKind(models.TextChoices):
    STRENGTH = "strength", "Strength"
    AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"
    RECOMMENDATION = "recommendation", "Recommendation"
    CAUSE_OF_CONCERN = "cause_of_concern", "Cause of concern"

    @property
    def plural(self) -> str:
        return {
            "strength": "Strengths",
            "area_for_improvement": "Areas for improvement",
            "recommendation": "Recommendations",
            "cause_of_concern": "Causes of concern",
        }[self.value]


class Marking(models.TextChoices):
    """Government Security Classification: what may be shown to whom."""

    OFFICIAL = "official", "OFFICIAL"
    OFFICIAL_SENSITIVE = "official_sensitive", "OFFICIAL-SENSITIVE"


class InspectorateStatus(models.TextChoices):
    """HMICFRS's own view of a recommendation, kept apart from the force's."""

    AWAITING_REVIEW = "awaiting_review", "Awaiting review"
    BEING_PROGRESSED = "being_progressed", "Being progressed"
    COMPLETE = "complete", "Complete"
    NO_FURTHER_ACTION = "no_further_action", "No further action needed"


class MonitoringStage(models.TextChoices):
    """HMICFRS's enhanced monitoring: Scan, then Engage for a force that must
    produce an improvement plan."""

    SCAN = "scan", "Scan"
    ENGAGE = "engage", "Engage"
