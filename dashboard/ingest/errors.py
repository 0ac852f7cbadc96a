"""A refused import and the problems that caused it, located by file, line and column."""

from __future__ import annotations

from dataclasses import dataclass

# How many problems a message lists before it says "and N more".
MAX_LISTED_PROBLEMS = 20


@dataclass(frozen=True)
class Problem:
    line: int | None
    column: str | None
    value: str | None
    expected: str

    def describe(self, file_name: str) -> str:
        where = [file_name]
        if self.line is not None:
            where.append(f"Zeile {self.line}")
        if self.column:
            where.append(f"Spalte {self.column}")
        shown = "" if self.value is None else f"{self.value!r} – "
        return f"{', '.join(where)}: {shown}erwartet {self.expected}"


class ImportRefused(Exception):
    """The file was not imported; nothing in the warehouse changed."""

    def __init__(self, file_name: str, problems: list[Problem]):
        self.file_name = file_name
        self.problems = sorted(problems, key=lambda p: (p.line or 0, p.column or ""))
        super().__init__(self.message())

    def message(self) -> str:
        lines = [p.describe(self.file_name) for p in self.problems[:MAX_LISTED_PROBLEMS]]
        rest = len(self.problems) - MAX_LISTED_PROBLEMS
        if rest > 0:
            lines.append(f"… und {rest} weitere Probleme")
        header = f"Import abgelehnt ({len(self.problems)} Problem(e)); der Datenbestand ist unverändert."
        return "\n".join([header, *lines])
