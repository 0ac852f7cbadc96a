"""Präsentation: full-screen slides for the round table, the same deck as the PPTX/PDF export."""

import streamlit as st
import streamlit.components.v1 as components

from dashboard.exports import presentation, workbook
from dashboard.exports.commands import deck_footer
from dashboard.exports.deck import SLIDE_KEYS
from dashboard.i18n import t
from dashboard.i18n.format import period
from dashboard.service.selection import ALL_MONTHS
from dashboard.ui import cache
from dashboard.ui import state as url
from dashboard.ui.components import guarded, link_to_page, require_registrations
from dashboard.ui.context import current

# Large type, no sidebar or header: the room reads the slide from the back.
FULL_SCREEN_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"] { display: none; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem; max-width: 100%; }
</style>"""
SLIDE_CSS = """<style>
.slide-title { font-size: 2.6rem; font-weight: 700; line-height: 1.15; margin: 0.2rem 0 0.4rem; }
.slide-message { font-size: 1.6rem; line-height: 1.35; color: #333; margin-bottom: 0.6rem; }
</style>"""
# Arrow keys and page keys step through the slides (presenter remotes send PageUp/PageDown).
KEYS_JS = """<script>
const doc = window.parent.document;
if (!doc.__slideKeys) {
  doc.__slideKeys = true;
  doc.addEventListener('keydown', (event) => {
    if (['INPUT', 'TEXTAREA'].includes(event.target.tagName)) return;
    const next = ['ArrowRight', 'PageDown', ' '].includes(event.key);
    const back = ['ArrowLeft', 'PageUp'].includes(event.key);
    if (!next && !back) return;
    const button = doc.querySelector((next ? '.st-key-slide_next' : '.st-key-slide_back') + ' button');
    if (button && !button.disabled) { event.preventDefault(); button.click(); }
  });
}
</script>"""

context = current()
lang, selection = context.lang, context.selection
st.html(SLIDE_CSS)

require_registrations(context.reference, lang, title=t("nav.presentation", lang))

chosen, bad_slides = url.page_list("folien", list(SLIDE_KEYS))
chosen = chosen or list(SLIDE_KEYS)
number_text, _ = url.page_param("folie", "1", [str(n) for n in range(1, 100)])

with guarded(lang):
    slides = cache.slides(context.db, context.version, selection.year_from, selection.year_to, lang,
                          tuple(k for k in SLIDE_KEYS if k in chosen))
    total = len(slides)
    if "slide_index" not in st.session_state:
        st.session_state["slide_index"] = min(int(number_text), max(total, 1)) - 1
    index = min(st.session_state["slide_index"], max(total - 1, 0))

    def step(by: int) -> None:
        st.session_state["slide_index"] = min(max(index + by, 0), total - 1)

    full_screen = st.toggle(t("deck.fullscreen", lang), value=True, key="slides_fullscreen")
    if full_screen:
        st.html(FULL_SCREEN_CSS)
    back, counter, forward, leave = st.columns([1, 2, 1, 2], vertical_alignment="center")
    back.button(t("deck.previous", lang), icon=":material/arrow_back:", key="slide_back", on_click=step, args=(-1,),
                disabled=index == 0, width="stretch")
    counter.markdown(f"**{t('deck.counter', lang, number=index + 1 if total else 0, total=total)}** · "
                     f"{t('deck.keys', lang)}")
    forward.button(t("deck.next", lang), icon=":material/arrow_forward:", key="slide_next", on_click=step, args=(1,),
                   disabled=index >= total - 1, width="stretch", type="primary")
    with leave:
        link_to_page("views/overview.py", "", t("deck.exit", lang), ":material/close_fullscreen:")
    components.html(KEYS_JS, height=0)
    st.query_params["folie"] = str(index + 1)
    if bad_slides:
        st.warning(t("filters.invalid", lang, name="folien", value=st.query_params.get("folien")))

    if not slides:
        st.info(t("deck.none_chosen", lang), icon=":material/info:")
    else:
        slide = slides[index]
        st.markdown(f'<div class="slide-title">{slide.title}</div><div class="slide-message">{slide.message}</div>',
                    unsafe_allow_html=True)
        st.plotly_chart(presentation.slide_figure(slide.figure, font_size=17), key=f"slide_{slide.key}",
                        config={"displaylogo": False})

    with st.expander(t("deck.settings", lang), icon=":material/tune:"):
        st.caption(t("deck.period_note", lang, period=period(selection.year_from, selection.year_to, ALL_MONTHS, lang)))
        picked = st.pills(t("deck.choose", lang), list(SLIDE_KEYS), selection_mode="multi", default=chosen,
                          format_func=lambda k: t(f"slide.{k}", lang), key="slide_keys")
        if sorted(picked) != sorted(chosen):
            st.query_params["folien"] = ",".join(k for k in SLIDE_KEYS if k in picked)
            st.session_state["slide_index"] = 0
            st.rerun()
    with st.expander(t("deck.downloads", lang), icon=":material/download:"):
        data = cache.deck_data(context.db, context.version, selection.year_from, selection.year_to)
        name = f"runder-tisch-{selection.year_from}-{selection.year_to}"
        columns = st.columns(3)
        columns[0].download_button(t("deck.download_pptx", lang), lambda: presentation.pptx_bytes(slides), f"{name}.pptx",
                                   "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                                   key="deck_pptx", icon=":material/slideshow:")
        columns[1].download_button(t("deck.download_pdf", lang),
                                   lambda: presentation.pdf_bytes(slides, deck_footer(data, lang)), f"{name}.pdf",
                                   "application/pdf", key="deck_pdf", icon=":material/picture_as_pdf:")
        columns[2].download_button(t("deck.download_xlsx", lang), lambda: workbook.xlsx_bytes(data, lang),
                                   f"{name}-tabellen.xlsx",
                                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                   key="deck_xlsx", icon=":material/table:")
