"""The Daten page in AppTest (tests/pages/test_data_page.py) once more on DuckLake."""

import pytest

from tests.pages.test_data_page import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
