"""The import templates through the CLI (tests/ingest/test_templates.py) once more on DuckLake."""

import pytest

from tests.ingest.test_templates import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake


@pytest.fixture
def refusing_warehouse(shared_refusal_lake):
    return shared_refusal_lake
