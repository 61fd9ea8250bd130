"""The HMIC PEEL effectiveness inspection of Leicestershire Police, as the Police
and Crime Commissioner's panel report of 29 March 2017 records it."""

import datetime

from inspections.choices import Grade, Inspectorate

FORCE = {"slug": "leicestershire", "name": "Leicestershire Police"}

INSPECTION = {
    "inspectorate": Inspectorate.HMIC,
    "programme": "PEEL",
    "pillar": "Effectiveness",
    "framework": "peel-2014-17-effectiveness",
    "publication_date": datetime.date(2017, 3, 2),
    "title": "PEEL: Police effectiveness 2016 – An inspection of Leicestershire Police",
    "fieldwork_start": datetime.date(2016, 10, 1),
    "fieldwork_end": datetime.date(2016, 10, 31),
    "overall_grade": Grade.REQUIRES_IMPROVEMENT,
    "is_published": True,
    "report_url": "https://www.justiceinspectorates.gov.uk/hmicfrs/publications/"
    "peel-police-effectiveness-2016-leicestershire/",
    "summary": (
        "The report sets out HMIC findings of the effectiveness of Leicestershire "
        "Police in keeping people safe and reducing crime. It recognised that the "
        "force is good at preventing crime and tackling anti-social behaviour, good "
        "at tackling serious and organised crime, and that it works well with its "
        "partner agencies. It also highlights areas for improvement, many of which "
        "the force drew to HMIC's attention at the time of the inspection in "
        "October 2016, and gives an overall rating of requires improvement."
    ),
}

QUESTIONS = [
    (
        "How effective is the force at preventing crime, tackling ASB and keeping "
        "young people safe?",
        "Preventing crime and tackling anti-social behaviour",
        Grade.GOOD,
    ),
    (
        "How effective is the force at tackling serious and organised crime?",
        "Serious and organised crime",
        Grade.GOOD,
    ),
    (
        "How effective is the force at investigating crime and reducing offending?",
        "Investigating crime and reducing offending",
        Grade.REQUIRES_IMPROVEMENT,
    ),
    (
        "How effective is the force at protecting those who are vulnerable from "
        "harm, and supporting victims?",
        "Protecting vulnerable people and supporting victims",
        Grade.REQUIRES_IMPROVEMENT,
    ),
]

# (text, number of the graded question it belongs to, or None where the seed
# does not say)
STRENGTHS = [
    ("Good at preventing crime and tackling anti-social behaviour", 1),
    (
        "Fully committed to local policing - Neighbourhood policing teams understand "
        "their local communities and work well with partner agencies, such as local "
        "authorities",
        1,
    ),
    ("Quick to respond to changes in the composition of local communities", 1),
    (
        "Continually broadening its approach to keeping people safe and preventing "
        "crime – the report praises the introduction of Digital PCSOs and "
        "Safeguarding PCSOs, the high-profile CEASE campaign, and the “highly "
        "effective” film Kayleigh’s Love Story to warn young people about the "
        "possible dangers of online activity",
        1,
    ),
    (
        "Good at tackling serious and organised crime, works well with partner "
        "organisations, and has a good understanding of the threats and risks faced "
        "by local communities",
        2,
    ),
    (
        "Undertakes effective engagement activity with the local community and "
        "partner organisations and makes good use of social media channels",
        None,
    ),
    (
        "Good at pursuing suspects who present a high risk to others and is "
        "particularly good at managing the risk posed by dangerous and sexual "
        "offenders",
        None,
    ),
    (
        "Good at preventing people being drawn into serious and organised crime, "
        "with initiatives in place with partner organisations",
        2,
    ),
    (
        "Has good plans to mobilise in response to the threats set out in the "
        "Strategic Policing Requirement",
        None,
    ),
]

CRIME_AND_INCIDENT_MANAGEMENT = "Crime and incident management"
SERVICE_TO_VICTIMS = "Service to victims"

