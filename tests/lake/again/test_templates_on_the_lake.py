"""The import templates through the CLI (tests/ingest/test_templates.py) once more on DuckLake."""

import pytest

from tests.ingest.test_templates import *  # the same tests, collected here once more

pytestmark = pytest.mark.lake


@pytest.fixture(scope="module")
def shared_lake(postgres, empty_lake_master, tmp_path_factory):
    """One lake with the template campaign for the module's refusals: a refused import leaves it as
    it was (what each test checks), so they need not copy a lake each."""
    data = tmp_path_factory.mktemp("template-lake") / "lake-data"
    lake = postgres.copy_lake(empty_lake_master, data)
    assert main(["--db", str(lake), "import", "campaigns", str(TEMPLATES_DIR / "campaigns.csv")]) == 0
    return lake, data


@pytest.fixture
def refusing_warehouse(shared_lake, monkeypatch):
    lake, data = shared_lake
    monkeypatch.setenv("DASHBOARD_LAKE_DATA", str(data))
    return lake
