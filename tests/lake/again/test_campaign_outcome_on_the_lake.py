"""The campaign outcome (tests/kpis/test_campaign_outcome_on_demo.py) once more on the demo lake,
recomputed from the raw demo files."""

import pytest

from tests.kpis.test_campaign_outcome_on_demo import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
