"""Numbers, percentages, money and dates in the UI language (German: 1.234,5 · 24.11.2026)."""

from __future__ import annotations

import datetime as dt
import math

MONTHS = {
    "de": ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}
MISSING = "–"


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float | None, lang: str = "de", decimals: int = 0, sign: bool = False) -> str:
    if _is_missing(value):
        return MISSING
    text = f"{value:{'+' if sign else ''},.{decimals}f}"
    if sign and round(value, decimals) == 0:  # neither gain nor loss: "±0", not "+0" or "−0,0"
        text = "±" + text.lstrip("+-")
    if lang == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text.replace("-", "−")


def prose_number(value: float | None, lang: str = "de") -> str:
    """A number inside a sentence: whole numbers and values of 100 or more without decimals,
    others with one (a message's "found 3,7 km²", a chart's "from −2,1 to 8")."""
    if _is_missing(value):
        return MISSING
    return number(value, lang, 0 if float(value).is_integer() or abs(value) >= 100 else 1)


def compact(value: float | None, lang: str = "de") -> str:
    """Large counts for narrow cards: 21,2 Mio. / 21.2M; below a million the full number."""
    if _is_missing(value) or abs(value) < 1_000_000:
        return number(value, lang)
    return f"{number(value / 1_000_000, lang, 1)} Mio." if lang == "de" else f"{number(value / 1_000_000, lang, 1)}M"


def percent(value: float | None, lang: str = "de", decimals: int = 1, sign: bool = False) -> str:
    if _is_missing(value):
        return MISSING
    text = number(value * 100, lang, decimals, sign)
    return f"{text} %" if lang == "de" else f"{text}%"


# Money below this amount (unit costs: per lead, per click) shows cents; budgets and spend do not.
CENTS_BELOW_EUR = 1000


def money(value: float | None, lang: str = "de", sign: bool = False) -> str:
    """Euros by one rule: amounts under 1.000 € with two decimals (48,94 €), larger ones whole
    (240.000 €); with `sign`, a change (+1,20 €)."""
    if _is_missing(value):
        return MISSING
    text = number(value, lang, 2 if abs(value) < CENTS_BELOW_EUR else 0, sign)
    return f"{text} €" if lang == "de" else f"€{text}".replace("€+", "+€").replace("€−", "−€")


def date(value: dt.date | None, lang: str = "de") -> str:
    if value is None:
        return MISSING
    return value.strftime("%d.%m.%Y") if lang == "de" else value.strftime("%d %b %Y")


def period_label(value: str | None, lang: str = "de") -> str:
    """A stored period ("2024", a month "2024-03", a day "2024-03-05") as users read it: 2024,
    März 2024 (a month is never written as its first day) or 05.03.2024."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    text = str(value)
    if len(text) == 7:
        return month(dt.date.fromisoformat(f"{text}-01"), lang)
    return date(dt.date.fromisoformat(text[:10]), lang) if len(text) >= 10 else text


def month(value: dt.date, lang: str = "de") -> str:
    return f"{MONTHS[lang][value.month - 1]} {value.year}"


def period(year_from: int, year_to: int, months: tuple[int, ...], lang: str = "de") -> str:
    years = str(year_from) if year_from == year_to else f"{year_from}–{year_to}"
    if len(months) == 12:
        return years
    names = MONTHS[lang]
    if months == tuple(range(months[0], months[-1] + 1)):
        return f"{names[months[0] - 1]}–{names[months[-1] - 1]} {years}"
    return f"{', '.join(names[m - 1] for m in months)} {years}"


# plotly hover/axis formats use d3: German separators come from the figure's locale setting
def d3_separators(lang: str) -> str:
    return ",." if lang == "de" else ".,"


def kpi_value(value: float | None, unit: str, lang: str = "de", sign: bool = False) -> str:
    """A KPI value by its unit: 'count' (1.234), 'balance' (always signed: +4.937), 'share'
    (45,0 %), 'money' (48,94 €); with `sign`, a change (+1,3 Pp. for shares)."""
    if unit == "share":
        # a change of a share is in percentage points, not per cent
        if sign:
            return number(None if _is_missing(value) else value * 100, lang, 1, sign) + (
                " Pp." if lang == "de" else " pp"
            )
        return percent(value, lang, 1)
    if unit == "money":
        return money(value, lang, sign)
    return number(value, lang, 0, sign or unit == "balance")


def delta_arrow(value: float | None) -> str:
    """The arrow of a change shown as st.metric's delta: the text keeps the typographic minus."""
    if _is_missing(value) or value == 0:
        return "off"
    return "up" if value > 0 else "down"


def parse_number(text: object, lang: str = "de") -> float | None:
    """A number as users type it in the UI language ('1.234,5', '−1.770', '60 %', '48,94 €';
    English '1,234.5'), None where it is not one. A per-cent sign divides by 100."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        return None if _is_missing(float(text)) else float(text)
    cleaned = str(text or "").strip().replace("\u202f", "").replace(" ", "").replace("−", "-").replace("€", "")
    share = cleaned.endswith("%")
    cleaned = cleaned.rstrip("%").rstrip()
    if lang == "de":
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value / 100 if share else value
