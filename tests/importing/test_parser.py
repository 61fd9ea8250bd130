"""What the parser reads from documents of each shape, and where it says each
item came from."""

from __future__ import annotations

import datetime

import pytest

from demo import panel_report, seed
from importing.errors import DocumentError
from importing.formats import read_document
from importing.parser import parse_document
from importing.words import grade_of
from inspections.choices import FindingKind, Grade, Inspectorate
from tests.importing.documents import (
    NORTHSHIRE,
    SEED,
    panel_paper_docx,
    report_pdf,
)


def parse(data: bytes | str):
    return parse_document(
        read_document(data.encode() if isinstance(data, str) else data)
    )


@pytest.fixture(scope="module")
def seed_extraction():
    return parse(SEED.read_bytes())


def texts(extraction, kind: FindingKind) -> list[str]:
    return [finding.text for finding in extraction.findings_of(kind.value)]


def test_seed_yields_the_demo_inspections_questions_and_grades(seed_extraction):
    assert [(q.wording, q.grade) for q in seed_extraction.questions] == [
        (wording, grade.value) for wording, _, grade in seed.QUESTIONS
    ]
    assert seed_extraction.value("overall_grade") == Grade.REQUIRES_IMPROVEMENT


def test_seed_yields_the_nine_strengths(seed_extraction):
    assert texts(seed_extraction, FindingKind.STRENGTH) == [
        text for text, _ in seed.STRENGTHS
    ]


def test_seed_yields_twelve_areas_for_improvement_in_two_themes(seed_extraction):
    areas = seed_extraction.findings_of(FindingKind.AREA_FOR_IMPROVEMENT.value)
    assert [(a.theme.lower(), a.text) for a in areas] == [
        (theme.lower(), text) for theme, text in seed.AREAS_FOR_IMPROVEMENT
    ]
    assert [a.theme for a in areas[:1] + areas[-1:]] == [
        "Crime and Incident management",  # as the document spells it
        "Service to victims",
    ]
    assert not seed_extraction.findings_of(FindingKind.RECOMMENDATION.value)


def test_seed_yields_the_inspection_facts(seed_extraction):
    values = {name: found.value for name, found in seed_extraction.fields.items()}
    assert values == {
        "force": "Leicestershire Police",
        "inspectorate": Inspectorate.HMIC,
        "programme": "PEEL",
        "pillar": "Effectiveness",
        "publication_date": datetime.date(2017, 3, 2),
        # "at the time of their inspection in October last year"
        "fieldwork_start": datetime.date(2016, 10, 1),
        "fieldwork_end": datetime.date(2016, 10, 31),
        "overall_grade": Grade.REQUIRES_IMPROVEMENT,
    }


def test_seed_yields_its_panel_paper_fields(seed_extraction):
    panel = seed_extraction.panel
    expected = {
        name: value
        for name, value in panel_report.REPORT.items()
        if name not in ("meeting_date",)
    }
    assert {name: panel.value(name) for name in expected} == expected
    assert panel.meeting_date == datetime.date(2017, 3, 29)
    assert panel.value("author") == "Chief Constable"
    implications = [name for name in panel.fields if name.startswith("implications_")]
    assert len(implications) == 5
    assert [s.heading for s in panel.sections] == [
        "Background",
        "Report Outcomes",
        "The rating",
        "The context",
        "The positives",
        "Areas for improvement",
        "Police and Crime Commissioner Oversight",
        "Conclusion",
    ]
    assert seed_extraction.not_understood == []


def test_every_item_says_which_line_it_came_from(seed_extraction):
    lines = SEED.read_text().splitlines()
    for question in seed_extraction.questions:
        number = int(question.where.removeprefix("line "))
        assert question.wording[:40] in lines[number - 1]
    for finding in seed_extraction.findings:
        number = int(finding.where.removeprefix("line "))
        assert finding.text[:30] in lines[number - 1].replace("*", "")
    assert seed_extraction.panel.fields["subject"].where == "line 9"


