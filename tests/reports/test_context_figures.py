"""Force context figures: computed from yearly numbers, never typed."""

import re

import pytest

from inspections.context import context_figures
from inspections.models import Force
from reports.models import PanelReport, ReportSection, SectionKind
from tests.factories import PanelReportFactory

pytestmark = pytest.mark.django_db


def test_the_demo_numbers_reproduce_the_seeds_figures(demo_inspection):
    figures = context_figures(Force.objects.get(slug="leicestershire"))
    assert figures.base.year == 2009
    assert figures.officers_change == -547
    assert figures.officers_change_percent == -23
    assert figures.earliest.year == 2006
    assert figures.earliest.residents_per_officer == 430
    assert figures.latest.residents_per_officer == 599
    assert figures.savings == "38"


def test_a_report_section_shows_the_figures_with_a_chart_and_table(
    client, demo_inspection
):
    report = PanelReport.objects.get(inspection=demo_inspection)
    ReportSection.objects.create(
        report=report, order=99, kind=SectionKind.CONTEXT, heading="The figures"
    )
    html = client.get(report.get_absolute_url()).text
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "changed by -547 since 2009 (-23%)" in page
    assert "1 police officer per 430 residents; in 2017, 1 per 599" in page
    assert "Savings since 2009: £38m" in page
    assert 'aria-label="Police officers by year' in html
    assert "2017 1831 1096769 599 £38.0m" in page


def test_a_force_without_figures_says_so(client):
    report = PanelReportFactory()
    ReportSection.objects.create(
        report=report, order=1, kind=SectionKind.CONTEXT, heading="Context"
    )
    page = client.get(report.get_absolute_url()).text
    assert "No context figures have been recorded for the force." in page
