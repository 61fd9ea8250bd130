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
