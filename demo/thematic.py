"""A thematic inspection in the demo: HMICFRS's *An inspection of vetting,
misconduct, and misogyny in the police service*, published on 2 November 2022
with 43 recommendations and five areas for improvement. The record, its date
and its link are real; the demo holds only four of its recommendations,
summarised in our words (read the report for its own), and the forces' action
plans and the Commissioner's response are invented."""

from __future__ import annotations

import datetime

from actions.choices import RAG, Status

PUBLISHED = datetime.date(2022, 11, 2)
INSPECTION = {
    "programme": "Thematic",
    "pillar": "Vetting, misconduct and misogyny",
    "publication_date": PUBLISHED,
    "title": "An inspection of vetting, misconduct, and misogyny in the police service",
    "report_url": "https://www.justiceinspectorates.gov.uk/hmicfrs/publication-html/"
    "an-inspection-of-vetting-misconduct-and-misogyny-in-the-police-service/",
    "summary": "Commissioned by the Home Secretary after the murder of Sarah "
    "Everard by a serving officer, the inspection found it too easy for the wrong "
    "people to join and to stay in the police, and a culture of misogyny, sexism "
    "and predatory behaviour still present in many forces. It made 43 "
    "recommendations, to chief constables, the College of Policing, the NPCC and "
    "the Home Office.\n\nThe demo holds four of them, summarised, and invented "
    "action plans for its two forces: read the report for its own words.",
    "is_published": True,
}
THEME = "Vetting and counter-corruption"
DEADLINE = datetime.date(2023, 4, 30)  # the report asked forces to act by April 2023
# (summary of the recommendation, to whom: None for every chief constable, or a
# national body's name, and its deadline)
RECOMMENDATIONS = [
    (
        "Chief constables should make sure that their vetting decisions, and the "
        "reasons for them, are recorded well enough to be reviewed. (Summarised "
        "for the demo.)",
        None,
        DEADLINE,
    ),
    (
        "Chief constables should check that officers and staff transferring from "
        "another force have no outstanding complaints, misconduct or concerning "
        "intelligence before they join. (Summarised for the demo.)",
        None,
        DEADLINE,
    ),
    (
        "Chief constables should make sure that their counter-corruption units can "
        "monitor the force's information systems to find officers and staff who "
        "abuse their position. (Summarised for the demo.)",
        None,
        DEADLINE,
    ),
    (
        "The College of Policing should update the minimum standards for "
        "pre-employment checks in its vetting guidance. (Summarised for the demo.)",
        "College of Policing",
        None,
    ),
]
# Invented plans, one per demo force: (recommendation number, title, status,
# rag, percent, what the owner last said). The seed's force answers the first
# three; the invented force the first two.
PLANS = {
    "seed": [
        (1, "Record the rationale for every vetting decision in the vetting system",
         Status.CLOSED, RAG.GREEN, 100, "Signed off: audited in March 2023."),
        (2, "Check complaints and intelligence held by the sending force for "
            "every transferee", Status.IN_PROGRESS, RAG.AMBER, 60,
         "Agreed with the region's forces; two still to sign the protocol."),
        (3, "Buy and install software to monitor use of force systems",
         Status.BLOCKED, RAG.RED, 20, "Procurement paused pending the national "
                                      "framework."),
    ],
    "live": [
        (1, "Vetting decisions: a rationale template and quarterly dip sample",
         Status.IN_PROGRESS, RAG.GREEN, 70, "Template in use since January."),
        (2, "Transferees: ask the sending force for its professional standards "
            "record", Status.NOT_STARTED, RAG.AMBER, 0, ""),
    ],
}  # fmt: skip
RESPONSE = {
    "chief_officer_invited_on": datetime.date(2022, 11, 3),
    "chief_officer_received_on": datetime.date(2022, 12, 9),
    "chief_officer_comments": "The force accepts the recommendations made to chief "
    "constables and has an action plan for each. (Invented for the demo.)",
    "commissioner_comments": "I welcome this report and will hold the Chief "
    "Constable to account for each recommendation through my Strategic Assurance "
    "Board. (Invented for the demo.)",
    "published_on": datetime.date(2022, 12, 20),
    "published_where": "The Commissioner's website (invented for the demo)",
}
