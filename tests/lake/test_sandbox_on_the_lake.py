"""The sandbox suite (tests/explorer/test_sandbox.py) once more with the warehouse on DuckLake: every
escape refused and nothing changed, analytical queries, caps, time and memory limits."""

import pytest

from dashboard.service.explorer import SandboxRefused, run_query
from tests.explorer.test_sandbox import *  # the same tests, collected here once more
from tests.explorer.test_sandbox import PATH_PROBES

pytestmark = pytest.mark.lake


@pytest.fixture
def demo_warehouse(lake):
    """The session's demo lake in place of a copied demo file: every test here only reads it, and
    the ones that try to change it check that it stayed the same."""
    return lake


@pytest.mark.parametrize("sql", PATH_PROBES)
def test_server_paths_stay_hidden(lake, sql):
    """On the lake the server's secrets are its data folder and its catalog's address."""
    import os

    with pytest.raises(SandboxRefused) as refusal:
        run_query(lake, sql, time_limit_s=20)
    message = str(refusal.value)
    assert os.environ["DASHBOARD_LAKE_DATA"] not in message
    assert "dbname=" not in message and "port=" not in message


def test_a_warm_worker_sees_an_import_made_after_its_last_query(private_lake):
    """On a lake of its own: this one imports."""
    from tests.explorer import test_sandbox as on_the_file

    on_the_file.test_a_warm_worker_sees_an_import_made_after_its_last_query(private_lake)