def test_prose_grades_a_grade_table_and_a_cause_of_concern_with_recommendations():
    found = parse(NORTHSHIRE.read_bytes())
    assert {q.short_title: q.grade for q in found.questions} == {
        "Preventing crime and tackling anti-social behaviour": Grade.GOOD,
        "Investigating crime": Grade.REQUIRES_IMPROVEMENT,  # "Requiring improvement"
        "Protecting vulnerable people": Grade.INADEQUATE,
        "Tackling serious and organised crime": Grade.OUTSTANDING,
    }
    # the table's row and the question heading are one question
    assert found.questions[1].wording == (
        "How effective is the force at investigating crime?"
    )
    assert found.value("overall_grade") == Grade.REQUIRES_IMPROVEMENT
    assert found.value("inspectorate") == Inspectorate.HMICFRS
    assert found.value("fieldwork_start") == datetime.date(2019, 2, 4)
    assert found.value("fieldwork_end") == datetime.date(2019, 2, 15)
    assert found.value("title") == (
        "PEEL: Police effectiveness 2018/19 – An inspection of Northshire Constabulary"
    )
    areas = found.findings_of(FindingKind.AREA_FOR_IMPROVEMENT.value)
    assert [(a.theme, a.question) for a in areas] == [
        ("Investigation standards", 1),
        ("Investigation standards", 1),
        ("Offender management", 1),
    ]
    assert areas[1].text == (
        "The force should improve the supervision of investigations, so that "
        "supervisors review each case within seven days"
    )
    (concern,) = found.findings_of(FindingKind.CAUSE_OF_CONCERN.value)
    assert concern.text.startswith("The force's response to people who are vulnerable")
    assert concern.question == 2
    recommendations = found.findings_of(FindingKind.RECOMMENDATION.value)
    assert [r.text[:30] for r in recommendations] == [
        "By 31 October 2019, the force ",
        "By 31 October 2019, the force ",
    ]
    assert [r.question for r in recommendations] == [2, 2]
    assert len(found.findings_of(FindingKind.STRENGTH.value)) == 2
    assert not found.is_panel_paper


def test_a_pdf_report_is_read_page_by_page():
    found = parse(report_pdf(pages=3))
    assert found.format == "PDF" and found.pages == 3
    assert found.value("force") == "Northshire Constabulary"
    assert found.value("publication_date") == datetime.date(2019, 5, 14)
    (question,) = found.questions
    assert (question.short_title, question.grade) == (
        "Investigating crime",
        Grade.REQUIRES_IMPROVEMENT,
    )
    areas = found.findings_of(FindingKind.AREA_FOR_IMPROVEMENT.value)
    assert [a.text for a in areas] == [
        "The force should ensure that all investigations are allocated promptly to "
        "staff with the right skills, and that supervisors review each investigation "
        "at least every seven days and record what they found",
        "The force should make better use of bail",
    ]
    assert areas[0].where.startswith("page 1, line ")
    # the title, wrapped over three lines in the PDF, is whole again
    assert found.value("title").endswith("An inspection of Northshire Constabulary")


def test_a_word_panel_paper_is_read_with_its_tables_and_lists():
    found = parse(panel_paper_docx())
    assert found.format == "Word (.docx)"
    panel = found.panel
    assert panel.meeting_date == datetime.date(2019, 6, 20)
    assert panel.value("subject") == "HMICFRS Inspection – PEEL Effectiveness"
    assert panel.value("author") == "Deputy Chief Constable"
    assert panel.value("recommendation") == "The Panel is asked to note the report."
    assert panel.value("implications_financial") == "None"
    assert (panel.value("contact_name"), panel.value("contact_role")) == (
        "Insp Jo Bloggs",
        "DCC's Staff Officer",
    )
    assert panel.value("contact_email") == "jo.bloggs@northshire.example"
    assert [(q.short_title, q.grade) for q in found.questions] == [
        ("Tackling serious and organised crime", Grade.GOOD),
        ("Protecting vulnerable people", Grade.INADEQUATE),
    ]
    areas = found.findings_of(FindingKind.AREA_FOR_IMPROVEMENT.value)
    assert [(a.theme, a.text) for a in areas] == [
        (
            "Protecting vulnerable people",
            "Improving risk assessment at domestic abuse incidents",
        ),
        ("Protecting vulnerable people", "Improving the response to missing children"),
    ]
    assert areas[0].where == "paragraph 19"


