"""KPI functions: pure pandas, DataFrames in and out, no I/O, no Streamlit."""
