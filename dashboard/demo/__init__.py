"""The seeded generator of synthetic demo data (never official figures)."""
