"""The Commissioner's report to the Leicestershire Police & Crime Panel of
29 March 2017: the seed itself. Its rating, positives and areas for improvement
are not typed here: the paper takes them from the inspection."""

import datetime

from reports.models import SectionKind

REPORT = {
    "panel_name": "Police & Crime Panel",
    "report_of": "Police and Crime Commissioner",
    "meeting_date": datetime.date(2017, 3, 29),
    "subject": "HMIC Inspection – PEEL Effectiveness",
    "author": "Chief Constable",
    "purpose": "The purpose of this report is to update the Panel on the recent HMIC "
    "Inspection of Leicestershire Police.",
    "recommendation": "The Panel are asked to discuss the contents of the report.",
    "implications_financial": "None",
    "implications_legal": "None.",
    "implications_equality": "None",
    "implications_risks": "There is a reputational risk to the force if the areas of "
    "improvement in the inspection report are not adequately addressed and future "
    "inspections highlight this.",
    "implications_plan": "The findings of the HMIC inspection report would impact "
    "upon the Plan if areas of improvement are not addressed.",
    "appendices": "HMIC Inspection report.",
    "background_papers": "HMIC Inspection report",
    "contact_name": "Sgt Glen Iceton",
    "contact_role": "Chief Constables Staff Officer",
    "contact_email": "glen.iceton@leicestershire.pnn.police.uk",
}

QUOTE = (
    "“There is an enormous amount to be celebrated about the Force's performance, "
    "about its innovative approach, and the quality of service it provides. The force "
    "does a fantastic job. That's why I find it disappointing that the HMIC have "
    "failed to place their report into a degree of context. Whilst the population of "
    "Leicester, Leicestershire and Rutland has continued to increase at a rapid pace "
    "year after year, the money made available by government to fund policing has "
    "continued to diminish and as a result, we now have 547 fewer police officers "
    "than we had in 2009. At the same time, the nature and complexity of crime has "
    "changed dramatically, with a very significant proportion being committed "
    "online, and societal demands and expectations have drastically changed. You "
    "can't keep doing more with less. The position becomes unsustainable and cracks "
    "begin to show. I've made my views clear on the funding situation and will "
    "continue to lobby for a fairer funding deal. The Force has accommodated these "
    "changes extremely well, through sound financial management, effective "
    "leadership and innovative service delivery. Whilst we will continue to strive "
    "to improve and will of course address all the HMIC's observations, it is "
    "important that the totality of the services provided by the Force are seen in "
    "context.”"
)

# (kind, heading, text, text after): paragraphs are separated by a blank line.
SECTIONS = [
    (
        SectionKind.NARRATIVE,
        "Background",
        "Her Majesty's Inspectorate of Constabulary published its report into the "
        "effectiveness of Leicestershire Police on Thursday 2 March 2017. The report "
        "sets out HMIC findings of the effectiveness of Leicestershire Police in "
        "keeping people safe and reducing crime.",
        "",
    ),
    (
        SectionKind.NARRATIVE,
        "Report Outcomes",
        "The report recognised that the Force are good at preventing crime and "
        "tackling anti-social behaviour, good at tackling serious and organised "
        "crime, and that they work well with their partner agencies. It praises the "
        "Force commitment to local, neighbourhood policing and states that officers "
        "understand their local communities very well. It describes, among other "
        "initiatives, the triple award-winning film “Kayleigh's Love Story”, which "
        "highlights the dangers of online grooming, as illustrative of how the Force "
        "is continually broadening its approach to keeping people safe and "
        "preventing crime. And it acknowledges that the increase in overall reported "
        "crime in 12 months leading up to the inspection was less than half the "
        "national average increase.\n\n"
        "However, the report also highlights some areas for improvement in "
        "performance, many of which the Force itself drew the HMIC's attention to at "
        "the time of their inspection in October last year, and which work had "
        "already begun to address, and in conclusion therefore the HMIC give the "
        "Force an overall rating of “requires improvement”. This was previously "
        "known as “satisfactory.”",
        "",
    ),
    (
        SectionKind.RATING,
        "The rating",
        "The overall rating reached by HMIC is based on inspecting four areas of "
        "work, each of which receives its own grade:",
        "",
    ),
    (
        SectionKind.NARRATIVE,
        "The context",
        "Whilst the population of Leicester, Leicestershire and Rutland continues to "
        "rise inexorably, police funding has continued to fall. As a result, police "
        "officer numbers have reduced, by 547 since 2009 – a reduction of 23%. In "
        "2006 the Force had 1 police officer per 430 residents; today, that ratio has "
        "risen to 1 in every 599 residents.\n\n"
        "Against this backdrop, the Force set out on a journey several years ago to "
        "change how policing services are delivered, to meet the changing needs and "
        "expectations our society, to embrace new technologies, to combat the "
        "changing nature of criminality and to make savings – some £38m since "
        "2009.\n\n"
        "Through change, through collaboration with neighbouring police forces and "
        "with local partner agencies, and as a result of prudent financial "
        "management, the Force have continued to reduce crime to its lowest ever "
        "level. In this year, and in the financial year to come, the Force continue "
        "to invest in local policing with additional frontline officers and, through "
        "change programmes, enhance the quality of service provided to those who "
        "need help.\n\n"
        "But, and it is a big but, it is unrealistic to expect the growth in calls "
        "for police services to be met from an ever-shrinking pot. There is a limit "
        "to what can be achieved without more funding and even keeping the status "
        "quo is not sustainable long term.",
        "",
    ),
    (
        SectionKind.POSITIVES,
        "The positives",
        "The HMIC report highlights many areas of service and performance where it "
        "regards the Force as performing at a good standard. It concludes that "
        "Leicestershire Police is:",
        "",
    ),
    (
        SectionKind.AREAS,
        "Areas for improvement",
        "HMIC highlights a number of areas where it concludes that the force needs to "
        "improve its performance, many of which we drew their attention to at the "
        "time of the visit and which we had already begin work to address. The "
        "majority of these observations fall into two particular areas, and include:",
        "The Force is constantly striving to improve the service it provides to "
        "communities to keep them safe and free from harm and it is pleasing that "
        "many of the initiatives and developments introduced in the last year have "
        "been singled out for praise in the report. However, there is acknowledgement "
        "that there remains much work to be done to address the areas highlighted for "
        "improvement, not least in how the Force manage cases of domestic violence "
        "and abuse, in the initial approach to responding to certain incidents and "
        "issues, and in keeping victims updated and informed. The Force have been "
        "working hard for several months to tackle these issues and the current "
        "performance in these, and other areas, is significantly improved.",
    ),
    (
        SectionKind.NARRATIVE,
        "Police and Crime Commissioner Oversight",
        "Discussions have been held between the Police and Crime Commissioner and the "
        "Chief Constable on the report findings. In a media release of 3 March the "
        "Commissioner stated that he had every confidence in the force's ability to "
        "deliver the 'improvement'. He added:\n" + QUOTE + "\n\n"
        "The Commissioner will be kept informed of delivery against action plans to "
        "address the areas of improvement through his weekly one to one meetings "
        "with the Chief Constable, his weekly meetings with the Chief Officer Team "
        "and detailed reports presented to the monthly Strategic Assurance Board "
        "meetings.",
        "",
    ),
    (
        SectionKind.NARRATIVE,
        "Conclusion",
        "With continued support and the active help from the many partner agencies, "
        "the Force are confident that their service to the many diverse communities "
        "in Leicester, in Leicestershire and in Rutland will continue to be enhanced "
        "in the coming months and years.",
        "",
    ),
]
