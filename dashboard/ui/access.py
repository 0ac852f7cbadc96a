"""Who may import and edit. Without configuration the app is open (meant for localhost) and says
so; with `.streamlit/secrets.toml` it asks for the editor role:

    [editor]
    password = "…"              # the simple option: one shared editor password

or Streamlit's own sign-in (OpenID Connect, `[auth]` section as in Streamlit's docs) with

    [editor]
    emails = ["name@suedwestfalen.com"]
"""

from __future__ import annotations

import hmac

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from dashboard.i18n import t

SESSION_KEY = "_editor_granted"


def _editor_settings() -> dict:
    try:
        return dict(st.secrets.get("editor", {}))
    except StreamlitSecretNotFoundError:  # no secrets file at all: not configured
        return {}


def _has_oidc() -> bool:
    try:
        return "auth" in st.secrets
    except StreamlitSecretNotFoundError:
        return False


def mode() -> str:
    """'open', 'password' or 'oidc'."""
    settings = _editor_settings()
    if settings.get("emails") and _has_oidc():
        return "oidc"
    if settings.get("password"):
        return "password"
    return "open"


def is_editor() -> bool:
    current = mode()
    if current == "open":
        return True
    if current == "oidc":
        user = st.user
        return bool(getattr(user, "is_logged_in", False)) and user.get("email") in _editor_settings()["emails"]
    return bool(st.session_state.get(SESSION_KEY))


def editor_gate(lang: str, key: str) -> bool:
    """True when the user may edit; otherwise draws the sign-in and returns False."""
    current = mode()
    if current == "open":
        st.caption(":material/lock_open: " + t("access.open", lang))
        return True
    if is_editor():
        st.caption(":material/verified_user: " + t("access.granted", lang))
        return True
    if current == "oidc":
        st.info(t("access.oidc", lang), icon=":material/lock:")
        if st.button(t("access.sign_in", lang), key=f"{key}_login"):
            st.login()
        return False
    with st.form(f"{key}_password"):
        password = st.text_input(t("access.password", lang), type="password")
        if st.form_submit_button(t("access.sign_in", lang)):
            if hmac.compare_digest(password.encode(), str(_editor_settings()["password"]).encode()):
                st.session_state[SESSION_KEY] = True
                st.rerun()
            st.error(t("access.wrong", lang))
    return False
