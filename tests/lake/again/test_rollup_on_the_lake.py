"""The yearly rollup (tests/warehouse/test_rollup.py) once more on DuckLake."""

import pytest

from tests.warehouse.test_rollup import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
