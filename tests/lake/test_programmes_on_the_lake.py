"""The programme effects (tests/kpis/test_programmes_on_demo.py) once more on the demo lake, against
the raw demo files."""

import pytest

from tests.kpis.test_programmes_on_demo import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake


@pytest.fixture(scope="session")
def demo_warehouse_master(lake_master):
    """The demo lake in place of the demo file: these tests only read it."""
    return lake_master[0]
