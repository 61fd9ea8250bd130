from __future__ import annotations

import datetime
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import pluralize

from importing.errors import DocumentError
from importing.formats import MAX_BYTES, read_document
from importing.parser import parse_document
from importing.plan import ImportPlan, plan_import
from importing.services import (
    ImportDiffers,
    ImportIncomplete,
    document_import,
)
from inspections.choices import FindingKind, Grade
from inspections.services import MAY_NOT_AMEND

UNREADABLE, DIFFERS, INCOMPLETE, REFUSED = 1, 3, 4, 5


class Command(BaseCommand):
    help = (
        "Read an inspection report or panel paper (text, Markdown, PDF or .docx) and "
        "show the draft inspection it holds. Nothing is written without --commit. "
        f"Exit codes: 0 done, {UNREADABLE} the document cannot be read or holds no "
        f"inspection, 2 bad arguments, {DIFFERS} the inspection exists and the "
        f"document differs (add --update), {INCOMPLETE} the force, pillar or "
        f"publication date is missing (give --force, --pillar, --published), "
        f"{REFUSED} the --user may not import, or may not change the inspection held."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--force", default="", help="The force's name.")
        parser.add_argument("--pillar", default="", help="e.g. Effectiveness.")
        parser.add_argument(
            "--published",
            type=datetime.date.fromisoformat,
            help="Publication date, YYYY-MM-DD.",
        )
        parser.add_argument(
            "--commit", action="store_true", help="Write the draft inspection."
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="With --commit: apply the differences to an existing inspection.",
        )
        parser.add_argument("--user", help="Record the import as this username.")

    def handle(self, *args, **options) -> None:
        user = self.user(options["user"])
        try:
            data = self.read_file(options["file"])
            document = read_document(data, on_page=self.progress)
            extraction = parse_document(document)
            extraction.source_name = Path(options["file"]).name
            plan = plan_import(
                extraction,
                user=user,
                force_name=options["force"],
                pillar=options["pillar"],
                publication_date=options["published"],
            )
            self.stdout.write("\n".join(describe(plan)))
            if not options["commit"]:
                self.stdout.write("\nNothing written: add --commit to import.")
                return
            inspection = document_import(
                extraction=extraction,
                user=user,
                force_name=options["force"],
                pillar=options["pillar"],
                publication_date=options["published"],
                apply_changes=options["update"],
            )
        except PermissionDenied as error:
            raise CommandError(str(error), returncode=REFUSED) from error
        except ImportDiffers as error:
            raise CommandError(f"{error} (add --update)", returncode=DIFFERS) from error
        except ImportIncomplete as error:
            raise CommandError(str(error), returncode=INCOMPLETE) from error
        except DocumentError as error:
            raise CommandError(str(error), returncode=UNREADABLE) from error
        if plan.existing and not plan.has_changes:
            message = f"Nothing to change: {inspection} already holds it all."
        else:
            verb = "Updated" if plan.existing else "Created"
            message = f"{verb} {inspection} (id {inspection.pk})."
        self.stdout.write(self.style.SUCCESS(f"\n{message}"))

    def read_file(self, path: Path) -> bytes:
        try:
            if path.stat().st_size > MAX_BYTES:
                raise DocumentError(
                    f"{path} is {path.stat().st_size / 1024 / 1024:.1f} MB; the "
                    f"importer reads files up to {MAX_BYTES // 1024 // 1024} MB."
                )
            return path.read_bytes()
        except OSError as error:
            raise DocumentError(f"Cannot read {path}: {error.strerror}.") from error

    def user(self, username: str | None):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No user called {username}.", returncode=2) from error

    def progress(self, page: int, pages: int) -> None:
        if pages < 5:
            return
        if sys.stderr.isatty():
            end = "\n" if page == pages else ""
            self.stderr.write(f"\rReading page {page} of {pages}", ending=end)
        elif page == pages or page % 10 == 0:
            self.stderr.write(f"Reading page {page} of {pages}")


def describe(plan: ImportPlan) -> list[str]:
    found = plan.extraction
    values = plan.values
    lines = [
        f"Read as {found.format}"
        + (f", {found.pages} page{pluralize(found.pages)}" if found.pages else "")
        + "."
    ]
    if plan.existing:
        lines.append(
            f"Inspection already held: {plan.existing} (id {plan.existing.pk})."
        )
    else:
        force = (
            plan.force.name if plan.force else f"{plan.force_name or '?'} (new force)"
        )
        lines += [
            "New draft inspection (not published on the site):",
            f"  Force: {force}",
            f"  {values['programme']} {values['pillar']}, {values['inspectorate']}",
            f"  Title: {values['title']}",
            f"  Published: {_date(values['publication_date'])}",
            f"  Fieldwork: {_date(values['fieldwork_start'])} to "
            f"{_date(values['fieldwork_end'])}",
            f"  Overall grade: {_grade(values['overall_grade'])}",
        ]
    lines.append(f"Graded questions ({len(found.questions)}):")
    lines += [f"  {_grade(q.grade)}: {q.wording}  [{q.where}]" for q in found.questions]
    for kind in FindingKind:
        drafts = found.findings_of(kind.value)
        if drafts:
            lines.append(f"{kind.plural} ({len(drafts)}):")
            lines += [
                f"  {d.theme + ': ' if d.theme else ''}{d.text}  [{d.where}]"
                for d in drafts
            ]
    if found.panel.fields:
        lines.append("Panel paper:")
        lines += [
            f"  {name.replace('_', ' ')}: {_one_line(f.value)}  [{f.where}]"
            for name, f in found.panel.fields.items()
        ]
        if found.panel.sections:
            lines.append(
                f"  sections: {', '.join(s.heading for s in found.panel.sections)}"
            )
    if plan.existing:
        lines.append(
            "Differences from the inspection held:"
            if plan.has_changes
            else "No differences from the inspection held."
        )
        lines += [
            f"  {c.what}: {c.current} → {c.proposed}"
            for c in plan.changes + plan.report_changes
        ]
        lines += [f"  New question: {q.wording}" for q in plan.new_questions]
        lines += [f"  New finding: {f.text}" for f in plan.new_findings]
        if plan.kept_findings:
            lines.append(
                f"  {len(plan.kept_findings)} findings in the record but not in the "
                "document are kept."
            )
        if plan.has_changes and not plan.may_apply:
            lines.append(f"Refused: {MAY_NOT_AMEND}")
    lines += [f"Note: {note}" for note in plan.notes]
    if found.not_understood:
        lines.append(f"Not understood ({len(found.not_understood)}):")
        lines += [
            f"  {n.value}" + (f"  [{n.where}]" if n.where else "")
            for n in found.not_understood
        ]
    lines += [f"Cannot import yet: {problem}" for problem in plan.problems]
    return lines


def _date(value) -> str:
    return f"{value:%-d %B %Y}" if value else "not found"


def _grade(value: str) -> str:
    return Grade(value).label if value else "not graded"


def _one_line(value) -> str:
    if isinstance(value, datetime.date):
        return _date(value)
    text = " ".join(str(value).split())
    return text if len(text) <= 100 else f"{text[:99]}…"
