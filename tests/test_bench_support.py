"""What make bench relies on: the data generator and the reference views."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from actions.models import Action, DueDateExtension, ProgressUpdate
from governance.figures import figures_of, kept_figures
from inspections.choices import FindingKind
from inspections.models import (
    Finding,
    Force,
    Inspection,
    RaisedBefore,
    RaisedBeforeState,
)
from tests.factories import FindingFactory

pytestmark = pytest.mark.django_db


class Undo(Exception):
    pass


def generate(**options) -> list[tuple]:
    """Generate, note what was made, and undo it."""
    try:
        with transaction.atomic():
            out = io.StringIO()
            call_command("generate_data", stdout=out, stderr=io.StringIO(), **options)
            fingerprint = list(
                Action.objects.order_by("pk").values_list(
                    "title", "due_date", "status", "percent_complete", "owner__username"
                )
            )
            raise Undo(out.getvalue(), fingerprint)
    except Undo as undo:
        return undo.args


def test_the_generator_makes_inspections_action_plans_and_weekly_updates():
    message, _ = generate(forces=1, years=2, seed=3)
    # two pillars a year for two years, and one thematic inspection of 6
    assert "Generated 1 forces, 13 users, 5 inspections, 86 findings" in message
    # (undone again: check the shape on a run kept for this test)
    call_command("generate_data", forces=1, years=1, seed=3, stdout=io.StringIO(),
                 stderr=io.StringIO())  # fmt: skip
    assert Inspection.objects.count() == 3
    assert Inspection.objects.get(force=None).applies_to.count() == 1
    per_finding = Finding.objects.exclude(kind=FindingKind.STRENGTH).annotate(
        n=Count("actions")
    )
    assert {f.n for f in per_finding} <= {3, 4, 5, 6}
    action = Action.objects.annotate(n=Count("updates")).order_by("-n").first()
    dates = list(action.updates.order_by("date").values_list("date", flat=True))
    assert all((b - a).days == 7 for a, b in zip(dates, dates[1:], strict=False))
    assert ProgressUpdate.objects.count() > Action.objects.count()
    assert action.history.count() == 2  # created, and as it stands
    # its bulk inserts send no signals: the dashboard's kept figures are counted
    assert kept_figures(None) == figures_of(
        Action.objects.all(), Finding.objects.all(), choices=True
    )
    assert kept_figures(None).total_actions == Action.objects.count()
    closed = Action.objects.filter(status="closed")
    assert not closed.filter(closed_on=None).exists()  # as Action.follow keeps it
    assert not Action.objects.filter(updates__isnull=False, latest_update=None).exists()
    # some owners are waiting to hear about a later due date
    waiting = DueDateExtension.objects.filter(decision="pending")
    assert waiting.exists()
    assert not waiting.exclude(action__status__in=["in_progress", "blocked"]).exists()
    today = timezone.localdate()  # each asks for a date the site would accept
    for request in waiting.select_related("action"):
        request.action.check_new_due_date(request.new_due_date, today)


def test_the_generator_suggests_findings_raised_before_and_decides_some():
    call_command("generate_data", forces=1, years=2, seed=3, stdout=io.StringIO(),
                 stderr=io.StringIO())  # fmt: skip
    links = RaisedBefore.objects.select_related("finding__inspection", "earlier")
    assert links.exists()
    for link in links:  # each an earlier finding of the same force
        assert link.earlier.inspection.force_id == link.finding.inspection.force_id
        assert (
            link.earlier.inspection.publication_date
            < link.finding.inspection.publication_date
        )
    decided = links.exclude(state=RaisedBeforeState.SUGGESTED)
    chief = {link.decided_by.username for link in decided}
    assert chief == {f"{Force.objects.get().slug}.chief1.gen"}
    # the first inspection has nothing earlier; each later one two decisions
    states = [link.state for link in decided]
    assert (
        states.count(RaisedBeforeState.CONFIRMED)
        == states.count(RaisedBeforeState.DISMISSED)
        == Inspection.objects.exclude(force=None).count() - 1
    )


def test_the_same_seed_gives_the_same_data_and_another_seed_does_not():
    _, first = generate(forces=1, years=1, seed=7)
    _, again = generate(forces=1, years=1, seed=7)
    _, other = generate(forces=1, years=1, seed=8)
    assert first == again
    assert first != other


def test_the_generator_refuses_to_run_twice_or_out_of_range():
    call_command("generate_data", forces=1, years=1, stdout=io.StringIO(),
                 stderr=io.StringIO())  # fmt: skip
    with pytest.raises(CommandError, match="Generated data is already here"):
        call_command("generate_data", forces=1, years=1, stderr=io.StringIO())
    with pytest.raises(CommandError, match="--forces must be between 1 and 43"):
        call_command("generate_data", forces=44)


def test_the_reference_views_are_not_mounted_unless_asked_for(client):
    assert client.get("/bench/trivial/").status_code == 404
    assert client.get("/bench/reference/").status_code == 404


@pytest.mark.urls("tests.bench_urls")
def test_the_reference_views(client, django_assert_num_queries):
    FindingFactory.create_batch(3)
    with django_assert_num_queries(0):
        assert client.get("/bench/trivial/").content == (
            b"<!doctype html><title>ok</title><p>ok</p>"
        )
    with django_assert_num_queries(1):
        page = client.get("/bench/reference/").text
    assert page.count("<tr><td>") == 3
