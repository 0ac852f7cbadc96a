"""The official exports (tests/official/test_official_layouts.py) once more, imported into DuckLake:
every migration and population cell equals the file, markers stay missing with their reason, a
layout that is not understood is refused with its place and the lake unchanged."""

import pytest

from tests.conftest import new_lake, with_official_files
from tests.official.test_official_layouts import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake


@pytest.fixture(scope="module")
def official_master(postgres, tmp_path_factory):
    """A new lake with every official fixture file imported through the CLI, as on the file."""
    return with_official_files(new_lake(postgres, tmp_path_factory.mktemp("official-lake")))


@pytest.fixture
def empty_warehouse(empty_lake):
    return empty_lake
