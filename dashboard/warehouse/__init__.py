"""The DuckDB warehouse: the only package that opens connections."""
