"""The campaign outcome (tests/kpis/test_campaign_outcome_on_demo.py) once more on the demo lake,
recomputed from the raw demo files. Its two tests on demo data without the campaigns' rise are left
out: they read a warehouse file of their own (a generator run and an init, 25 s), not the lake."""

import pytest

from tests.kpis.test_campaign_outcome_on_demo import (  # noqa: F401 (collected here once more)
    test_comparison_leaves_out_towns_of_campaigns_for_the_same_group,
    test_demo_rise_is_found,
    test_reach_map_and_funnel_equal_the_raw_files,
    test_region_wide_campaign_has_no_estimate,
)

pytestmark = pytest.mark.lake
