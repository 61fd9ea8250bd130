"""Findings arranged as a report presents them: by kind, then by theme."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from inspections.choices import FindingKind
from inspections.models import Finding

# Most serious first, as HMICFRS reports list them; strengths are shown on their own.
ACTIONABLE_ORDER = [
    FindingKind.CAUSE_OF_CONCERN,
    FindingKind.RECOMMENDATION,
    FindingKind.AREA_FOR_IMPROVEMENT,
]


@dataclass
class FindingSection:
    kind: FindingKind
    themes: dict[str, list[Finding]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(findings) for findings in self.themes.values())


def finding_sections(findings: Iterable[Finding]) -> list[FindingSection]:
    """Sections for the actionable kinds present, each grouping its findings by
    theme in the order the themes first appear."""
    sections: dict[str, FindingSection] = {
        kind: FindingSection(kind) for kind in ACTIONABLE_ORDER
    }
    for finding in findings:
        if finding.kind in sections:
            sections[finding.kind].themes.setdefault(finding.theme, []).append(finding)
    return [section for section in sections.values() if section.count]


def link_concerns(findings: list[Finding]) -> list[Finding]:
    """Give each cause of concern in the list its recommendations
    (`.accompanied_by`) and each recommendation its cause (`.accompanies`), from
    the list itself: a link to a finding the reader may not see is left out."""
    by_pk = {finding.pk: finding for finding in findings}
    for finding in findings:
        finding.accompanied_by = []
    for finding in findings:
        finding.accompanies = (
            by_pk.get(finding.concern_id) if finding.concern_id else None
        )
        if finding.accompanies is not None:
            finding.accompanies.accompanied_by.append(finding)
    return findings
