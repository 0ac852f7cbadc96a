"""Month arithmetic shared by the generator."""

from __future__ import annotations

import datetime as dt


def month_starts(first_year: int, last_year: int) -> list[dt.date]:
    return [dt.date(y, m, 1) for y in range(first_year, last_year + 1) for m in range(1, 13)]


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)
