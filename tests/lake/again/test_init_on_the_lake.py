"""init and its CLI (tests/warehouse/test_init.py) once more on DuckLake."""

import pytest

from tests.warehouse.test_init import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
