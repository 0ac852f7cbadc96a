"""The user's selection (period, towns, target groups) as one hashable value."""

from __future__ import annotations

from dataclasses import dataclass, replace

from dashboard.kpis.migration import age_groups_for

ALL_MONTHS = tuple(range(1, 13))
# The default view: the latest three years of data (steadier than one year, and the map can step
# through them); the app and the command-line exports share it.
DEFAULT_SPAN_YEARS = 3


def default_period(years_with_data: list[int], fallback: int = 2024) -> tuple[int, int]:
    years = years_with_data or [fallback]
    return max(years[0], years[-1] - DEFAULT_SPAN_YEARS + 1), years[-1]


@dataclass(frozen=True)
class Selection:
    year_from: int
    year_to: int
    months: tuple[int, ...] = ALL_MONTHS
    districts: tuple[str, ...] = ()
    towns: tuple[str, ...] = ()  # AGS; empty = every town of the chosen districts
    target_groups: tuple[str, ...] = ()  # empty = all age groups

    @property
    def years(self) -> list[int]:
        return list(range(self.year_from, self.year_to + 1))

    @property
    def age_groups(self) -> list[str]:
        return age_groups_for(self.target_groups)

    def previous(self) -> Selection:
        """The period of equal length just before, with the same months and towns."""
        span = self.year_to - self.year_from + 1
        return replace(self, year_from=self.year_from - span, year_to=self.year_to - span)


def towns_in(selection: Selection, towns: list[tuple[str, str]]) -> list[str]:
    """AGS of the selected towns from (ags, district) pairs: explicit towns win over districts."""
    if selection.towns:
        known = {ags for ags, _ in towns}
        return [a for a in selection.towns if a in known]
    if selection.districts:
        return [ags for ags, district in towns if district in selection.districts]
    return [ags for ags, _ in towns]
