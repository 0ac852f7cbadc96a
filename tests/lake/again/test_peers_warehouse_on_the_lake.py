"""Comparable towns in the warehouse (tests/warehouse/test_peers.py) once more on DuckLake."""

import pytest

from tests.warehouse.test_peers import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
