"""The drawers in AppTest (tests/pages/test_drawers.py) once more on DuckLake."""

import pytest

from tests.pages.test_drawers import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
