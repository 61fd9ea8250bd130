"""`manage.py import_report`: a preview by default, --commit to write, and an
exit code and message for each way it can fail."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from inspections.models import Finding, Inspection
from reports.models import PanelReport
from tests.importing.documents import NORTHSHIRE, SEED, report_pdf

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_report", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args) -> CommandError:
    with pytest.raises(CommandError) as error:
        run(*args)
    return error.value


def test_a_preview_shows_what_would_be_created_and_writes_nothing():
    out, _ = run(SEED)
    assert "New draft inspection (not published on the site):" in out
    assert "  Force: Leicestershire Police (new force)" in out
    assert (
        "Requires improvement: How effective is the force at investigating crime "
        in out
    )
    assert "Strengths (9):" in out and "Areas for improvement (12):" in out
    assert "  meeting date: 29 March 2017  [line 8]" in out
    assert "Nothing written: add --commit to import." in out
    assert not Inspection.objects.exists()


def test_commit_writes_the_draft_inspection():
    out, _ = run(SEED, "--commit")
    inspection = Inspection.objects.get()
    assert f"Created {inspection} (id {inspection.pk})." in out
    assert inspection.findings.count() == 21
    assert PanelReport.objects.get().inspection == inspection  # the command line may


def test_a_second_commit_of_the_same_document_changes_nothing():
    run(SEED, "--commit")
    out, _ = run(SEED, "--commit")
    assert "No differences from the inspection held." in out
    assert "Nothing to change:" in out
    assert Inspection.objects.count() == 1 and Finding.objects.count() == 21


def test_differences_need_update_and_exit_3(tmp_path):
    run(SEED, "--commit")
    changed = tmp_path / "changed.txt"
    changed.write_text(SEED.read_text().replace("**Good**", "**Outstanding**", 1))
    error = refused(changed, "--commit")
    assert error.returncode == 3
    assert "differs from it in 1 place" in str(error) and "(add --update)" in str(error)
    out, _ = run(changed, "--commit", "--update")
    assert "Outstanding" in out and "Updated" in out


def test_missing_facts_exit_4_and_can_be_given(tmp_path):
    undated = tmp_path / "undated.md"
    undated.write_text(NORTHSHIRE.read_text().replace("on 14 May 2019", ""))
    error = refused(undated, "--commit")
    assert error.returncode == 4
    assert "No publication date: give the date HMICFRS published it." in str(error)
    out, _ = run(undated, "--commit", "--published", "2019-05-14", "--force", "Wessex")
    assert Inspection.objects.get().force.name == "Wessex"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "looks like binary data"),
        (b"%PDF-1.4\n1 0 obj\n", "The PDF could not be read"),
        (b"Dear Sir,\n\nThanks.\n", "No inspection was recognised"),
    ],
)
def test_unreadable_documents_exit_1_with_the_reason(tmp_path, content, message):
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    error = refused(path, "--commit")
    assert error.returncode == 1 and message in str(error)
    assert not Inspection.objects.exists()


def test_a_missing_file_and_an_unknown_user_are_explained(tmp_path):
    assert "Cannot read" in str(refused(tmp_path / "nothing.txt"))
    assert refused(SEED, "--user", "nobody").returncode == 2


def test_files_over_20_mb_are_refused_unread(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(21 * 1024 * 1024)
    error = refused(path)
    assert (
        error.returncode == 1
        and "21.0 MB; the importer reads files up to 20" in str(error)
    )


def test_a_long_pdf_reports_the_pages_it_has_read(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(report_pdf(pages=20))
    out, err = run(path)
    assert err.splitlines() == ["Reading page 10 of 20", "Reading page 20 of 20"]
    assert "Read as PDF, 20 pages." in out


def test_the_process_exits_non_zero_with_the_message(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_report", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DEBUG": "1"},
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "CommandError: The file is empty."


def test_a_files_name_does_not_decide_its_format(tmp_path):
    disguised = tmp_path / "report.txt"
    disguised.write_bytes(report_pdf())
    assert "Read as PDF, 1 page." in run(disguised)[0]
    misnamed = tmp_path / "paper.pdf"
    misnamed.write_bytes(SEED.read_bytes())
    assert "Read as Markdown." in run(misnamed)[0]
