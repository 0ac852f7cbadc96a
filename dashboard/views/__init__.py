"""Streamlit pages: layout only (run as scripts by st.navigation)."""
