"""A force's context figures, computed from its yearly numbers, never typed."""

from __future__ import annotations

from dataclasses import dataclass

from inspections.models import Force, ForceYear


@dataclass
class ContextFigures:
    years: list[ForceYear]
    base: ForceYear
    latest: ForceYear
    earliest: ForceYear

    @property
    def officers_change(self) -> int:
        return self.latest.officers - self.base.officers

    @property
    def officers_change_percent(self) -> int:
        return round(100 * self.officers_change / self.base.officers)

    @property
    def savings(self) -> str:
        """£m, as people write it: 38, or 38.5."""
        value = self.latest.savings_to_date
        return str(int(value)) if value == int(value) else str(value)

    def chart(self, width: int = 480, height: int = 160) -> dict:
        top = max(year.officers for year in self.years)
        step = width / max(len(self.years), 1)
        bars = [
            {
                "x": round(i * step + 4, 1),
                "width": round(step - 8, 1),
                "height": round(height * year.officers / top, 1),
                "y": round(height - height * year.officers / top, 1),
                "year": year.year,
                "officers": year.officers,
            }
            for i, year in enumerate(self.years)
        ]
        return {"width": width, "height": height, "bars": bars}


def context_figures(
    force: Force, base_year: int | None = None
) -> ContextFigures | None:
    """One query. The base year is the one changes are counted from: the year
    savings started (the first with none yet) unless given."""
    years = list(ForceYear.objects.filter(force=force).order_by("year"))
    if not years:
        return None
    by_year = {year.year: year for year in years}
    if base_year not in by_year:
        started = [y for y in years if y.savings_to_date == 0]
        base_year = started[-1].year if started else years[0].year
    return ContextFigures(
        years=years, base=by_year[base_year], latest=years[-1], earliest=years[0]
    )
