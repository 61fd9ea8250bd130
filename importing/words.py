"""The words the parser looks for: grades, dates, names written in capitals."""

from __future__ import annotations

import datetime
import re

from inspections.choices import Grade

GRADE_WORDS = (
    r"outstanding|good|adequate|inadequate"
    r"|requir(?:es|ing|e|ed)\s+improvement|needs?\s+improvement"
)
GRADE = re.compile(rf"^\W*({GRADE_WORDS})\W*$", re.IGNORECASE)

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
DAY_NAME = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
# Dates as people write them: "2 March 2017", "Thursday, March 02, 2017",
# "2017-03-02", and in figures the British way round, "2/3/17", "27/07/2022".
DATE = (
    rf"{DAY_NAME}\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\.?,?\s+\d{{4}}"
    rf"|{DAY_NAME}{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"
)
DATE_PATTERN = re.compile(
    rf"{DAY_NAME}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{MONTH})\.?,?\s+(?P<y>\d{{4}})"
    rf"|{DAY_NAME}(?P<m2>{MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
    r"|\b(?P<nd>\d{1,2})/(?P<nm>\d{1,2})/(?P<ny>\d{4}|\d{2})\b",
    re.IGNORECASE,
)

ACRONYMS = {"HMIC", "HMICFRS", "PEEL", "PCC", "ASB", "PCSO", "PCSOS", "CEASE", "SPR"}
SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"}


def grade_of(word: str) -> str:
    """The Grade value for a grade as written, or "" if it is not one."""
    match = GRADE.match(word.strip())
    if not match:
        return ""
    text = " ".join(match.group(1).lower().split())
    if text.startswith(("requir", "need")):
        return Grade.REQUIRES_IMPROVEMENT.value
    return Grade(text).value


def month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(
        number
        for number, month in enumerate(MONTHS, start=1)
        if month.startswith(name[:3])
    )


def parse_date(text: str) -> datetime.date | None:
    match = DATE_PATTERN.search(text)
    if not match:
        return None
    found = match.groupdict()
    try:
        if found["d"]:
            return datetime.date(
                int(found["y"]), month_number(found["m"]), int(found["d"])
            )
        if found["d2"]:
            return datetime.date(
                int(found["y2"]), month_number(found["m2"]), int(found["d2"])
            )
        if found["iy"]:
            return datetime.date(int(found["iy"]), int(found["im"]), int(found["id"]))
        year = int(found["ny"])
        if year < 100:  # "2/3/17": this century's
            year += 2000
        return datetime.date(year, int(found["nm"]), int(found["nd"]))
    except ValueError:
        return None


def shortened(text: str, length: int) -> str:
    """The text, or its first `length` characters ending in "…"."""
    return text if len(text) <= length else f"{text[: length - 1]}…"


def unshout(text: str) -> str:
    """ "HMIC INSPECTION – PEEL EFFECTIVENESS" → "HMIC Inspection – PEEL
    Effectiveness"; text not written in capitals is returned as it is."""
    if any(char.islower() for char in text):
        return text
    words = []
    for index, word in enumerate(text.split()):
        bare = word.strip("()[]'\".,:;")
        if bare.upper() in ACRONYMS:
            words.append(word)
        elif index and word.lower() in SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append(word.capitalize())
    return " ".join(words)


