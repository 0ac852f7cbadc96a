"""The town-year base query (tests/queries/test_town_year_base.py) once more on DuckLake."""

import pytest

from tests.queries.test_town_year_base import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
