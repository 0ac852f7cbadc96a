"""The drawers in AppTest (tests/pages/test_drawers.py) once more on DuckLake."""

import pytest

from tests.pages.conftest import warehouse_for_app  # noqa: F401 (its fixture, outside tests/pages)
from tests.pages.test_drawers import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake


@pytest.fixture(scope="session")
def demo_warehouse_master(lake_master):
    """The demo lake in place of the demo file, for the tests that only read."""
    return lake_master[0]


@pytest.fixture
def demo_warehouse(private_lake):
    """A demo lake of the test's own for the tests that change it."""
    return private_lake
