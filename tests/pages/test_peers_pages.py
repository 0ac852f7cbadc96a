"""Towns like mine on the pages: which towns are like Werdohl and how Werdohl ranks among them
(Steckbrief), and the Zuzug page's comparison with them in one click."""

import re

from dashboard.warehouse.connection import reader
from dashboard.warehouse.peers import NEIGHBOURS

WERDOHL = "05962060"


def test_the_profile_names_werdohls_peers_with_reasons_and_its_rank(warehouse_for_app):
    from tests.pages.conftest import open_app, open_tab

    at = open_tab(open_app("views/profile.py", kommune=WERDOHL), "aehnliche")
    assert any(h.value == "Vergleichbare Kommunen" for h in at.subheader)
    # an HTML table (the reasons wrap on a phone), its figures written in German
    group = next(f.value for f in at.table if "warum vergleichbar" in f.value.columns)
    assert len(group) == NEIGHBOURS + 1 and "diese Kommune" in group["warum vergleichbar"].tolist()
    assert all(why for why in group["warum vergleichbar"])
    assert "Werdohl" in group.index
    assert all(re.fullmatch(r"[−+]?\d+,\d|–", value) for value in group["Saldo je 1.000 Einw."]), group
    assert any("Rang" in m.value and "von 6" in m.value for m in at.markdown)


def test_the_zuzug_comparison_takes_the_peers_in_one_click(warehouse_for_app):
    from tests.pages.conftest import open_app

    at = open_app("views/inflow.py", kommunen=WERDOHL, verlauf="vergleich")
    at.button(key="comparison_peers").click().run()
    with reader(warehouse_for_app) as con:
        peers = [
            r[0]
            for r in con.execute("select peer_ags from peer where ags = $a order by rank", {"a": WERDOHL}).fetchall()
        ]
    assert list(at.session_state["comparison_towns"]) == peers
    assert not at.exception
