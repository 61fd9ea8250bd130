"""The importer reads real documents (tests/data/real/, each with its source and
its expected reading written by hand from its text) as expected: every grade,
count, finding, organisation, date and overall grade, except the misses each
document lists with why. A miss mended fails the test as surely as a new one,
so that the list stays true."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from importing.formats import read_document
from importing.parser import parse_document
from importing.plan import plan_import
from tests.importing.real import REAL, compare, documents, expected_of

pytestmark = pytest.mark.django_db
KINDS = {
    "peel-pillar-2014-2017", "peel-2018-19", "peel-2021", "fire-round-2",
    "fire-round-3", "press-release-hmicfrs", "press-release-force", "section-55",
    "panel-paper", "panel-minutes",
}  # fmt: skip


@pytest.mark.parametrize("path", documents(), ids=lambda path: path.stem)
def test_each_document_is_read_as_expected(path):
    reading = compare(path)
    known = expected_of(path).get("known_misses", [])
    assert reading.misses == known, (
        "The reading differs from the expected one. If a miss is mended, take it "
        "off the document's known_misses; if it is new, mend it or explain it."
    )
    if known:
        assert expected_of(path)["why_missed"].strip()


def test_the_corpus_is_of_real_documents_of_many_kinds():
    metas = [expected_of(path) for path in documents()]
    assert len(metas) >= 15
    kinds = Counter(meta["kind"] for meta in metas)
    assert set(kinds) <= KINDS
    assert len(kinds) >= 6
    for path, meta in zip(documents(), metas, strict=True):
        assert meta["source"].startswith(("http://", "https://")), path.stem
        assert meta["licence"], path.stem
        assert path.with_suffix(".txt").exists(), path.stem


def test_most_of_what_the_corpus_holds_is_read_right():
    readings = [compare(path) for path in documents()]
    items = sum(reading.items for reading in readings)
    right = sum(reading.right for reading in readings)
    assert right / items >= 0.9, f"{right} of {items}"


def test_a_press_release_gives_counts_not_names_and_the_importer_says_so():
    """Where a text counts grades without naming the areas, the reading keeps
    the counts and names none."""
    text = (REAL / "press-2023-25-shropshire-fire.txt").read_bytes()
    found = parse_document(read_document(text))
    assert found.grade_counts == {
        "good": 1,
        "adequate": 3,
        "requires_improvement": 6,
        "inadequate": 1,
    }
    assert found.questions == []
    assert str(found.value("force")) == "Shropshire Fire and Rescue Service"
    said = [item.value for item in found.not_understood]
    assert (
        "The document says 3 areas were graded adequate but does not name them: "
        "add them by hand, from the report." in said
    )


def test_a_pages_own_date_is_a_hint_not_the_publication_date():
    text = (REAL / "peel-2017-legitimacy-west-midlands.txt").read_bytes()
    found = parse_document(read_document(text))
    assert found.publication_date is None
    plan = plan_import(found, user=None)
    assert (
        "No publication date: give the date HMICFRS published it (the page says "
        "it was last updated on 12 December 2017)." in plan.problems
    )


def test_each_expected_reading_quotes_its_text():
    """The expected findings are the document's own words, not a summary."""
    for path in documents():
        text = " ".join(path.with_suffix(".txt").read_text(encoding="utf-8").split())
        for finding in json.loads(path.read_text(encoding="utf-8"))["expected"].get(
            "findings", []
        ):
            assert " ".join(finding["starts"].split()) in text, path.stem
