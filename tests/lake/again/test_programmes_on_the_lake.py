"""The programme effects (tests/kpis/test_programmes_on_demo.py) once more on the demo lake, against
the raw demo files."""

import pytest

from tests.kpis.test_programmes_on_demo import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
