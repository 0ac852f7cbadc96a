"""The hostile files (tests/ingest/test_hostile_files.py) once more, imported into DuckLake: each is
refused with its file, line and column, one 'refused' row in the log, and the lake's tables exactly
as before; the valid but unusual deliveries import."""

import pytest

from tests.ingest.test_hostile_files import *  # the same tests, collected here once more
from tests.lake.conftest import new_lake

pytestmark = pytest.mark.lake


@pytest.fixture(scope="module")
def shared_empty_lake(postgres, tmp_path_factory):
    """One lake for the module, built by init without demo data: a refused import leaves it as it
    was (what each test checks), so the tests need not build a lake each."""
    import os

    from dashboard.ingest.init import init_warehouse

    lake = new_lake(postgres, tmp_path_factory.mktemp("hostile-lake"))
    init_warehouse(lake, demo=False)
    return lake, os.environ["DASHBOARD_LAKE_DATA"]


@pytest.fixture
def empty_warehouse(shared_empty_lake, monkeypatch):
    lake, data = shared_empty_lake
    monkeypatch.setenv("DASHBOARD_LAKE_DATA", data)
    return lake
