"""The empty states (tests/pages/test_empty_states.py) once more on DuckLake."""

import pytest

from tests.pages.test_empty_states import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