@pytest.mark.parametrize(
    "written, grade",
    [
        ("Outstanding", Grade.OUTSTANDING),
        ("GOOD", Grade.GOOD),
        ("'adequate'", Grade.ADEQUATE),
        ("requires improvement", Grade.REQUIRES_IMPROVEMENT),
        ("Requires Improvement", Grade.REQUIRES_IMPROVEMENT),
        ("requiring improvement", Grade.REQUIRES_IMPROVEMENT),
        ("Requiring  Improvement.", Grade.REQUIRES_IMPROVEMENT),
        ("“Inadequate”", Grade.INADEQUATE),
        ("satisfactory", ""),
        ("good enough", ""),
    ],
)
def test_grade_words_in_their_variants(written, grade):
    assert grade_of(written) == grade


@pytest.mark.parametrize(
    "sentence, topic, grade",
    [
        (
            "Northshire Constabulary is 'good' at tackling organised crime.",
            "Tackling organised crime",
            Grade.GOOD,
        ),
        (
            "The force is judged to be inadequate at protecting vulnerable people.",
            "Protecting vulnerable people",
            Grade.INADEQUATE,
        ),
        (
            "The force requires improvement in how it investigates crime.",
            "How it investigates crime",
            Grade.REQUIRES_IMPROVEMENT,
        ),
    ],
)
def test_prose_grades_outside_a_question(sentence, topic, grade):
    found = parse(f"HMICFRS published this report on 1 May 2019.\n\n{sentence}\n")
    (question,) = found.questions
    assert (question.wording, question.grade) == (topic, grade)


def test_a_press_release_is_read_for_what_it_says():
    found = parse(PRESS_RELEASE)
    assert found.value("overall_grade") == Grade.GOOD
    assert [(q.wording, q.grade) for q in found.questions] == [
        ("Tackling serious and organised crime", Grade.OUTSTANDING),
        ("Preventing crime", Grade.GOOD),
    ]
    assert [f.text for f in found.findings] == [
        "The force should improve how it records crime",
        "The force should improve its response to calls for service",
    ]
    assert found.value("publication_date") == datetime.date(2019, 5, 14)
    assert not found.is_panel_paper  # its "Date:" line is not a meeting


PRESS_RELEASE = """NEWS RELEASE – Northshire Constabulary

Date: 14 May 2019

Force responds to HMICFRS effectiveness report

Northshire Constabulary has today welcomed the HMICFRS PEEL effectiveness
report, published on 14 May 2019.

Inspectors judged the force to be 'good' overall at keeping people safe and
reducing crime.

The force is 'outstanding' at tackling serious and organised crime, the report
says, and 'good' at preventing crime.

Inspectors identified two areas for improvement:

• The force should improve how it records crime.
• The force should improve its response to calls for service.

ENDS
"""


def test_a_list_of_prose_grades_after_inspectors_found():
    found = parse(
        "HMICFRS published its report into Northshire Constabulary today.\n\n"
        "Inspectors found that Northshire Constabulary:\n\n"
        "- is ‘good’ at keeping people safe and reducing crime;\n"
        "- is ‘outstanding’ in operating efficiently; and\n"
        "- ‘requires improvement’ at how it treats the public and its workforce.\n"
    )
    assert [(q.wording, q.grade) for q in found.questions] == [
        ("Keeping people safe and reducing crime", Grade.GOOD),
        ("Operating efficiently", Grade.OUTSTANDING),
        ("How it treats the public and its workforce", Grade.REQUIRES_IMPROVEMENT),
    ]


def test_unread_parts_are_listed_not_guessed():
    found = parse(
        "# PEEL: Police effectiveness – An inspection of Northshire Constabulary\n\n"
        "## The rating\n\n"
        "- How effective is the force at preventing crime? **Satisfactory**\n"
        "- How effective is the force at tackling serious and organised crime? Good\n"
    )
    (first, second) = found.questions
    assert (first.grade, second.grade) == ("", Grade.GOOD)
    unread = [item.value for item in found.not_understood]
    assert (
        "Grade not recognised: “Satisfactory” for “How effective is the force at "
        "preventing crime?”" in unread
    )
    assert "Publication date: not found in the document" in unread
    assert "Overall grade: not found in the document" in unread
    where = {item.value: item.where for item in found.not_understood}
    assert where[unread[0]] == "line 5"


