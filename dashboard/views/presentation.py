"""Präsentation: the round table's slides, full screen, stepped with the arrow keys; a kiosk mode
for a screen in the foyer (`?auto=20` advances every 20 s and loops) and a presenter view with the
speaker notes and the next slide (`?ansicht=referent`) that an audience window follows (`?raum=…`).
The same deck is downloaded as PPTX or PDF and its tables as XLSX."""

import html
import secrets
import time

import streamlit as st
import streamlit.components.v2 as components

from dashboard.exports import presentation, workbook
from dashboard.exports.commands import deck_footer
from dashboard.exports.deck import SLIDE_KEYS
from dashboard.i18n import t
from dashboard.i18n.format import period
from dashboard.service.selection import ALL_MONTHS
from dashboard.ui import cache
from dashboard.ui import state as url
from dashboard.ui.components import (
    guarded,
    invalid_link_value,
    link_to_page,
    require_registrations,
    style_sheet,
)
from dashboard.ui.context import current
from dashboard.ui.plot import plotly_chart

# Only the slide on the screen: no sidebar, header or toolbar, type that reads from the back.
SLIDE_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1rem 2rem 0.5rem; max-width: 100%; }
.slide-title { font-size: clamp(1.5rem, 2.6vw, 2.5rem); font-weight: 700; line-height: 1.15; margin: 0 0 0.3rem; }
.slide-message { font-size: clamp(1.05rem, 1.6vw, 1.55rem); line-height: 1.3; color: #222; margin-bottom: 0.4rem; }
.slide-footer { font-size: 0.85rem; color: #555; border-top: 1px solid #ddd; padding-top: 0.2rem; }
.slide-footer.demo { color: #8a4b08; }
.presenter-notes { font-size: 1.05rem; line-height: 1.45; white-space: pre-wrap; }
"""
# Arrow, page and space keys (presenter remotes send PageUp/PageDown) step through the slides.
KEYS_JS = """
export default function(component) {
  const { setTriggerValue } = component;
  window.__slideStep = setTriggerValue;
  if (!window.__slideKeys) {
    window.__slideKeys = true;
    let count = 0;
    document.addEventListener('keydown', (event) => {
      if (['INPUT', 'TEXTAREA', 'SELECT'].includes(event.target.tagName)) return;
      const next = ['ArrowRight', 'PageDown', ' '].includes(event.key);
      const back = ['ArrowLeft', 'PageUp'].includes(event.key);
      if (!next && !back) return;
      event.preventDefault();
      count += 1;
      window.__slideStep('step', (next ? 1 : -1) * 1000000 + count);
    });
  }
}
"""
slide_keys = components.component("willkommen.slide_keys", js=KEYS_JS)
INDEX = "slide_index"
SHOWN_AT = "_slide_shown_at"


@st.cache_resource
def rooms() -> dict[str, int]:
    """The slide each presenter view shows, by room code (an audience window follows it)."""
    return {}


context = current()
lang, selection = context.lang, context.selection
style_sheet(SLIDE_CSS)

require_registrations(context.reference, lang, title=t("nav.presentation", lang))

chosen, bad_slides = url.page_list("folien", list(SLIDE_KEYS))
chosen = chosen or list(SLIDE_KEYS)
number_text, _ = url.page_param("folie", "1", [str(n) for n in range(1, 100)])
auto_text, bad_auto = url.page_param("auto", "0", [str(n) for n in range(3601)])
auto = int(auto_text)
view, _ = url.page_param(url.VIEW, "publikum", ["publikum", "referent"])
room = st.query_params.get("raum", "")
room = room if room.isalnum() and len(room) <= 12 else ""


def step(by: int, total: int) -> None:
    st.session_state[INDEX] = (
        (st.session_state.get(INDEX, 0) + by) % total
        if auto or room
        else min(max(st.session_state.get(INDEX, 0) + by, 0), total - 1)
    )
    st.session_state[SHOWN_AT] = time.monotonic()


def draw(slide, footer: str, is_demo: bool, number: int, total: int, height: int = 520, key: str = "slide") -> None:
    st.markdown(
        f'<div class="slide-title">{html.escape(slide.title)}</div>'
        f'<div class="slide-message">{html.escape(slide.message)}</div>',
        unsafe_allow_html=True,
    )
    figure = presentation.slide_figure(slide.figure, font_size=17)
    figure.layout.height = height
    plotly_chart(figure, {"displayModeBar": False, "displaylogo": False}, key, lang)
    st.markdown(
        f'<div class="slide-footer{" demo" if is_demo else ""}">{html.escape(footer)} · {number}/{total}</div>',
        unsafe_allow_html=True,
    )


def controls(total: int, index: int) -> None:
    back, counter, forward, options, leave = st.columns([1, 1, 1, 2, 2], vertical_alignment="center")
    back.button(
        t("deck.previous", lang),
        icon=":material/arrow_back:",
        key="slide_back",
        on_click=step,
        args=(-1, total),
        disabled=index == 0 and not auto,
        width="stretch",
    )
    counter.markdown(f"**{t('deck.counter', lang, number=index + 1, total=total)}**")
    forward.button(
        t("deck.next", lang),
        icon=":material/arrow_forward:",
        key="slide_next",
        on_click=step,
        args=(1, total),
        disabled=index >= total - 1 and not auto,
        width="stretch",
        type="primary",
    )
    with options.popover(t("deck.settings", lang), icon=":material/tune:"):
        settings(total)
    with leave:
        link_to_page("views/overview.py", "", t("deck.exit", lang), ":material/close_fullscreen:")


def settings(total: int) -> None:
    """Slides, modes and downloads, out of the way of the slide."""
    st.caption(t("deck.period_note", lang, period=period(selection.year_from, selection.year_to, ALL_MONTHS, lang)))
    picked = st.pills(
        t("deck.choose", lang),
        list(SLIDE_KEYS),
        selection_mode="multi",
        default=chosen,
        format_func=lambda k: t(f"slide.{k}", lang),
        key="slide_keys_choice",
    )
    if sorted(picked) != sorted(chosen):
        st.query_params["folien"] = ",".join(k for k in SLIDE_KEYS if k in picked)
        st.session_state[INDEX] = 0
        st.rerun()
    st.caption(t("deck.modes", lang))
    st.markdown(f"- [{t('deck.presenter_view', lang)}](?ansicht=referent)\n- [{t('deck.kiosk', lang)}](?auto=20)")
    data = cache.deck_data(context.db, context.version, selection.year_from, selection.year_to)
    name = f"runder-tisch-{selection.year_from}-{selection.year_to}"
    footer = deck_footer(data, lang)
    slides = cache.slides(context.db, context.version, selection.year_from, selection.year_to, lang, tuple(chosen))
    st.download_button(
        t("deck.download_pptx", lang),
        lambda: presentation.pptx_bytes(slides, footer, data.is_demo),
        f"{name}.pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="deck_pptx",
        icon=":material/slideshow:",
        width="stretch",
    )
    st.download_button(
        t("deck.download_pdf", lang),
        lambda: presentation.pdf_bytes(slides, footer),
        f"{name}.pdf",
        "application/pdf",
        key="deck_pdf",
        icon=":material/picture_as_pdf:",
        width="stretch",
    )
    st.download_button(
        t("deck.download_xlsx", lang),
        lambda: workbook.xlsx_bytes(data, lang),
        f"{name}-tabellen.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="deck_xlsx",
        icon=":material/table:",
        width="stretch",
    )


def audience(slides, footer: str, is_demo: bool) -> None:
    """The slide alone; keys and buttons step, the foyer screen advances by itself, and an
    audience window of a room follows its presenter."""
    total = len(slides)
    pressed = slide_keys(key="slide_key_events", on_step_change=lambda: None)
    if pressed.step:
        step(1 if int(pressed.step) > 0 else -1, total)
    if room and room in rooms():
        st.session_state[INDEX] = rooms()[room] % total
    elif auto and time.monotonic() - st.session_state.get(SHOWN_AT, time.monotonic()) >= auto * 0.9:
        step(1, total)  # the foyer loop: a scheduled rerun of this fragment moves on
    index = min(st.session_state.get(INDEX, 0), total - 1)
    st.session_state.setdefault(SHOWN_AT, time.monotonic())
    st.query_params["folie"] = str(index + 1)
    draw(slides[index], footer, is_demo, index + 1, total)
    if not auto and not room:
        controls(total, index)


def presenter(slides, footer: str, is_demo: bool) -> None:
    """The presenter's screen: this slide, the next one, the speaker notes, the time; an audience
    window opened with the room's link follows every step."""
    total = len(slides)
    code = st.session_state.setdefault("_room_code", secrets.token_hex(3))
    pressed = slide_keys(key="slide_key_events", on_step_change=lambda: None)
    if pressed.step:
        step(1 if int(pressed.step) > 0 else -1, total)
    index = min(st.session_state.get(INDEX, 0), total - 1)
    rooms()[code] = index
    started = st.session_state.setdefault("_presenter_started", time.time())
    # the console's controls span the screen: in the slide's column they were cut on a laptop
    controls(total, index)
    minutes = int((time.time() - started) // 60)
    st.markdown(f"**{t('deck.elapsed', lang, minutes=minutes)}** · [{t('deck.audience_link', lang)}](?raum={code})")
    now, upcoming = st.columns([3, 2])
    with now:
        draw(slides[index], footer, is_demo, index + 1, total, height=420, key="presenter_now")
    with upcoming:
        if index + 1 < total:
            st.caption(t("deck.next_slide", lang))
            nxt = slides[index + 1]
            st.markdown(f"**{html.escape(nxt.title)}**")
            preview = presentation.slide_figure(nxt.figure, font_size=11)
            preview.layout.height = 220
            plotly_chart(preview, {"displayModeBar": False, "staticPlot": True}, "presenter_next", lang)
        st.caption(t("deck.notes", lang))
        st.markdown(f'<div class="presenter-notes">{html.escape(slides[index].notes)}</div>', unsafe_allow_html=True)


with guarded(lang):
    with st.spinner(t("deck.preparing", lang)):
        slides = cache.slides(context.db, context.version, selection.year_from, selection.year_to, lang, tuple(chosen))
        data = cache.deck_data(context.db, context.version, selection.year_from, selection.year_to)
    footer = deck_footer(data, lang)
    if INDEX not in st.session_state:
        st.session_state[INDEX] = min(int(number_text), max(len(slides), 1)) - 1
    for name, bad in (("folien", bad_slides), ("auto", bad_auto)):
        if bad:
            invalid_link_value(name, st.query_params.get(name), lang)
    if not slides:
        st.info(t("deck.none_chosen", lang), icon=":material/info:")
        settings(0)
    elif view == "referent":
        st.fragment(presenter)(slides, footer, data.is_demo)
    else:
        # only the slide reruns on a step; the foyer screen and an audience window rerun on a clock
        every = auto if auto else (2 if room else None)
        st.fragment(audience, run_every=every)(slides, footer, data.is_demo)
