"""Streamlit entry: page frame, shared sidebar, demo badge and navigation (`streamlit run dashboard/app.py`)."""

import time

import streamlit as st

from dashboard.i18n import t
from dashboard.ui import cache
from dashboard.ui.bootstrap import ensure_warehouse
from dashboard.ui.components import app_style, demo_badge
from dashboard.ui.context import language, sidebar
from dashboard.ui.plot import script_in_place

run_started = time.perf_counter()
st.set_page_config(page_title="Willkommensmonitor Südwestfalen", page_icon=":material/diversity_3:", layout="wide")
lang = language()
script_in_place()
ensure_warehouse(lang)
db, version = str(cache.warehouse_path()), cache.version()
# the page links come first in the sidebar, above the filters that sidebar() draws
navigation_box = st.sidebar.container()
context = sidebar(db, version, cache.reference(db, version))
lang = context.lang

pages = {
    t("nav.section_analysis", lang): [
        # the start page lives at "/" (Streamlit serves the default page there, not under a path)
        st.Page("views/overview.py", title=t("nav.overview", lang), icon=":material/dashboard:", default=True),
        st.Page("views/inflow.py", title=t("nav.inflow", lang), icon=":material/moving:", url_path="zuzug"),
        st.Page("views/flows.py", title=t("nav.flows", lang), icon=":material/swap_calls:", url_path="stroeme"),
        st.Page("views/campaigns.py", title=t("nav.campaigns", lang), icon=":material/campaign:", url_path="kampagnen"),
        st.Page("views/network.py", title=t("nav.network", lang), icon=":material/hub:", url_path="netzwerk"),
        st.Page(
            "views/profile.py", title=t("nav.profile", lang), icon=":material/location_city:", url_path="steckbrief"
        ),
        st.Page(
            "views/presentation.py",
            title=t("nav.presentation", lang),
            icon=":material/slideshow:",
            url_path="praesentation",
        ),
    ],
    t("nav.section_data", lang): [
        st.Page("views/explorer.py", title=t("nav.explorer", lang), icon=":material/terminal:", url_path="explorer"),
        st.Page("views/glossary.py", title=t("nav.glossary", lang), icon=":material/menu_book:", url_path="glossar"),
        st.Page("views/data.py", title=t("nav.data", lang), icon=":material/database:", url_path="daten"),
    ],
}
# Streamlit's own sidebar navigation puts its list items outside a list (WCAG 1.3.1), so the
# pages are offered as plain page links under their section headings
navigation = st.navigation(pages, position="hidden")
with navigation_box:
    for section, section_pages in pages.items():
        st.markdown(f"**{section}**")
        for page in section_pages:
            st.page_link(page)
    app_style()
st.sidebar.caption(f"{t('app_title', lang)} · {t('app_subtitle', lang)}")
if navigation.url_path != "praesentation":  # a slide carries its data note in its own footer
    demo_badge(context.reference, lang)
navigation.run()
# server time of this run, read by benchmarks/rerun.py
st.session_state["_run_ms"] = (time.perf_counter() - run_started) * 1000
