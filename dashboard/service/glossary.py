"""The glossary the pages show: every KPI's definition, unit and source (kept in the KPI layer,
beside the calculations it documents)."""

from dashboard.kpis.glossary import GLOSSARY, Term

__all__ = ["GLOSSARY", "Term"]
