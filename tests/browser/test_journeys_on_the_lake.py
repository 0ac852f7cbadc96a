"""The main journey once more with the app on DuckLake: the Zuzug page loaded, filtered, reopened
from its link and filtered by a click on its map (the Daten page's upload, dry run and import on the
lake are AppTests: tests/lake/again/test_data_page_on_the_lake.py)."""

import pytest

from tests.browser.conftest import CHROMIUM, start_server, stop_server
from tests.browser.test_zuzug_journey import (  # noqa: F401 (collected here once more)
    test_clicking_a_town_on_the_map_filters_the_page,
    test_zuzug_loads_filters_and_reopens_from_its_link,
)

pytestmark = [pytest.mark.lake, pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(postgres, lake_master, tmp_path_factory):
    """`streamlit run` on a copy of the session's demo lake."""
    if not CHROMIUM.exists():
        pytest.skip("no Debian chromium at /usr/bin/chromium (apt-get install chromium)")
    lake = postgres.copy_lake(lake_master[2], tmp_path_factory.mktemp("journeys-lake") / "lake-data")
    url, process = start_server(lake)
    yield url
    stop_server(process)
