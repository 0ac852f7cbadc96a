"""The Kampagnen page in AppTest (tests/pages/test_campaigns_page.py) once more on DuckLake."""

import pytest

from tests.pages.test_campaigns_page import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
