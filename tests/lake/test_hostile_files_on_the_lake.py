"""The hostile files (tests/ingest/test_hostile_files.py) once more, imported into DuckLake: each is
refused with its file, line and column, one 'refused' row in the log, and the lake's tables exactly
as before; the valid but unusual deliveries import."""

import pytest

from tests.ingest.test_hostile_files import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake


@pytest.fixture(scope="module")
def shared_lake(postgres, empty_lake_master, tmp_path_factory):
    """One lake for the module, a copy of the session's lake built by init without demo data, with
    the template campaign imported once: a refused import leaves it as it was (what each test
    checks), so the tests need not copy one each."""
    data = tmp_path_factory.mktemp("hostile-lake") / "lake-data"
    return with_template_campaign(postgres.copy_lake(empty_lake_master, data)), data


@pytest.fixture
def warehouse(shared_lake, monkeypatch):
    lake, data = shared_lake
    monkeypatch.setenv("DASHBOARD_LAKE_DATA", str(data))
    return lake
