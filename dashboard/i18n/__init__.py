"""Every string users see, in German (first) and English: t(key, lang, **values)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

LANGUAGES = ("de", "en")


@cache
def strings(lang: str) -> dict[str, str]:
    text = resources.files(__package__).joinpath(f"{lang}.toml").read_text(encoding="utf-8")
    return _flatten(tomllib.loads(text))


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def label_or_code(group: str, code: str, lang: str = "de") -> str:
    """The label of a code users may define themselves (e.g. a campaign channel), else the code."""
    key = f"{group}.{code}"
    return t(key, lang) if key in strings("de") else code


def t(key: str, lang: str = "de", **values: object) -> str:
    """The text for `key` in `lang`, falling back to German, then to the key itself."""
    text = strings(lang if lang in LANGUAGES else "de").get(key) or strings("de").get(key, key)
    return text.format(**values) if values else text
