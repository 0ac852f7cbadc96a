"""The flows by month and age (tests/queries/test_flows_by_month_age.py) once more on the demo lake,
against the raw demo files."""

import pytest

from tests.queries.test_flows_by_month_age import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
