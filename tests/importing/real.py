"""The corpus of real documents (tests/data/real/): each document's stored text
and, beside it, its expected reading written by hand from the text. This
module reads a document as the importer does and lists where its reading
differs from the expected one, item by item: each grade, count and finding,
the organisation, the publication date and the overall grade."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from importing.errors import DocumentError
from importing.extraction import Extraction
from importing.formats import read_document
from importing.parser import parse_document

REAL = Path(__file__).resolve().parent.parent / "data" / "real"
STOP = {
    "the", "a", "an", "of", "to", "and", "in", "at", "is", "for", "its", "how",
    "well", "does", "force", "service", "keeping", "people", "safe", "reducing",
    "judgment", "judgement", "area", "areas", "(2016", "(2017", "(2015",
}  # fmt: skip


@dataclass
class Reading:
    """One document's reading compared with what was expected of it."""

    name: str
    kind: str
    source: str
    items: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def right(self) -> int:
        return self.items - len(self.misses)


def documents() -> list[Path]:
    return sorted(REAL.glob("*.json"))


def expected_of(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def extraction_of(path: Path) -> Extraction | None:
    data = path.with_suffix(".txt").read_bytes()
    try:
        return parse_document(read_document(data), strict=False)
    except DocumentError:
        return None


def compare(path: Path) -> Reading:
    meta = expected_of(path)
    expected = meta["expected"]
    reading = Reading(path.stem, meta["kind"], meta["source"])
    found = extraction_of(path)
    if found is None:  # nothing recognised: right only if nothing was expected
        found = Extraction(format="unread")
    _scalar(reading, "organisation", expected.get("organisation"), _force(found))
    # the importer's date is the inspection's: for a response or a paper about
    # one, that is the inspection's date where the text gives it
    published = found.publication_date
    _scalar(
        reading,
        "published",
        expected.get("inspection_published", expected.get("published")),
        published.isoformat() if published else None,
    )
    _scalar(
        reading,
        "overall grade",
        expected.get("overall_grade"),
        str(found.value("overall_grade")) or None,
    )
    _grades(reading, expected.get("grades") or [], found)
    _counts(reading, expected.get("grade_counts") or {}, found)
    _findings(reading, expected.get("findings") or [], found)
    return reading


def _force(found: Extraction) -> str | None:
    value = str(found.value("force") or "")
    return value or None


def _scalar(reading: Reading, what: str, expected, read) -> None:
    reading.items += 1
    if _norm(expected) != _norm(read):
        reading.misses.append(f"{what}: expected {expected!r}, read {read!r}")


def _norm(value) -> str:
    return " ".join(str(value or "").lower().replace("’", "'").split())


def _grades(reading: Reading, expected: list[dict], found: Extraction) -> None:
    read = [(q.wording, q.grade) for q in found.questions if q.grade]
    unmatched = list(read)
    for item in expected:
        reading.items += 1
        match = next(
            (
                pair
                for pair in unmatched
                if pair[1] == item["grade"] and _same_area(item["area"], pair[0])
            ),
            None,
        )
        if match is None:
            reading.misses.append(f"grade not read: {item['area']} {item['grade']}")
        else:
            unmatched.remove(match)
    for wording, grade in unmatched:
        reading.items += 1
        reading.misses.append(f"grade read but not in the text: {wording!r} {grade}")


def _same_area(expected: str, read: str) -> bool:
    """The hand-written area and the one read name the same thing: most of the
    expected words are read, or one's words are all among the other's
    ("Effectiveness" and "effective at keeping people safe …")."""
    want, have = _words(expected), _words(read)
    if not want or not have:  # "People", a fire pillar, is all stop words
        return _norm(expected) == _norm(read)
    return want <= have or have <= want or len(want & have) >= (len(want) + 1) // 2


PILLAR_WORDS = {
    "effectiveness": "effective", "efficiency": "efficient",
    "legitimacy": "legitimate", "legitimately": "legitimate",
    "effectively": "effective", "efficiently": "efficient",
}  # fmt: skip


def _words(text: str) -> set[str]:
    words = re.findall(r"[a-z']+", text.lower().replace("’", "'"))
    return {
        PILLAR_WORDS.get(word, word).rstrip("s")
        for word in words
        if word not in STOP and len(word) > 2
    }


def _counts(reading: Reading, expected: dict, found: Extraction) -> None:
    read = dict(found.grade_counts)
    for grade in sorted(set(expected) | set(read)):
        reading.items += 1
        if expected.get(grade) != read.get(grade):
            reading.misses.append(
                f"count of {grade}: expected {expected.get(grade)}, "
                f"read {read.get(grade)}"
            )


def _findings(reading: Reading, expected: list[dict], found: Extraction) -> None:
    unmatched = list(found.findings)
    for item in expected:
        reading.items += 1
        starts = _norm(item["starts"])
        match = next(
            (
                draft
                for draft in unmatched
                if draft.kind == item["kind"]
                and _norm(draft.text).startswith(starts[: max(20, len(starts) - 5)])
            ),
            None,
        )
        if match is None:
            missed = f"{item['kind']} {item['starts']!r}"
            reading.misses.append(f"finding not read: {missed}")
        else:
            unmatched.remove(match)
    for draft in unmatched:
        reading.items += 1
        reading.misses.append(
            f"finding read but not in the text: {draft.kind} {draft.text[:60]!r}"
        )
