"""Glossar: every KPI's definition, unit and source (the text the KPI functions carry)."""

import streamlit as st

from dashboard.i18n import t
from dashboard.service.glossary import GLOSSARY
from dashboard.ui.context import current

context = current()
lang = context.lang
st.title(t("glossary.title", lang))
st.caption(t("glossary.intro", lang))
for term in GLOSSARY.values():
    with st.container(border=True):
        st.markdown(f"**{term.name[lang]}**")
        st.write(term.definition[lang])
        st.caption(f"{t('glossary.unit', lang)}: {term.unit[lang]} · {t('glossary.source', lang)}: {term.source[lang]}")
