"""Property-based: whatever the input, the importer ends in an Extraction or its
own DocumentError; and a committed import is whole or absent."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importing import services
from importing.errors import DocumentError
from importing.extraction import Extraction
from importing.formats import read_document
from importing.parser import parse_document
from inspections.models import Finding, Force, GradedQuestion, Inspection
from reports.models import PanelReport, ReportSection
from tests.importing.documents import SEED, panel_paper_docx, report_pdf

SEED_TEXT = SEED.read_text()
# Text that looks like the documents: their words and punctuation, reordered.
LIKE_A_REPORT = st.lists(
    st.sampled_from(SEED_TEXT.splitlines() + ["", "- ", "**Good**", "| Date | x |"]),
    max_size=80,
).map("\n".join)


def import_outcome(data: bytes):
    try:
        return parse_document(read_document(data))
    except DocumentError as error:
        assert str(error)  # always a message for the person
        return error


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_an_extraction_or_a_document_error(text):
    outcome = import_outcome(text.encode("utf-8"))
    assert isinstance(outcome, Extraction | DocumentError)


@settings(max_examples=300, deadline=None)
@given(LIKE_A_REPORT)
def test_any_shuffle_of_a_reports_lines_gives_an_extraction_or_a_document_error(text):
    outcome = import_outcome(text.encode("utf-8"))
    assert isinstance(outcome, Extraction | DocumentError)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4096))
def test_any_bytes_give_an_extraction_or_a_document_error(data):
    outcome = import_outcome(data)
    assert isinstance(outcome, Extraction | DocumentError)


PDF = report_pdf()
DOCX = panel_paper_docx()


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_damaged_pdf_and_word_files_give_an_extraction_or_a_document_error(data):
    """Real files with bytes overwritten or cut short: the readers' own errors
    never escape."""
    original = data.draw(st.sampled_from([PDF, DOCX]))
    cut = data.draw(st.integers(min_value=1, max_value=len(original)))
    damaged = bytearray(original[:cut])
    for _ in range(data.draw(st.integers(min_value=0, max_value=8))):
        at = data.draw(st.integers(min_value=0, max_value=len(damaged) - 1))
        damaged[at] = data.draw(st.integers(min_value=0, max_value=255))
    outcome = import_outcome(bytes(damaged))
    assert isinstance(outcome, Extraction | DocumentError)


MODELS = [Force, Inspection, GradedQuestion, Finding, PanelReport, ReportSection]
WRITES = 1 + 1 + 4 + 21 + 1 + 8  # force, inspection, questions, findings, paper


class Interrupted(Exception):
    pass


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.integers(min_value=1, max_value=WRITES))
def test_a_committed_import_is_all_or_nothing(monkeypatch, failing_write):
    extraction = parse_document(read_document(SEED.read_bytes()))
    before = {model: model.objects.count() for model in MODELS}
    saved = services._saved
    writes = []

    def save_until_failure(instance, user):
        writes.append(instance)
        if len(writes) == failing_write:
            raise Interrupted(f"write {failing_write} failed")
        return saved(instance, user)

    with monkeypatch.context() as patch:
        patch.setattr(services, "_saved", save_until_failure)
        with pytest.raises(Interrupted):
            services.document_import(extraction=extraction, user=None)
    assert {model: model.objects.count() for model in MODELS} == before


@pytest.mark.django_db
def test_the_seed_import_makes_exactly_the_writes_the_property_interrupts():
    extraction = parse_document(read_document(SEED.read_bytes()))
    services.document_import(extraction=extraction, user=None)
    assert sum(model.objects.count() for model in MODELS) == WRITES