def test_a_seemingly_graded_word_in_ordinary_prose_is_not_a_grade():
    found = parse(
        "HMICFRS published this report on 1 May 2019.\n\n"
        "## Strengths\n\n- Good at working with partners\n\n"
        "The force is good at listening, officers said.\n"
    )
    assert found.questions == []
    assert [f.text for f in found.findings] == ["Good at working with partners"]


def test_text_with_no_inspection_in_it_is_refused():
    with pytest.raises(DocumentError, match="No inspection was recognised"):
        parse("Minutes of the allotment society.\n\nTea was served at four.\n")


def test_a_plain_text_paper_with_labels_instead_of_tables():
    found = parse(
        "Report of: Police and Crime Commissioner\n"
        "Date: the spring meeting\n"
        "Subject: HMICFRS inspection of Northshire Constabulary\n"
        "Author: Chief Executive\n\n"
        "Purpose of Report\n\n"
        "To tell the Panel about the inspection.\n\n"
        "Recommendation\n\n"
        "The Panel is asked to note the report.\n\n"
        "Areas for improvement\n\n"
        "- The force should answer 999 calls faster.\n\n"
        "Implications\n\n"
        "Financial: None\n"
        "Risks and impact: Reputational.\n"
        "Weather: Fair\n"
    )
    panel = found.panel
    assert panel.value("author") == "Chief Executive"
    assert panel.value("implications_financial") == "None"
    assert panel.value("implications_risks") == "Reputational."
    assert [f.text for f in found.findings] == [
        "The force should answer 999 calls faster"
    ]
    unread = {item.value: item.where for item in found.not_understood}
    assert unread["Meeting date not understood: “the spring meeting”"] == "line 2"
    assert unread["Not understood under Implications: “Weather: Fair”"] == "line 22"


def test_a_web_page_saved_as_text_keeps_each_line_a_paragraph():
    """A saved page has one paragraph a line, often with no blank lines: a
    question on its line is a question, and the grade on the line after
    "Last updated …" is the page's own."""
    long_line = "The service works with its communities. " * 10
    found = parse(
        "Northshire 2021/22\n"
        "How effective is the fire and rescue service at keeping people safe and "
        "secure?\nLast updated 20/01/2023\nGood\n"
        "How effective is the FRS at understanding the risk of fire and other "
        "emergencies?\n"
        "Northshire Fire and Rescue Service is good at understanding risk.\n"
        f"{long_line.strip()}\n"
    )
    assert found.value("overall_grade") == Grade.GOOD
    assert [(q.wording, q.grade) for q in found.questions] == [
        (
            "How effective is the FRS at understanding the risk of fire and other "
            "emergencies?",
            Grade.GOOD,
        )
    ]


def test_a_plan_published_on_a_date_is_not_the_report():
    found = parse(
        "HMICFRS inspected Northshire Fire and Rescue Service.\n\n"
        "In developing its CRMP, published 1 April 2021, the service consulted "
        "widely.\n\n## Areas for improvement\n\n- The service should improve its risk "
        "information.\n"
    )
    assert found.publication_date is None


def test_one_question_in_two_wordings_is_read_once():
    found = parse(
        "PEEL 2018/19 – Northshire Constabulary\n\n"
        "The force is good at treating the public fairly.\n\n"
        "To what extent does the force treat all of the people it serves with "
        "fairness and respect?\n\nGood\n"
    )
    assert [(q.wording, q.grade) for q in found.questions] == [
        (
            "To what extent does the force treat all of the people it serves with "
            "fairness and respect?",
            Grade.GOOD,
        )
    ]


def test_last_years_grades_and_two_questions_in_one_phrase():
    found = parse(
        "Northshire PEEL 2017\n\n"
        "Northshire Constabulary's approach to protecting vulnerable people and "
        "supporting victims is good. It is good at identifying vulnerable people "
        "at the first point of contact.\n\n"
        "In 2016, it was assessed as outstanding at preventing crime and tackling "
        "serious and organised crime and good at investigating crime and reducing "
        "reoffending.\n\n"
        "Northshire Fire and Rescue Service was good in its 2018/19 assessment.\n"
    )
    assert [(q.wording, q.grade) for q in found.questions] == [
        ("Protecting vulnerable people and supporting victims", Grade.GOOD),
        ("Preventing crime", Grade.OUTSTANDING),
        ("Tackling serious and organised crime", Grade.OUTSTANDING),
        ("Investigating crime and reducing reoffending", Grade.GOOD),
    ]


