"""Without data, or for a town without moves, pages say so instead of failing."""

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.cli import main
from tests.pages.conftest import APP


@pytest.fixture
def sparse_warehouse(empty_warehouse, monkeypatch, tmp_path):
    monkeypatch.setenv("DASHBOARD_DB", str(empty_warehouse))
    return empty_warehouse


def test_no_registrations_at_all(sparse_warehouse):
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    assert any("noch keine Zu- und Fortzüge" in i.value for i in at.info)
    assert not any("Demodaten" in m.value for m in at.markdown)


def test_town_without_moves_says_so(sparse_warehouse, tmp_path):
    moves = tmp_path / "werdohl.csv"
    moves.write_text(
        "ags,month,direction,age_group,sex,origin,persons\n05962060,2024-03-01,in,30-49,f,nrw,3\n", encoding="utf-8"
    )
    assert main(["--db", str(sparse_warehouse), "import", "registrations", str(moves)]) == 0
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["kommunen"] = "05958004"
    at.run()
    at.switch_page("views/inflow.py").run()
    assert not at.exception
    assert any("keine Zu- oder Fortzüge" in w.value for w in at.warning)
    assert {m.label: m.value for m in at.metric}["Zuzüge"] == "0"
