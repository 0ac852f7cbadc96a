"""A refused import and the problems that caused it, located by file, line and column."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n.messages import Text, encode, render

__all__ = ["ImportRefused", "Problem", "Text", "expect"]

# How many problems a message lists before it says "and N more".
MAX_LISTED_PROBLEMS = 20


def expect(key: str, **values: object) -> str:
    """What a check expects, as text a pandera check can carry and Problem renders per language."""
    return encode(f"expect.{key}", **values)


@dataclass(frozen=True)
class Problem:
    line: int | None
    column: str | None
    value: str | None
    expected: str | Text  # a message (see `expect`), or plain text such as DuckDB's own words

    def encoded(self, file_name: str) -> str:
        """The problem with its place, as text whose words are encoded messages (see `render`)."""
        where = [file_name]
        if self.line is not None:
            where.append(encode("import_problem.line", line=str(self.line)))
        if self.column:
            where.append(encode("import_problem.column", column=self.column))
        shown = "" if self.value is None else f"{self.value!r} – "
        return f"{', '.join(where)}: {shown}{self._expectation()}"

    def _expectation(self) -> str:
        what = self.expected.encoded() if isinstance(self.expected, Text) else self.expected
        return encode("import_problem.expected", what=what)

    def expectation(self, lang: str = "de") -> str:
        """ "erwartet …" / "expected …" in the reader's language."""
        return render(self._expectation(), lang)


class ImportRefused(Exception):
    """The file was not imported; nothing in the warehouse changed."""

    def __init__(self, file_name: str, problems: list[Problem]):
        self.file_name = file_name
        self.problems = sorted(problems, key=lambda p: (p.line or 0, p.column or ""))
        super().__init__(self.message())

    def encoded(self) -> str:
        """The count, then the problems grouped by column (file-wide ones first), each group in
        line order, up to MAX_LISTED_PROBLEMS lines in all; words as encoded messages, so the
        import log can show the refusal in either language later."""
        count = len(self.problems)
        header = encode("import_problem.header_one" if count == 1 else "import_problem.header", count=count)
        columns = list(dict.fromkeys(p.column for p in self.problems))
        grouped = [p for column in columns for p in self.problems if p.column == column]
        lines = [p.encoded(self.file_name) for p in grouped[:MAX_LISTED_PROBLEMS]]
        rest = count - MAX_LISTED_PROBLEMS
        if rest > 0:
            lines.append(encode("import_problem.more", count=rest))
        return "\n".join([header, *lines])

    def message(self, lang: str = "de") -> str:
        return render(self.encoded(), lang)
