"""Steckbrief and Präsentation in AppTest (tests/pages/test_profile_presentation_pages.py) once more on DuckLake."""

import pytest

from tests.pages.test_profile_presentation_pages import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
