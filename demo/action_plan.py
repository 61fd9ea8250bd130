"""An illustrative action plan for the seed inspection. Not from the seed: every
action it creates is marked as demo data."""

import datetime

from actions.choices import RAG, Status
from inspections.choices import Marking

D = datetime.date
STAFF, STAFF2, CHIEF = "staff.officer", "staff.officer2", "chief.officer"

# Keyed by the number of the area for improvement (1-12, in the seed's order).
# Each action: title, description, owner, due date, protective marking, and its
# progress updates (date, author, status, RAG, percent, narrative); the last update
# is where it stands.
OFFICIAL, SENSITIVE = Marking.OFFICIAL, Marking.OFFICIAL_SENSITIVE
ACTIONS = {
    1: [
        (
            "Simplify the investigation process for volume crime",
            "Map the end-to-end process for less serious crime and remove steps that "
            "add delay without adding quality.",
            STAFF,
            D(2017, 9, 29),
            OFFICIAL,
            [
                (
                    D(2017, 3, 17),
                    STAFF,
                    Status.IN_PROGRESS,
                    RAG.GREEN,
                    20,
                    "Process mapping workshops held with response and investigation "
                    "teams; 14 hand-offs identified.",
                ),
                (
                    D(2017, 5, 26),
                    STAFF,
                    Status.IN_PROGRESS,
                    RAG.GREEN,
                    70,
                    "New single-owner process piloted on the east area; average "
                    "time to first investigative action down from 9 to 4 days.",
                ),
                (
                    D(2017, 9, 15),
                    STAFF,
                    Status.COMPLETED,
                    RAG.GREEN,
                    100,
                    "New process live force-wide from 1 September; guidance published.",
                ),
                (
                    D(2017, 9, 22),
                    CHIEF,
                    Status.CLOSED,
                    RAG.GREEN,
                    100,
                    "Signed off at Chief Officer Team. Evidence of reduced delay "
                    "accepted.",
                ),
            ],
        ),
    ],
    3: [
        (
            "Joint outcomes improvement plan with the Crown Prosecution Service",
            "Agree a joint plan with CPS East Midlands to raise the proportion of "
            "investigations that end in a charge or summons.",
            STAFF2,
            D(2017, 12, 22),
            OFFICIAL,
            [
                (
                    D(2017, 4, 7),
                    STAFF2,
                    Status.IN_PROGRESS,
                    RAG.GREEN,
                    15,
                    "Terms of reference agreed with CPS; baseline charge rate 14%.",
                ),
                (
                    D(2017, 6, 30),
                    STAFF2,
                    Status.IN_PROGRESS,
                    RAG.AMBER,
                    45,
                    "File quality audits under way; CPS staffing has slowed joint "
                    "reviews.",
                ),
            ],
        ),
    ],
    6: [
        (
            "Supervisory review of every initial investigation",
            "Introduce a supervisor's checklist and a 72-hour review for all initial "
            "investigations.",
            STAFF,
            D(2017, 6, 30),
            OFFICIAL,
            [
                (
                    D(2017, 3, 24),
                    STAFF,
                    Status.IN_PROGRESS,
                    RAG.GREEN,
                    30,
                    "Checklist drafted with sergeants' working group.",
                ),
                (
                    D(2017, 6, 23),
                    STAFF,
                    Status.COMPLETED,
                    RAG.GREEN,
                    100,
                    "Checklist and 72-hour review in force policy; compliance 91% in "
                    "June audit. Awaiting sign-off.",
                ),
            ],
        ),
    ],
    7: [
        (
            "Triage of victim contact in the contact management centre",
            "Prioritise call-backs to victims by risk so that the most vulnerable "
            "are contacted first.",
            STAFF2,
            D(2017, 5, 31),
            OFFICIAL,
            [
                (
                    D(2017, 3, 31),
                    STAFF2,
                    Status.IN_PROGRESS,
                    RAG.GREEN,
                    50,
                    "Triage matrix in use on day shifts.",
                ),
                (
                    D(2017, 5, 19),
                    STAFF2,
                    Status.COMPLETED,
                    RAG.GREEN,
                    100,
                    "Triage in use on all shifts; backlog of call-backs cleared.",
                ),
                (
                    D(2017, 5, 26),
                    CHIEF,
                    Status.CLOSED,
                    RAG.GREEN,
                    100,
                    "Signed off at Chief Officer Team.",
                ),
            ],
        ),
    ],
    9: [
        (
            "Domestic abuse training for response officers",
            "Deliver DA Matters training to every response officer and sergeant.",
            STAFF,
            D(2017, 10, 31),
            OFFICIAL,
            [
                (
                    D(2017, 4, 14),
                    STAFF,
                    Status.IN_PROGRESS,
                    RAG.GREEN,
                    10,
                    "Training partner commissioned; first cohort booked.",
                ),
                (
                    D(2017, 7, 28),
                    STAFF,
                    Status.IN_PROGRESS,
                    RAG.RED,
                    35,
                    "Abstractions for summer demand have cancelled two cohorts; "
                    "recovery plan to Strategic Assurance Board.",
                ),
            ],
        ),
    ],
    10: [
        (
            "Audit of domestic abuse arrest decisions",
            "Dip-sample domestic abuse incidents where no arrest was made to "
            "understand the low arrest rate.",
            STAFF2,
            D(2017, 7, 31),
            SENSITIVE,
            [
                (
                    D(2017, 4, 21),
                    STAFF2,
                    Status.IN_PROGRESS,
                    RAG.GREEN,
                    25,
                    "Sampling frame agreed; 200 incidents selected.",
                ),
                (
                    D(2017, 6, 9),
                    STAFF2,
                    Status.BLOCKED,
                    RAG.RED,
                    40,
                    "Blocked: records system upgrade has withdrawn access to closed "
                    "incident logs until August.",
                ),
            ],
        ),
    ],
    11: [
        (
            "Vulnerability training for all frontline officers and staff",
            "Roll out THRIVE risk assessment training so that officers and staff "
            "recognise vulnerability and act on it.",
            STAFF,
            D(2017, 12, 15),
            OFFICIAL,
            [
                (
                    D(2017, 4, 28),
                    STAFF,
                    Status.IN_PROGRESS,
                    RAG.GREEN,
                    40,
                    "E-learning launched; 1,150 of 2,900 staff complete.",
                ),
                (
                    D(2017, 8, 25),
                    STAFF,
                    Status.IN_PROGRESS,
                    RAG.GREEN,
                    75,
                    "2,180 of 2,900 complete; classroom sessions for supervisors "
                    "booked.",
                ),
            ],
        ),
    ],
}

