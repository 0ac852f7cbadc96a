"""The only Streamlit code outside the pages: URL state, cached data, shared components."""
