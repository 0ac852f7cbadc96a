"""GENESIS imports (tests/ingest/test_genesis.py) once more on DuckLake."""

import pytest

from tests.ingest.test_genesis import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
