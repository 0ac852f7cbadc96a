"""Boundary imports (tests/ingest/test_boundaries.py) once more on DuckLake."""

import pytest

from tests.ingest.test_boundaries import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
