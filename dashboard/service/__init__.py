"""Page data: one function per page or panel, combining queries and KPIs (no Streamlit here).

Pages, exports, the CLI and the benchmarks all call these, so every figure has one source.
"""
