"""The flow KPIs (tests/kpis/test_flows.py) once more on the demo lake, against the raw demo files."""

import pytest

from tests.kpis.test_flows import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