Q = r"['‘’\"“”]"  # a quotation mark, straight or curly
QUESTION_GRADE = re.compile(
    rf"^(?P<q>.*\?)\s*[:–—-]?\s*{Q}?(?P<g>[A-Za-z][A-Za-z ]{{1,40}}?){Q}?\.?$"
)
LABEL_GRADE = re.compile(
    rf"^(?P<q>[^:|]{{3,200}}?)\s*[:–—]\s*{Q}?(?P<g>[^:]+?){Q}?\.?$"
)
OVERALL = [
    re.compile(
        r"\boverall\s+(?:rating|grade|grading|judgement|judgment|assessment)"
        rf"\s*(?:of|is|was|as|:|–|-)?\s*(?:to be\s+)?{Q}?(?P<g>{GRADE_WORDS})\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:judged|graded|rated|assessed)\s+(?:the force\s+|it\s+)?"
        rf"(?:to be\s+|as\s+)?{Q}?(?P<g>{GRADE_WORDS}){Q}?\s+overall\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\bextent to which (?:the force|[A-Z][\w&' ]+?) is "
        r"(?:effective|efficient|legitimate)\b.*?\s(?:is\s+)?"
        rf"{Q}?(?P<g>{GRADE_WORDS}){Q}?\s*(?:[.;,]|$)",
        re.IGNORECASE,
    ),
    # "Bedfordshire Police is inadequate in respect of its effectiveness at
    # keeping people safe …"; "… is judged as requiring improvement in how
    # legitimately it keeps people safe …"
    re.compile(
        r"\b(?:is|was|been)\s+(?:judged\s+(?:as|to\s+be)\s+|assessed\s+as\s+)?"
        rf"{Q}?(?P<g>{GRADE_WORDS}){Q}?\s+in\s+(?:respect\s+of\s+)?"
        r"(?:(?:its|the)\s+(?:effectiveness|efficiency|legitimacy)\b|how\s+(?:legitimately|"
        r"effectively|efficiently)\s+it\s+keeps\s+people\s+safe)",
        re.IGNORECASE,
    ),
    # "Overall, Bedfordshire Police's effectiveness at keeping people safe and
    # reducing crime is inadequate."
    re.compile(
        r"\boverall,?\s+[^.]{0,80}?\b(?:effectiveness|efficiency|legitimacy)\b"
        rf"[^.]{{0,120}}?\s(?:is|was)\s+{Q}?(?P<g>{GRADE_WORDS}){Q}?\s*(?:[.;,]|$)",
        re.IGNORECASE,
    ),
]
# What a PEEL effectiveness page grades as a whole: a prose grade "at keeping
# people safe and reducing crime" is the page's overall grade.
PILLAR_TOPIC = re.compile(
    r"^(?:keeping people safe and reducing crime|reducing crime and keeping "
    r"people safe|how it demonstrates (?:legitimacy|effectiveness|efficiency))\b",
    re.IGNORECASE,
)
# The question a pillar's page is about: its grade is the pillar's own.
PILLAR_QUESTION = re.compile(
    r"^how\s+(?:effective|efficient|legitimate)\s+is\s+the\s+(?:force|service|FRS"
    r"|fire\s+and\s+rescue\s+service)\s+"
    r"at\s+keeping\s+people\s+safe\s+and\s+(?:reducing\s+crime|secure)"
    # PEEL 2018/19's pillar questions
    r"|^how\s+effectively\s+does\s+the\s+force\s+reduce\s+crime\s+and\s+keep"
    r"|^how\s+efficiently\s+does\s+the\s+force\s+operate"
    r"|^how\s+legitimately\s+does\s+the\s+force\s+treat\s+the\s+public"
    r"|^how\s+well\s+does\s+the\s+(?:FRS|fire\s+and\s+rescue\s+service)\s+look\s+after",
    re.IGNORECASE,
)
# Where a prose grade's topic ends: the sentence, or a clause that moves on
# (", the report says", ", and 'good' at …").
TOPIC_END = (
    r"(?=\s*(?:[.;]|$|,\s*(?:the report|it|inspectors|HMICFRS|HMIC|and (?:I|we))\b"
    rf"|,?\s+(?:and|but)\s+(?:it\s+)?(?:is\s+)?{Q}?(?:{GRADE_WORDS})))"
)
# Words before a grade that put it in the past: "when we assessed the force
# as good overall" last year is not this report's overall grade.
EARLIER = re.compile(
    r"\b(?:when we|in 20\d\d,? we|previously (?:judged|assessed|graded|rated))\b",
    re.IGNORECASE,
)
# A prose grade's "topic" that is when, not what: "was good in its 2018/19
# assessment" is last round's grade
WHEN_NOT_WHAT = re.compile(
    r"^(?:its|the|our|their)\s+(?:last\s+|previous\s+|first\s+)?(?:20\d\d(?:/\d\d)?\s+)?"
    r"(?:assessment|inspection)s?\b",
    re.IGNORECASE,
)
PROSE_GRADE = [
    re.compile(
        r"\b(?:is|are|was|and|but|been)\s+(?:(?:judged|graded|rated|assessed|found)\s+"
        rf"(?:to be\s+|as\s+)?{Q}?(?P<g>{GRADE_WORDS}){Q}?|{Q}(?P<q>{GRADE_WORDS}){Q})"
        rf"\s+(?:at|in|for)\s+(?P<topic>.+?){TOPIC_END}",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:force|Police|Constabulary|Service|[Ii]t)\s+(?:still\s+)?"
        r"(?P<g>requires\s+improvement|needs\s+improvement)\s+(?:at|in)\s+"
        r"(?:some\s+aspects\s+of\s+)?"
        rf"(?P<topic>.+?){TOPIC_END}",
    ),
    # minutes reporting a reply: "the overall Requires Improvement rating for
    # Efficiency"
    re.compile(
        rf"\b{Q}?(?P<g>{GRADE_WORDS}){Q}?\s+(?:rating|grade|grading|judgement|judgment)"
        r"\s+(?:for|in)\s+(?P<topic>effectiveness|efficiency|legitimacy)\b",
        re.IGNORECASE,
    ),
    # a list after "Inspectors found that the force:": "• is 'good' at …;"
    re.compile(
        rf"^(?:is\s+)?{Q}(?P<g>{GRADE_WORDS}){Q}\s+(?:at|in|for)\s+"
        rf"(?P<topic>.+?){TOPIC_END}",
        re.IGNORECASE,
    ),
]
# Grades in plain words, not quoted: read only on a PEEL page (PEEL_PAGE), where
# "The force is good at …" is a judgment; elsewhere it is ordinary praise.
PLAIN_PROSE_GRADE = [
    # "The force is good at treating all the people it serves …"; "Its
    # effectiveness at protecting vulnerable people is good."
    re.compile(
        r"(?:\b[Tt]he (?:force|constabulary|service)|\b[A-Z][a-z]+ (?:Police|"
        r"Constabulary|Fire and Rescue Service)|\b[Ii]t|,\s*and|\band)\s+(?:is|was)\s+"
        r"(?:also\s+|still\s+)?"
        r"(?P<g>outstanding|good|adequate|inadequate)"
        rf"\s+(?:at|in)\s+(?P<topic>.+?){TOPIC_END}",
    ),
    # "In 2016, we judged the force to be good at preventing crime …"
    re.compile(
        r"\b(?:judged|assessed|found)\s+(?:the\s+(?:force|constabulary|service)|it"
        r"|(?:[A-Z][a-z]+\s+(?:and\s+)?){1,3}(?:Police|Constabulary))\s+"
        rf"(?:to\s+be\s+|as\s+)?{Q}?(?P<g>{GRADE_WORDS}){Q}?\s+(?:at|in)\s+"
        rf"(?P<topic>.+?){TOPIC_END}",
        re.IGNORECASE,
    ),
    # "Durham Constabulary's approach to protecting vulnerable people … is good."
    re.compile(
        r"(?:[’']s|\b[Ii]ts)\s+(?:effectiveness|efficiency|approach)\s+(?:at|to)\s+"
        rf"(?P<topic>[^.]+?)\s+(?:is|was)\s+{Q}?(?P<g>{GRADE_WORDS}){Q}?\s*(?=[.;]|$)",
    ),
    # "the efficiency with which the force carries out its responsibilities is
    # good"
    re.compile(
        r"\b(?P<topic>(?:effectiveness|efficiency|legitimacy)\s+with\s+which\s+the\s+"
        r"(?:force|constabulary)\s+[^.;,]+?)\s+(?:is|was)\s+"
        r"(?P<g>outstanding|good|adequate|inadequate)\s*(?=[.;,]|$)",
    ),
    # "… assessed as outstanding at A and good at B": the second grade of a
    # sentence that gave one
    re.compile(
        r"(?<=\s)and\s+(?P<g>outstanding|good|adequate|inadequate)\s+at\s+"
        rf"(?P<topic>.+?){TOPIC_END}",
    ),
]
# A topic that is the subject of its sentence ("'s approach to"): what follows
# in the paragraph ("It is good at identifying …") describes it, grading nothing.
SUBJECT_TOPIC = PLAIN_PROSE_GRADE[2]
# How HMIC's PEEL questions of 2015–2017 begin: "outstanding at preventing crime
# and tackling serious and organised crime" grades two of them.
PEEL_QUESTION_STARTS = (
    "preventing crime", "tackling serious",
    "investigating crime", "protecting vulnerable", "understanding demand",
    "using its resources", "planning for", "treating all", "treating its workforce",
    "ensuring its workforce", "ensuring that its workforce",
)  # fmt: skip


