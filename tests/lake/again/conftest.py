"""Modules of the suite collected once more on DuckLake: the tests that only read get the session's
demo lake, the tests that change data a demo lake of their own."""

import pytest

from tests.exports.conftest import chromium, pdftoppm  # noqa: F401 (the export modules' fixtures, outside tests/exports)
from tests.pages.conftest import warehouse_for_app  # noqa: F401 (the page modules' fixture, outside tests/pages)


@pytest.fixture(scope="session")
def demo_warehouse_master(lake_master):
    return lake_master[0]


@pytest.fixture
def demo_warehouse(private_lake):
    return private_lake


@pytest.fixture
def empty_warehouse(empty_lake):
    return empty_lake