# A request for a new due date, awaiting the chief officer's decision:
# (title of the action, new due date, reason).
EXTENSION_REQUESTS = [
    (
        "Joint outcomes improvement plan with the Crown Prosecution Service",
        D(2018, 3, 30),
        "CPS East Midlands cannot staff joint file reviews until January; the plan "
        "needs a full quarter of reviews to show an effect on charge rates.",
    ),
]

# Illustrative meetings that reviewed the plan: (meeting type, date, attendees).
MEETINGS = [
    (
        "Strategic Assurance Board",
        D(2017, 5, 18),
        "Police and Crime Commissioner\nChief Constable\nDeputy Chief Constable\n"
        "Chief Executive, OPCC",
    ),
    (
        "Strategic Assurance Board",
        D(2017, 6, 22),
        "Police and Crime Commissioner\nChief Constable\nDeputy Chief Constable\n"
        "Chief Executive, OPCC",
    ),
    (
        "Strategic Assurance Board",
        D(2017, 9, 21),
        "Police and Crime Commissioner\nChief Constable\nDeputy Chief Constable",
    ),
    (
        "Chief Officer Team",
        D(2017, 6, 26),
        "Chief Constable\nDeputy Chief Constable\nAssistant Chief Constables",
    ),
    (
        "Chief Officer Team",
        D(2017, 7, 3),
        "Chief Constable\nDeputy Chief Constable\nAssistant Chief Constables",
    ),
]
