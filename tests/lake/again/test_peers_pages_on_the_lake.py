"""Comparable towns on the pages in AppTest (tests/pages/test_peers_pages.py) once more on DuckLake."""

import pytest

from tests.pages.test_peers_pages import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