def peel_questions(topic: str) -> list[str]:
    """A topic naming two PEEL questions joined by "and", as the two; any other
    topic as it is ("investigating crime and reducing reoffending" is one)."""
    for match in re.finditer(r"\s+and\s+", topic):
        head, tail = topic[: match.start()], topic[match.end() :]
        if head.lower().startswith(PEEL_QUESTION_STARTS) and tail.lower().startswith(
            PEEL_QUESTION_STARTS
        ):
            return [head, tail]
    return [topic]


PEEL_PAGE = re.compile(
    r"\bPEEL\b|^how\s+(?:effective|efficient|legitimate)\s+is\s+the\s+force\b"
    # a fire and rescue service's assessment page asks its questions the same way
    r"|^how\s+(?:effective|efficient|well)\s+(?:is|does)\s+the\s+(?:FRS|fire\s+and"
    r"\s+rescue\s+service)\b",
    re.IGNORECASE,
)
FORCE = re.compile(
    r"\b((?:[A-Z][a-z'’-]+\s+(?:(?:and|&)\s+)?){1,3}?)"
    r"(Police Service(?: of [A-Z][a-z]+)?|Police|Constabulary)\b"
    r"(?!\s*(?:&|and|,)\s*Crime)"
)
NOT_A_FORCE = {
    "The", "Her", "His", "Our", "This", "Local", "Neighbouring", "Other",
    "Whilst", "While", "Although", "As", "When", "If", "Both", "All", "Each",
    "Every", "Since", "That", "Where", "With", "For", "By", "And", "Of",
    "Acting", "Deputy", "Interim",
}  # fmt: skip
COMMISSIONER_FOR = re.compile(
    r"commissioner for ([A-Za-z][A-Za-z ,&'-]+?)(?=\s+police\s*(?:&|and)\s*crime"
    r"|\s*$|[.,;])",
    re.IGNORECASE,
)
PANEL_NAME = re.compile(r"police\s*(?:&|and)\s*crime\s*panel", re.IGNORECASE)
# A news page's first line, "date 2022-03-04 HM Inspectorate of …": the day it
# was published
DATED = re.compile(rf"^(?:date|published|issued)\s*:?\s+({DATE})\b", re.IGNORECASE)
# A web page's own date: not when the report was published, but a hint to it.
UPDATED = re.compile(rf"\b(?:last updated|updated on)\b\W{{0,3}}({DATE})", re.I)
# A line of a grade table that lost its columns: "Preventing fires and other
# risks Requires improvement" (the grade as a table prints it, capitalised).
GRADE_LINE = re.compile(
    r"^(?P<q>[A-Z][^.:;?!|]{3,120}?)\s+"
    r"(?P<g>Outstanding|Good|Adequate|Requires improvement|Inadequate)$"
)
# A list item naming areas, then their grade: "Investigating crime, responding
# to the public - requires improvement"
ITEM_GRADE = re.compile(
    rf"^(?P<q>[A-Z][^.:;?!]{{2,300}}?)\s+[-–—:]\s+{Q}?(?P<g>{GRADE_WORDS}){Q}?\.?$",
    re.IGNORECASE,
)
# "This means we are 'Good' at:", a list of the areas given that grade after it
GRADED_LIST = re.compile(
    rf"{Q}?(?P<g>{GRADE_WORDS}){Q}?\s+(?:at|in)\s*:\s*[·•]?\s*$", re.IGNORECASE
)
FIRE_SERVICE = re.compile(
    r"\b((?:[A-Z][a-z'’-]+\s+(?:(?:and|&)\s+)?){1,4}?)Fire\s+(?:and|&)\s+Rescue\s+"
    r"Service\b"
)
PUBLISHED = [
    # "published on 2 March 2017", but not "published in February 2022 after a
    # visit on 11–22 October 2021": a month alone is no date, and no later
    # date in the sentence is the publication's
    re.compile(
        rf"\b(?:publish|issu)\w*\b(?!\s+in\s+{MONTH}\s+\d{{4}})[^.]{{0,150}}?"
        rf"\b(?:on\s+)?({DATE})",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?:publication date|date of publication)\W+({DATE})", re.I),
    re.compile(rf"\b(?:date of issue|issue date)\b\W{{0,3}}({DATE})", re.I),
]
# What comes before "published …" when the date is another document's: "In
# developing its CRMP, published 1 April 2021, …"
ANOTHER_DOCUMENT = re.compile(
    r"\b(?:its|their|the (?:force|service|constabulary)[’']s)\s+"
    r"(?![^,]*\b(?:report|inspection|assessment)\b)[^,.]{1,60},\s*$",
    re.IGNORECASE,
)
FIELDWORK_MONTH = re.compile(
    rf"\b(?:fieldwork|inspect\w*|visit\w*)\b[^.]{{0,60}}?\b(?:in|during)\s+"
    rf"({MONTH})\s+(\d{{4}}|last year)",
    re.IGNORECASE,
)
FIELDWORK_RANGE = re.compile(
    r"\b(?:fieldwork|inspect\w*)\b[^.]{0,60}?\b(?:between|from)\s+"
    rf"(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+({MONTH}))?(?:\s+(\d{{4}}))?\s+"
    rf"(?:and|to|until|–|-)\s+({DATE})",
    re.IGNORECASE,
)
PILLAR = [
    re.compile(
        r"\bPEEL\b\W+(?:police\s+)?(effectiveness|efficiency|legitimacy|leadership)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:report|inspection)\s+(?:in)?to\s+the\s+"
        r"(effectiveness|efficiency|legitimacy|leadership)\b",
        re.IGNORECASE,
    ),
]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
RANK = re.compile(
    r"\b(?:Sgt|Sergeant|Ch\.?\s*Insp|Chief Inspector|Insp|Inspector|Ch\.?\s*Supt"
    r"|Chief Superintendent|Supt|Superintendent|DCI|DI|DS|DC|PC|Mr|Mrs|Ms|Miss|Dr)"
    r"\.?\s+[A-Z]"
)
# "1. The force needs to improve how it identifies …": an area for improvement as
# a report's numbered list, or a response quoting it, states one
NUMBERED_AREA = re.compile(
    r"^(?:the|this) (?:force|constabulary|service) (?:needs to|should|must)\b",
    re.IGNORECASE,
)
# A finding quoted in minutes or a letter: "one of the Areas for Improvement
# identified in the 2019 PEEL inspection that 'the force should ensure …'"
QUOTED_FINDING = re.compile(
    r"\b(?P<kind>areas?\s+for\s+improvement|recommendations?|causes?\s+of\s+concern)"
    r"\b[^‘“\"]{0,100}?(?:\b(?:that|was|is)|[:;])\s*[‘“\"](?P<text>[^”\"]{20,500}?)[’”\"](?!\w)",
    re.IGNORECASE,
)
# Findings a letter counts, then gives one by one in its own words: "two causes
# of concern: the first around A, … The second cause for concern surrounded B."
COUNTED_FINDINGS = re.compile(
    r"\b(?:two|three|four|five|\d)\s+(?P<kind>areas\s+for\s+improvement|recommendations"
    r"|causes\s+of\s+concern)\s*:",
    re.IGNORECASE,
)
ORDINAL_FINDING = re.compile(
    r"\b(?:the\s+)?(?:first|second|third|fourth|fifth)\s+(?:(?:cause\s+(?:of|for)\s+"
    r"concern|recommendation|area\s+for\s+improvement)\s+)?(?:was\s+|is\s+)?"
    r"(?:around|about|surrounded|concerned|concerning|related\s+to)\s+(?P<text>[^.,;]{20,400})",
    re.IGNORECASE,
)
# Words that keep a finding from being read as praise alone
NOT_PLAINLY_GOOD = re.compile(
    r"\b(?:not|no|nor|isn[’']t|doesn[’']t|don[’']t|hasn[’']t|haven[’']t|cannot|can[’']t"
    r"|lack\w*|poor\w*|weak\w*|insufficient\w*|inadequate\w*|fail\w*|concern\w*"
    r"|should|must|needs?\s+to|requir\w+\s+improvement|but|however|although)\b",
    re.IGNORECASE,
)
SHOULD = re.compile(r"\b(?:should|must|needs? to)\b", re.IGNORECASE)
PANEL_ASKED = re.compile(
    r"\b(?:panel|committee|board)\b.*\b(?:asked|invited|recommended)\b|\basked to\b",
    re.IGNORECASE,
)
