"""The hostile files (tests/ingest/test_hostile_files.py) once more, imported into DuckLake: each is
refused with its file, line and column, one 'refused' row in the log, and the lake's tables exactly
as before; the valid but unusual deliveries import."""

import pytest

from tests.ingest.test_hostile_files import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake


@pytest.fixture
def warehouse(shared_refusal_lake):
    return shared_refusal_lake