AREAS_FOR_IMPROVEMENT = [
    (
        CRIME_AND_INCIDENT_MANAGEMENT,
        "Improving how the force investigate less serious crime. HMIC found "
        "processes to be very complex which hamper ability to investigate crimes "
        "effectively and in a timely manner",
    ),
    (CRIME_AND_INCIDENT_MANAGEMENT, "Improving initial investigative response"),
    (
        CRIME_AND_INCIDENT_MANAGEMENT,
        "Increasing the proportion of investigations which result in charges and "
        "summons",
    ),
    (
        CRIME_AND_INCIDENT_MANAGEMENT,
        "Improving and making more consistent initial investigative response",
    ),
    (
        CRIME_AND_INCIDENT_MANAGEMENT,
        "Improving attendance in response to reports of crimes",
    ),
    (
        CRIME_AND_INCIDENT_MANAGEMENT,
        "Enhancing the quality and supervision of initial investigations",
    ),
    (SERVICE_TO_VICTIMS, "Addressing current delays in contacting some victims"),
    (
        SERVICE_TO_VICTIMS,
        "Improving the contact with victims during the course of investigations",
    ),
    (
        SERVICE_TO_VICTIMS,
        "Improving the service provided to some vulnerable people, in particular "
        "victims of domestic abuse",
    ),
    (
        SERVICE_TO_VICTIMS,
        "Improved understanding of why the arrest rate at the time of the inspection "
        "for domestic abuse was below the national average",
    ),
    (
        SERVICE_TO_VICTIMS,
        "Improving officer and staff understanding of the term “vulnerability” and "
        "the risk faced by vulnerable people in the community",
    ),
    (
        SERVICE_TO_VICTIMS,
        "Addressing the proportion of arrests made at the time of the inspection in "
        "Domestic Violence and abuse-related cases",
    ),
]

# The Commissioner's comments, as the panel report quotes his media release of
# 3 March 2017; the panel report of 29 March 2017 published them to the Panel.
SECTION_55 = {
    "chief_officer_invited_on": datetime.date(2017, 3, 2),
    "commissioner_comments": (
        "There is an enormous amount to be celebrated about the Force's performance, "
        "about its innovative approach, and the quality of service it provides. The "
        "force does a fantastic job. That's why I find it disappointing that the "
        "HMIC have failed to place their report into a degree of context. Whilst the "
        "population of Leicester, Leicestershire and Rutland has continued to "
        "increase at a rapid pace year after year, the money made available by "
        "government to fund policing has continued to diminish and as a result, we "
        "now have 547 fewer police officers than we had in 2009. At the same time, "
        "the nature and complexity of crime has changed dramatically, with a very "
        "significant proportion being committed online, and societal demands and "
        "expectations have drastically changed. You can't keep doing more with less. "
        "The position becomes unsustainable and cracks begin to show. I've made my "
        "views clear on the funding situation and will continue to lobby for a "
        "fairer funding deal. The Force has accommodated these changes extremely "
        "well, through sound financial management, effective leadership and "
        "innovative service delivery. Whilst we will continue to strive to improve "
        "and will of course address all the HMIC's observations, it is important "
        "that the totality of the services provided by the Force are seen in "
        "context."
    ),
    "published_on": datetime.date(2017, 3, 29),
    "published_where": "Police and Crime Panel papers, 29 March 2017",
}

# The Police and Crime Panel meeting the seed reports to.
PANEL_MEETING = ("Police and Crime Panel", datetime.date(2017, 3, 29))

# The force's context, as numbers from which the application computes the seed's
# figures: 547 fewer officers since 2009 (a 23% reduction), one officer per 430
# residents in 2006 and one per 599 in 2017, £38m savings since 2009. The seed
# gives only those figures; these yearly numbers are chosen to reproduce them.
FORCE_YEARS = [
    # (year, officers, population, savings to date in £m)
    (2006, 2274, 977_820, 0),
    (2009, 2378, 1_001_138, 0),
    (2017, 1831, 1_096_769, 38),
]
