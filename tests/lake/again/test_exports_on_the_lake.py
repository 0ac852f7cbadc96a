"""The exports (deck, profile PDFs, workbook) and their refusals (tests/exports/test_exports.py) on DuckLake."""

import pytest

from tests.exports.test_exports import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake
