"""The app's and the command line's pictures (tests/exports/test_rendering.py) once more on DuckLake."""

import pytest

from tests.exports.test_rendering import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
