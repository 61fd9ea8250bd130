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
DATE = (
    rf"{DAY_NAME}\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\.?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}"
)
DATE_PATTERN = re.compile(
    rf"{DAY_NAME}(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH})\.?,?\s+(\d{{4}})"
    r"|(\d{4})-(\d{2})-(\d{2})",
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
    try:
        if match.group(1):
            return datetime.date(
                int(match.group(3)), month_number(match.group(2)), int(match.group(1))
            )
        return datetime.date(*(int(match.group(n)) for n in (4, 5, 6)))
    except ValueError:
        return None


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
]
# Where a prose grade's topic ends: the sentence, or a clause that moves on
# (", the report says", ", and 'good' at …").
TOPIC_END = (
    r"(?=\s*(?:[.;]|$|,\s*(?:the report|it|inspectors|HMICFRS|HMIC)\b"
    rf"|,?\s+(?:and|but)\s+(?:is\s+)?{Q}?(?:{GRADE_WORDS})))"
)
PROSE_GRADE = [
    re.compile(
        r"\b(?:is|are|was|and|but)\s+(?:(?:judged|graded|rated|assessed|found)\s+"
        rf"(?:to be\s+|as\s+)?{Q}?(?P<g>{GRADE_WORDS}){Q}?|{Q}(?P<q>{GRADE_WORDS}){Q})"
        rf"\s+(?:at|in|for)\s+(?P<topic>.+?){TOPIC_END}",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:force|Police|Constabulary|Service)\s+"
        r"(?P<g>requires\s+improvement|needs\s+improvement)\s+(?:at|in)\s+"
        rf"(?P<topic>.+?){TOPIC_END}",
    ),  # a list after "Inspectors found that the force:": "• is 'good' at …;"
    re.compile(
        rf"^(?:is\s+)?{Q}(?P<g>{GRADE_WORDS}){Q}\s+(?:at|in|for)\s+"
        rf"(?P<topic>.+?){TOPIC_END}",
        re.IGNORECASE,
    ),
]
FORCE = re.compile(
    r"\b((?:[A-Z][a-z'’-]+\s+(?:(?:and|&)\s+)?){1,3}?)"
    r"(Police Service(?: of [A-Z][a-z]+)?|Police|Constabulary)\b"
    r"(?!\s+(?:&|and)\s+Crime)"
)
NOT_A_FORCE = {"The", "Her", "His", "Our", "This", "Local", "Neighbouring", "Other"}
COMMISSIONER_FOR = re.compile(
    r"commissioner for ([A-Za-z][A-Za-z ,&'-]+?)(?=\s+police\s*(?:&|and)\s*crime"
    r"|\s*$|[.,;])",
    re.IGNORECASE,
)
PANEL_NAME = re.compile(r"police\s*(?:&|and)\s*crime\s*panel", re.IGNORECASE)
PUBLISHED = [
    re.compile(rf"\bpublish\w*\b[^.]{{0,150}}?\b(?:on\s+)?({DATE})", re.IGNORECASE),
    re.compile(rf"\b(?:publication date|date of publication)\W+({DATE})", re.I),
]
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
SHOULD = re.compile(r"\b(?:should|must|needs? to)\b", re.IGNORECASE)
PANEL_ASKED = re.compile(
    r"\b(?:panel|committee|board)\b.*\b(?:asked|invited|recommended)\b|\basked to\b",
    re.IGNORECASE,
)
