"""The app-wide AppTest module (tests/pages/test_app.py) once more on DuckLake."""

import pytest

from tests.pages.test_app import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
