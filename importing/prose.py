"""Grades as press releases, summaries and minutes write them, in sentences
rather than tables: how many areas got each grade ("'inadequate' in three
areas, 'requires improvement' in five"), which areas those were where the text
names them ("the inadequate areas included A, B and C"), and the pillars'
grades of a page that grades several ("The extent to which the service is
effective … is good. The extent to which it is efficient … is outstanding.")."""

from __future__ import annotations

import re

from importing import words as w
from importing.blocks import Block
from importing.extraction import Extraction, QuestionDraft

NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
NUMBER = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
Q = w.Q
GRADE = rf"{Q}?(?P<g>{w.GRADE_WORDS}){Q}?"
# "'inadequate' in three areas", "'requires improvement' in the other five areas"
GRADE_IN_AREAS = re.compile(
    rf"{GRADE}\s+(?:in|for)\s+(?:the\s+(?:other|remaining)\s+|all\s+)?(?P<n>{NUMBER})\s+"
    r"(?:other\s+|more\s+)?(?:areas?|of\s+the\s+\w+\s+areas?|questions?|pillars?)\b",
    re.IGNORECASE,
)
# "one 'good' rating, three 'adequate', six 'requires improvement'"
AREAS_GRADED = re.compile(
    rf"(?<![\w-])(?P<n>{NUMBER})\s+{Q}(?P<g>{w.GRADE_WORDS}){Q}"
    r"(?:\s+(?:ratings?|grades?|gradings?|judgments?|judgements?|areas?))?",
    re.IGNORECASE,
)
# "rated 'good' in 10 out of 11 areas"
OUT_OF = re.compile(
    rf"{GRADE}\s+(?:in|for)\s+(?P<n>\d{{1,2}})\s+(?:out\s+)?of\s+(?:the\s+)?\d{{1,2}}\b",
    re.IGNORECASE,
)
# "the inadequate areas included A, B and C"; "… in three areas – A, B and C"
NAMED_AFTER = re.compile(
    rf"\bthe\s+(?:{Q}?(?P<g>{w.GRADE_WORDS}){Q}?\s+areas?|areas?\s+(?:graded|rated|"
    rf"assessed|judged)\s+(?:as\s+)?{Q}?(?P<g2>{w.GRADE_WORDS}){Q}?)\s+"
    r"(?P<verb>included|include|were|was|are|is)\s*:?\s+(?P<names>[^.]+)",
    re.IGNORECASE,
)
NAMED_AFTER_DASH = re.compile(
    rf"{GRADE}\s+in\s+(?:all\s+)?(?P<n>{NUMBER})\s+areas?\s*[–—:-]\s*"
    r"(?P<names>[^.]+)",
    re.IGNORECASE,
)
# "graded BFRS 'Requires Improvement' across the three pillars of the
# inspectorate's methodology, which are effectiveness, efficiency, and people"
NAMED_ACROSS = re.compile(
    rf"{GRADE}\s+across\s+(?:all\s+)?the\s+(?P<n>{NUMBER})\s+(?:pillars|areas)\b"
    r"[^.]*?\b(?:which\s+are|namely)\s*:?\s+(?P<names>[^.]+)",
    re.IGNORECASE,
)
# "9 areas were graded – 2 of which were Good, 3 were Adequate and 4 were
# Requires Improvement"
GRADED_OF_WHICH = re.compile(
    r"\bareas\s+were\s+(?:graded|assessed|rated)\b(?P<rest>[^.]+)", re.IGNORECASE
)
OF_WHICH = re.compile(
    rf"(?P<n>{NUMBER})\s+(?:of\s+which\s+)?(?:were\s+)?{GRADE}", re.IGNORECASE
)
# a sentence about the inspection before this one
LAST_TIME = re.compile(
    r"\b(?:was|were)\s+last\s+inspected\b|\bprevious\s+inspection\b", re.IGNORECASE
)
# "The extent to which the service is effective at … is good."
EXTENT = re.compile(
    r"\bthe extent to which (?:the (?:force|service|constabulary)|[A-Z][\w&' ]+?)\s+"
    r"(?P<topic>(?:is\s+)?[^.]*?\b(?:effective|efficient|efficiently|legitimate|"
    r"legitimately|looks after)\b[^.]*?)\s+"
    rf"(?:is|was)\s+{GRADE}\s*(?:[.;,]|$)",
    re.IGNORECASE,
)


