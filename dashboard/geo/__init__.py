"""Boundaries for the map: official ones when imported, otherwise a schematic layer."""
