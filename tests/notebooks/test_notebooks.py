"""The analyst notebooks run headlessly on a fresh warehouse, and are committed without outputs."""

import time

import nbformat
import pytest
from nbclient import NotebookClient

from dashboard.config import PROJECT_ROOT
from dashboard.warehouse.connection import data_version

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))
BUDGET_SECONDS = 120  # all notebooks together


def test_the_three_questions_have_notebooks():
    assert [p.name for p in NOTEBOOKS] == ["1.0-zuzug-zielgruppen.ipynb", "2.0-kampagnen-wirkung.ipynb",
                                           "3.0-netzwerk-wachstum.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_outputs_are_not_committed(path):
    book = nbformat.read(path, as_version=4)
    for cell in book.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


def test_notebooks_execute_on_a_fresh_warehouse(demo_warehouse, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(demo_warehouse))
    before = data_version(demo_warehouse)
    started = time.monotonic()
    for path in NOTEBOOKS:
        book = nbformat.read(path, as_version=4)
        NotebookClient(book, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        text = " ".join(str(o.get("text", "")) for c in book.cells if c.cell_type == "code" for o in c.outputs)
        assert "Demodaten (synthetisch" in text, path.name
    assert time.monotonic() - started < BUDGET_SECONDS
    assert data_version(demo_warehouse) == before  # a warehouse that exists is only read, never built again