def read_prose(blocks: list[Block], out: Extraction) -> None:
    counts: dict[str, int] = {}
    where = ""
    for block in blocks:
        if block.kind == "row":
            continue
        found = _counts(block.text)
        for grade, count in found.items():
            if grade not in counts:
                counts[grade] = count
                where = where or block.where
        _named(block, found or counts, out)
    if counts:
        out.grade_counts, out.grade_counts_where = counts, where
    _pillars(blocks, out)


def _counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        match = GRADED_OF_WHICH.search(sentence)
        if match and not LAST_TIME.search(sentence):
            for part in OF_WHICH.finditer(match.group("rest")):
                grade = w.grade_of(part.group("g"))
                if grade and grade not in counts:
                    counts[grade] = _number(part.group("n"))
    for pattern in (GRADE_IN_AREAS, OUT_OF, AREAS_GRADED):
        for match in pattern.finditer(text):
            grade = w.grade_of(match.group("g"))
            if grade and grade not in counts:
                counts[grade] = _number(match.group("n"))
    return counts


def _number(text: str) -> int:
    return int(text) if text.isdigit() else NUMBERS[text.lower()]


def _named(block: Block, counts: dict[str, int], out: Extraction) -> None:
    """Areas a sentence names with their grade, as many as its count says
    where it gives one ("A, B and C and D" read as three when three)."""
    for pattern in (NAMED_AFTER_DASH, NAMED_ACROSS, NAMED_AFTER):
        for match in pattern.finditer(block.text):
            found = match.groupdict()
            grade = w.grade_of(found.get("g") or found.get("g2") or "")
            if not grade:
                continue
            if found.get("n"):
                wanted = _number(found["n"])
            elif (found.get("verb") or "").lower().startswith("includ"):
                wanted = None  # some of them: as many as are named
            else:
                wanted = counts.get(grade)
            for name in split_names(match.group("names"), wanted):
                _add(out, name, grade, block)


def split_names(text: str, wanted: int | None) -> list[str]:
    """ "A, B and C" into its names: at commas, then at the last "and"; with a
    count, at "and"s from the left until there are that many."""
    text = re.split(r"\s[–—-]\s|;|\(", text)[0].strip(" ,")
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?", text) if p.strip()]
    if not parts:
        return []
    if wanted is None:
        last = parts.pop()
        parts += [p.strip() for p in re.split(r"\s+and\s+", last, maxsplit=1)]
        return [p for p in parts if p]
    while len(parts) < wanted:
        index = next(
            (i for i, part in enumerate(parts) if re.search(r"\s+and\s+", part)), None
        )
        if index is None:
            break
        head, tail = re.split(r"\s+and\s+", parts[index], maxsplit=1)
        parts[index : index + 1] = [head.strip(), tail.strip()]
    return parts if len(parts) == wanted else []


def _pillars(blocks: list[Block], out: Extraction) -> None:
    """Several "extent to which" sentences grade several pillars: each is a
    graded area, and none is the overall grade. One alone is the page's own
    grade (the parser's OVERALL patterns read it)."""
    found = [
        (block, match)
        for block in blocks
        if block.kind != "row"
        for match in EXTENT.finditer(block.text)
    ]
    topics = {_topic(match.group("topic")) for _, match in found}
    if len(topics) < 2:
        return
    overall = out.fields.get("overall_grade")
    if overall is not None and any(b.where == overall.where for b, _ in found):
        del out.fields["overall_grade"]
    for block, match in found:
        _add(out, _topic(match.group("topic")), w.grade_of(match.group("g")), block)


def _topic(text: str) -> str:
    text = re.sub(r"^(?:is\s+)", "", text.strip(), flags=re.IGNORECASE)
    return text[:1].upper() + text[1:]


def _add(out: Extraction, wording: str, grade: str, block: Block) -> None:
    wording = wording.strip(" .,;:")
    if not wording or not grade or len(wording) > 200:
        return
    wording = wording[:1].upper() + wording[1:]
    draft = QuestionDraft(
        wording=wording, where=block.where, grade=grade, grade_where=block.where
    )
    if any(q.key == draft.key for q in out.questions):  # as the parser matches
        return
    out.questions.append(draft)


def counted_topic(topic: str) -> bool:
    """A prose grade's "topic" that is a count ("three areas, 'requires
    improvement' in two"), not an area of policing."""
    return bool(COUNTED.match(topic.strip()))


COUNTED = re.compile(
    rf"^(?:the\s+(?:other|remaining)\s+)?(?:{NUMBER}|several|some|many|all(?:\s+{NUMBER})?)\b"
    r"(?:\s+(?:other\s+)?(?:areas?|of\s+the)\b|\s*$)",
    re.IGNORECASE,
)
