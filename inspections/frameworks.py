"""HMIC and HMICFRS inspection programmes, round by round: the questions each
round asks, which it grades, and on what scale. Entering or importing a report
starts from its round's questions, and the grade history compares grades on
one scale only.

The questions are as HMICFRS's assessment frameworks and grades pages title
them (PEEL 2014–17 by pillar, the integrated PEEL of 2018/19, PEEL 2021/22,
2023–25 and 2025–27; fire and rescue rounds 1 to 3). A report may word them
differently: the rows created from a framework are edited like any others."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models

from accounts.models import OrganisationKind
from inspections.choices import Grade


class Scale(models.TextChoices):
    FOUR_POINT = "four_point", "Four-point scale"
    FIVE_POINT = "five_point", "Five-point scale (with Adequate)"

    @property
    def points(self) -> str:
        return "five" if self == Scale.FIVE_POINT else "four"

    @property
    def grades(self) -> tuple[Grade, ...]:
        if self == Scale.FIVE_POINT:
            return tuple(Grade)
        return tuple(grade for grade in Grade if grade != Grade.ADEQUATE)


@dataclass(frozen=True)
class Question:
    short_title: str
    wording: str = ""
    graded: bool = True


@dataclass(frozen=True)
class Framework:
    key: str
    programme: str
    round: str
    service: str  # an OrganisationKind: whom the round inspects
    scale: Scale
    overall_grade: bool  # whether a report gives one grade for the whole
    questions: tuple[Question, ...]
    pillar: str = ""

    @property
    def label(self) -> str:
        pillar = f": {self.pillar}" if self.pillar else ""
        return f"{self.programme} {self.round}{pillar}"

    @property
    def graded_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.graded)

    def allows(self, grade: str) -> bool:
        return not grade or grade in self.scale.grades


def _q(short_title: str, wording: str = "", graded: bool = True) -> Question:
    return Question(short_title, wording, graded)


POLICE, FIRE = OrganisationKind.POLICE_FORCE, OrganisationKind.FIRE_AND_RESCUE

PEEL_2014_17 = "2014–17"
PILLARS_2014_17 = {
    "Effectiveness": (
        _q(
            "Preventing crime and tackling anti-social behaviour",
            "How effective is the force at preventing crime, tackling anti-social "
            "behaviour and keeping people safe?",
        ),
        _q(
            "Investigating crime and reducing re-offending",
            "How effective is the force at investigating crime and reducing "
            "re-offending?",
        ),
        _q(
            "Protecting vulnerable people and supporting victims",
            "How effective is the force at protecting those who are vulnerable from "
            "harm, and supporting victims?",
        ),
        _q(
            "Serious and organised crime",
            "How effective is the force at tackling serious and organised crime?",
        ),
        _q(
            "Specialist capabilities",
            "How effective are the force's specialist capabilities?",
            graded=False,
        ),
    ),
    "Efficiency": (
        _q(
            "Understanding demand",
            "How well does the force understand its current and likely future demand?",
        ),
        _q(
            "Use of resources",
            "How well does the force use its resources to manage current demand?",
        ),
        _q(
            "Planning for the future",
            "How well is the force planning for demand in the future?",
        ),
    ),
    "Legitimacy": (
        _q(
            "Fairness and respect to the public",
            "To what extent does the force treat all of the people it serves with "
            "fairness and respect?",
        ),
        _q(
            "Ethical and lawful workforce behaviour",
            "How well does the force ensure that its workforce behaves ethically "
            "and lawfully?",
        ),
        _q(
            "Fairness and respect to the workforce",
            "To what extent does the force treat its workforce with fairness and "
            "respect?",
        ),
    ),
    "Leadership": (
        _q(
            "Understanding leadership",
            "How well does the force understand the current state of its "
            "leadership at every level?",
            graded=False,
        ),
        _q(
            "Developing leadership",
            "How well does the force develop leadership?",
            graded=False,
        ),
        _q(
            "Leadership diversity",
            "How well does the force display leadership that is diverse?",
            graded=False,
        ),
    ),
}

PEEL_2018_19 = (
    _q("Effectiveness", "How effective is the force?"),
    *PILLARS_2014_17["Effectiveness"],
    _q("Efficiency", "How efficient is the force?"),
    _q(
        "Meeting current demands",
        "How well does the force use its resources to meet the demand it faces?",
    ),
    _q("Planning for the future", "How well does the force plan for the future?"),
    _q("Legitimacy", "How legitimate is the force?"),
    *PILLARS_2014_17["Legitimacy"],
)

PEEL_2021_22 = (
    _q(
        "Providing a service to the victims of crime",
        "How good is the force's service for victims of crime?",
    ),
    _q(
        "Engaging with and treating the public with fairness and respect",
        "How good is the force at treating the public fairly, appropriately and "
        "respectfully, and at engaging with them?",
    ),
    _q(
        "Preventing crime and anti-social behaviour",
        "How good is the force at preventing and deterring crime, anti-social "
        "behaviour and vulnerability?",
    ),
    _q(
        "Responding to the public", "How good is the force at responding to the public?"
    ),
    _q("Investigating crime", "How good is the force at investigating crime?"),
    _q(
        "Protecting vulnerable people",
        "How good is the force at protecting vulnerable people?",
    ),
    _q(
        "Managing offenders and suspects",
        "How good is the force at managing offenders and suspects?",
    ),
    _q(
        "Disrupting serious organised crime",
        "How good is the force at disrupting serious organised crime?",
    ),
    _q(
        "Meeting the strategic policing requirement",
        "How well does the force meet the requirements of the strategic policing "
        "requirement?",
        graded=False,
    ),
    _q(
        "Responding to an armed threat",
        "How well does the force respond to an armed threat?",
        graded=False,
    ),
    _q(
        "Building, supporting and protecting the workforce",
        "How good is the force at building, supporting and protecting its workforce?",
    ),
    _q(
        "Strategic planning, organisational management and value for money",
        "How good is the force at strategic planning, organisational management "
        "and value for money?",
    ),
)

PEEL_2023_25 = (
    _q(
        "Providing a service to the victims of crime",
        "How good is the force's service for victims of crime?",
        graded=False,
    ),
    _q("Police powers and public treatment"),
    _q("Preventing crime"),
    _q("Responding to the public"),
    _q("Investigating crime"),
    _q("Protecting vulnerable people"),
    _q("Managing offenders and suspects"),
    _q("Building, supporting and protecting the workforce"),
    _q("Leadership and force management"),
)

PEEL_2025_27 = (
    _q(
        "Leadership and force management",
        "How good is the force at leadership and force management?",
    ),
    _q("Providing a service to victims of crime"),
    _q("Preventing and deterring crime"),
    _q("Responding to the public"),
    _q("Investigating crime"),
    _q("Protecting vulnerable people"),
    _q("Managing offenders and suspects"),
    _q("Police powers and public treatment"),
    _q("Building, supporting and protecting the workforce"),
)

FIRE_PILLARS = {
    "Effectiveness": (
        "Understanding the risk of fire and other emergencies",
        "Preventing fires and other risks",
        "Protecting the public through fire regulation",
        "Responding to fires and other emergencies",
        "Responding to national risks",
    ),
    "Efficiency": (
        "Making best use of resources",
        "Making the fire and rescue service affordable now and in the future",
    ),
    "People": (
        "Promoting the right values and culture",
        "Getting the right people with the right skills",
        "Ensuring fairness and promoting diversity",
        "Managing performance and developing leaders",
    ),
}
FIRE_ROUNDS_1_2 = tuple(
    question
    for pillar, questions in FIRE_PILLARS.items()
    for question in (
        _q(pillar, f"How {pillar.lower()} is the service?"),
        *(_q(title) for title in questions),
    )
)
FIRE_ROUND_3 = tuple(
    _q(title)
    for title in (
        "Understanding fire and risk",
        "Preventing fire and risk",
        "Public safety through fire regulation",
        "Responding to fires and emergencies",
        "Responding to major and multi-agency incidents",
        "Making best use of resources",
        "Future affordability",
        "Promoting the right values and culture",
        "Getting the right people with the right skills",
        "Ensuring fairness and diversity",
        "Managing performance and developing leaders",
    )
)

FOUR, FIVE = Scale.FOUR_POINT, Scale.FIVE_POINT
CATALOGUE: tuple[Framework, ...] = (
    *(
        Framework(
            f"peel-2014-17-{pillar.lower()}",
            "PEEL",
            PEEL_2014_17,
            POLICE,
            FOUR,
            pillar != "Leadership",
            questions,
            pillar=pillar,
        )
        for pillar, questions in PILLARS_2014_17.items()
    ),
    Framework("peel-2018-19", "PEEL", "2018/19", POLICE, FOUR, False, PEEL_2018_19),
    Framework("peel-2021-22", "PEEL", "2021/22", POLICE, FIVE, False, PEEL_2021_22),
    Framework("peel-2023-25", "PEEL", "2023–25", POLICE, FIVE, False, PEEL_2023_25),
    Framework("peel-2025-27", "PEEL", "2025–27", POLICE, FIVE, False, PEEL_2025_27),
    Framework(
        "fire-round-1",
        "Fire and rescue",
        "round 1 (2018–19)",
        FIRE,
        FOUR,
        False,
        FIRE_ROUNDS_1_2,
    ),
    Framework(
        "fire-round-2",
        "Fire and rescue",
        "round 2 (2021–22)",
        FIRE,
        FOUR,
        False,
        FIRE_ROUNDS_1_2,
    ),
    Framework(
        "fire-round-3",
        "Fire and rescue",
        "round 3 (2023–25)",
        FIRE,
        FIVE,
        False,
        FIRE_ROUND_3,
    ),
)
FRAMEWORKS: dict[str, Framework] = {f.key: f for f in CATALOGUE}


def framework_choices() -> list[tuple[str, str]]:
    return [(f.key, f.label) for f in CATALOGUE]


def framework_of(key: str) -> Framework | None:
    return FRAMEWORKS.get(key)


# When each round's reports began to be published: the last round begun by a
# report's date is the round it belongs to, unless the person sets another.
PEEL_ROUNDS_FROM = (
    (datetime.date(2018, 4, 1), "peel-2018-19"),
    (datetime.date(2021, 7, 1), "peel-2021-22"),
    (datetime.date(2023, 6, 1), "peel-2023-25"),
    (datetime.date(2025, 6, 1), "peel-2025-27"),
)
FIRE_ROUNDS_FROM = (
    (datetime.date(2018, 6, 1), "fire-round-1"),
    (datetime.date(2021, 7, 1), "fire-round-2"),
    (datetime.date(2023, 6, 1), "fire-round-3"),
)


def infer(programme: str, pillar: str, published: datetime.date | None) -> str:
    """The round a report most likely belongs to, from its programme, pillar and
    publication date; empty when it is none of the catalogue's (a thematic)."""
    words = f"{programme} {pillar}".lower()
    if published is None:
        return ""
    if "fire" in words:
        return _latest_begun(FIRE_ROUNDS_FROM, published)
    if "peel" not in words:
        return ""
    by_pillar = f"peel-2014-17-{pillar.strip().lower()}"
    if by_pillar in FRAMEWORKS:  # held pillar by pillar, as before 2018
        return by_pillar if published < PEEL_ROUNDS_FROM[0][0] else ""
    return _latest_begun(PEEL_ROUNDS_FROM, published)


def _latest_begun(rounds, published: datetime.date) -> str:
    begun = [key for start, key in rounds if start <= published]
    return begun[-1] if begun else ""
