"""Who may import and edit. Without configuration the app is open (meant for localhost) and says
so; with `.streamlit/secrets.toml` it asks for the editor role (a configuration that names an
editor but cannot check one – emails without `[auth]`, an empty password – closes editing and
says why, it never falls back to open):

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


def problem() -> str | None:
    """Why a configuration that names an editor cannot check one (then nobody may edit), or None."""
    try:
        configured = "editor" in st.secrets
    except StreamlitSecretNotFoundError:
        return None
    if not configured:
        return None
    settings = _editor_settings()
    password = settings.get("password")
    if password is not None and not str(password).strip():
        return "empty_password"
    if password:
        return None
    if settings.get("emails"):
        return None if _has_oidc() else "emails_without_auth"
    return "nothing_to_check"


def mode() -> str:
    """'open' (nothing configured), 'password', 'oidc', or 'closed' (configured but not checkable)."""
    if problem():
        return "closed"
    settings = _editor_settings()
    if settings.get("password"):
        return "password"
    if settings.get("emails") and _has_oidc():
        return "oidc"
    return "open"


def is_editor() -> bool:
    current = mode()
    if current == "open":
        return True
    if current == "closed":
        return False
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
    if current == "closed":
        # an editor is named but cannot be checked: closed, never open to everyone
        st.error(t("access.closed", lang, reason=t(f"access.problem_{problem()}", lang)), icon=":material/lock:")
        return False
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
