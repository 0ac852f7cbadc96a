"""Bulk imports (tests/ingest/test_bulk.py) once more on DuckLake."""

import pytest

from tests.ingest.test_bulk import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