def test_the_inspectors_praise_and_quoted_words_grade_nothing():
    found = parse(
        "Northshire PEEL 2015\n\n"
        "The extent to which Northshire Police is effective at keeping people "
        "safe and reducing crime is good.\n\n"
        "HMI's observations\n\n"
        "The force is good at disrupting organised criminality.\n\n"
        "The force is good at tackling serious and organised crime.\n\n"
        "“The force is good at preventing and investigating crime,” she said.\n"
    )
    assert found.value("overall_grade") == Grade.GOOD
    assert [(q.wording, q.grade) for q in found.questions] == [
        ("Tackling serious and organised crime", Grade.GOOD)
    ]


def test_principal_findings_are_strengths_only_where_their_words_are_praise():
    found = parse(
        "HMICFRS inspected Northshire Fire and Rescue Service.\n\n"
        "My principal findings from our assessments of the service are as "
        "follows:\n\n"
        "- The service has a thorough understanding of the risks it faces.\n"
        "- It does not have enough protection staff.\n\n"
        "We thank the service.\n"
    )
    assert [(f.kind, f.text) for f in found.findings] == [
        (
            FindingKind.STRENGTH,
            "The service has a thorough understanding of the risks it faces",
        )
    ]
    said = [item.value for item in found.not_understood]
    assert (
        "The inspector's principal findings are read as strengths, as their words "
        "are praise: check each one's kind." in said
    )
    assert (
        "A principal finding that is not plainly a strength: “It does not have "
        "enough protection staff”. Add it by hand, with its kind." in said
    )


def test_findings_quoted_or_counted_in_minutes_and_letters():
    found = parse(
        "Minutes of the Northshire Police and Crime Panel\n\n"
        "A Panel member asked how one of the Areas for Improvement identified in "
        "the 2019 PEEL inspection that ‘the force should ensure its aversion to "
        "risk is not constraining ideas’ had been addressed. The PCC was not "
        "pleased with the overall Requires Improvement rating for Efficiency.\n\n"
        "Inspectors made two recommendations, arising from two causes of concern: "
        "the first around the force’s compliance with the Police and Criminal "
        "Evidence Act. The second cause for concern surrounded the privacy of "
        "detainees receiving health care.\n"
    )
    assert [(f.kind, f.text) for f in found.findings] == [
        (
            FindingKind.AREA_FOR_IMPROVEMENT,
            "The force should ensure its aversion to risk is not constraining ideas",
        ),
        (
            FindingKind.CAUSE_OF_CONCERN,
            "The force’s compliance with the Police and Criminal Evidence Act",
        ),
        (
            FindingKind.CAUSE_OF_CONCERN,
            "The privacy of detainees receiving health care",
        ),
    ]
    assert [(q.wording, q.grade) for q in found.questions] == [
        ("Efficiency", Grade.REQUIRES_IMPROVEMENT)
    ]


def test_counts_of_the_latest_inspection_not_the_last_one():
    found = parse(
        "Northshire Police improvements recognised in latest PEEL report\n\n"
        "In 2022, when Northshire Police was last inspected, 8 areas were graded, "
        "5 of which were Requires Improvement and 3 Inadequate. In the latest "
        "report, 9 areas were graded – 2 of which were Good, 3 were Adequate and 4 "
        "were Requires Improvement.\n\n"
        "The areas graded as ‘requires improvement’ included how the force "
        "investigates crime and how it responds to the public.\n"
    )
    assert found.grade_counts == {
        "good": 2,
        "adequate": 3,
        "requires_improvement": 4,
    }
    assert [(q.wording, q.grade) for q in found.questions] == [
        ("How the force investigates crime", Grade.REQUIRES_IMPROVEMENT),
        ("How it responds to the public", Grade.REQUIRES_IMPROVEMENT),
    ]
    said = [item.value for item in found.not_understood]
    assert (
        "The document says 4 areas were graded requires improvement but names only "
        "2 graded requires improvement: add those it does not name by hand, from "
        "the report." in said
    )
