"""The analyst notebooks (tests/notebooks/test_notebooks.py) once more on DuckLake."""

import pytest

from tests.notebooks.test_notebooks import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
