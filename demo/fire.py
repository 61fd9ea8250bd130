"""An invented fire and rescue service for the demo's PFCC area: a round-3
(2023–25) inspection as HMICFRS grades them, on its 11 diagnostic questions and
five points with no pillar grades, a cause of concern with its recommendations,
numbered areas for improvement, the inspectorate's view of each recommendation,
and a period of Engage monitoring. Every name, date and finding here is
invented: no real service was inspected like this."""

from __future__ import annotations

import datetime

from inspections.choices import Grade, InspectorateStatus, MonitoringStage

SERVICE = {"name": "Eastmere Fire and Rescue Service", "slug": "eastmere-fire"}
INVENTED = (
    "Invented for the demo: Eastmere Fire and Rescue Service does not exist, and "
    "this inspection, its grades and its findings are illustrative."
)
INSPECTION = {
    "programme": "Fire and rescue",
    "pillar": "Round 3 (2023–25)",
    "framework": "fire-round-3",
    "publication_date": datetime.date(2024, 7, 18),
    "title": "Fire and rescue service inspection 2023–25: Eastmere Fire and Rescue "
    "Service",
    "fieldwork_start": datetime.date(2024, 1, 8),
    "fieldwork_end": datetime.date(2024, 2, 23),
    "overall_grade": "",  # round 3 grades only its diagnostic questions
    "summary": INVENTED,
    "is_published": True,
}
# The 11 diagnostic questions of round 3, as HMICFRS titles them.
QUESTIONS = [
    ("Understanding fire and risk", Grade.GOOD),
    ("Preventing fire and risk", Grade.ADEQUATE),
    ("Public safety through fire regulation", Grade.REQUIRES_IMPROVEMENT),
    ("Responding to fires and emergencies", Grade.ADEQUATE),
    ("Responding to major and multi-agency incidents", Grade.GOOD),
    ("Making best use of resources", Grade.ADEQUATE),
    ("Future affordability", Grade.ADEQUATE),
    ("Promoting the right values and culture", Grade.INADEQUATE),
    ("Getting the right people with the right skills", Grade.REQUIRES_IMPROVEMENT),
    ("Ensuring fairness and diversity", Grade.REQUIRES_IMPROVEMENT),
    ("Managing performance and developing leaders", Grade.ADEQUATE),
]
CULTURE = 8  # the question the cause of concern is about
STRENGTHS = [  # as the page lists them: "The inspectorate found the service to be:"
    "good at understanding the risks in its area, including its flood plains "
    "and industrial sites;",
    "well prepared to work with neighbouring services and partners at major incidents.",
]
CONCERN = (
    "The service has not done enough to make sure that all staff are treated "
    "with respect, and that bullying and harassment are reported and dealt with."
)
RECOMMENDATIONS = [
    ("By 31 January 2025, the service should make sure it has a confidential "
     "route for staff to raise concerns, and that staff trust it.",
     datetime.date(2025, 1, 31)),
    ("By 31 January 2025, the service should make sure its leaders at every "
     "level model and maintain the service's values.",
     datetime.date(2025, 1, 31)),
]  # fmt: skip
AREAS = [
    ("Public safety through fire regulation",
     "The service should make sure it targets its fire safety audits at the "
     "premises of highest risk."),
    ("Getting the right people with the right skills",
     "The service should make sure its workforce plan takes account of the "
     "skills it will need."),
    ("Ensuring fairness and diversity",
     "The service should improve how it gathers and uses data on the diversity "
     "of its workforce."),
]  # fmt: skip
VIEWS = [  # (recommendation, status, date, comment)
    (1, InspectorateStatus.AWAITING_REVIEW, datetime.date(2024, 9, 2), ""),
    (1, InspectorateStatus.BEING_PROGRESSED, datetime.date(2025, 2, 14),
     "A confidential reporting line opened in November 2024; the staff survey "
     "has yet to show that staff trust it."),
    (2, InspectorateStatus.COMPLETE, datetime.date(2025, 3, 20),
     "Leadership training on the service's values has reached every manager."),
]  # fmt: skip
ENGAGE = {
    "stage": MonitoringStage.ENGAGE,
    "entered": datetime.date(2024, 8, 5),
    "reasons": "The cause of concern about values and culture, and the "
    "inadequate grade for promoting the right values and culture.",
    "improvement_plan": "The service's improvement plan (invented for the demo) "
    "is reviewed monthly by the Commissioner's Strategic Assurance Board.",
}
