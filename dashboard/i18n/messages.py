"""Messages that are written in the reader's language at the edge: a key with its values. Where a
message has to travel as text (a pandera check's error, a sandbox worker's answer), it is encoded
as "msg:KEY{json values}" and written out where it is shown (`render`)."""

from __future__ import annotations

import datetime as dt
import json
import numbers
import re
from dataclasses import dataclass, field

from dashboard.i18n import strings, t
from dashboard.i18n.format import date, period_label, prose_number

PREFIX = "msg:"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_KEY = re.compile(r"[\w.]*\w")


def _written(value: object, lang: str) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Real):
        return prose_number(value, lang)
    if isinstance(value, str) and _ISO_DATE.match(value):
        return date(dt.date.fromisoformat(value), lang)
    if isinstance(value, str) and _ISO_MONTH.match(value):
        return period_label(value, lang)
    if isinstance(value, str) and PREFIX in value:  # a message inside a message
        return render(value, lang)
    return value


@dataclass(frozen=True)
class Text:
    """An i18n key with its values (numbers and ISO dates written in the reader's format)."""

    key: str
    values: dict[str, object] = field(default_factory=dict)

    def render(self, lang: str = "de") -> str:
        return t(self.key, lang, **{k: _written(v, lang) for k, v in self.values.items()})

    def encoded(self) -> str:
        return PREFIX + self.key + (json.dumps(self.values, ensure_ascii=False, default=str) if self.values else "")


def encode(key: str, **values: object) -> str:
    return Text(key, values).encoded()


def render(message: str | Text, lang: str = "de") -> str:
    """A message in `lang`: a Text, or text in which encoded messages are written out (anything
    else stays as it is, e.g. DuckDB's own words or a cell that happens to hold "msg:")."""
    if isinstance(message, Text):
        return message.render(lang)
    parts, position = [], 0
    while (start := message.find(PREFIX, position)) >= 0:
        parts.append(message[position:start])
        key = _KEY.match(message, start + len(PREFIX))
        end, values = (key.end(), {}) if key else (0, None)
        if key and message.startswith("{", end):
            try:
                values, end = json.JSONDecoder().raw_decode(message, end)
            except json.JSONDecodeError:
                values = None
        if key is None or key.group(0) not in strings("de") or not isinstance(values, dict):
            parts.append(PREFIX)
            position = start + len(PREFIX)
            continue
        parts.append(Text(key.group(0), values).render(lang))
        position = end
    parts.append(message[position:])
    return "".join(parts)
