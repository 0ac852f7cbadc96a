"""The data dictionary agrees with the live schema and data/DICTIONARY.md; the Explorer page runs
queries from the editor and from a shared link, refuses with a reason, and works in English."""

from dashboard.config import DICTIONARY_FILE
from dashboard.warehouse.connection import reader
from dashboard.warehouse.dictionary import dictionary, markdown
from tests.pages.conftest import open_app

PAGE = "views/explorer.py"


def test_every_table_and_column_is_described(demo_warehouse):
    with reader(demo_warehouse) as con:
        words = dictionary(con)
        tables = {
            t
            for (t,) in con.execute(
                "select table_name from information_schema.tables where table_schema = 'main'"
            ).fetchall()
        }
    assert set(words["table"]) == tables
    undescribed = words[words["meaning"] == ""][["table", "column"]].values.tolist()
    assert not undescribed, undescribed
    assert (words["source"] != "").all()


def test_dictionary_file_agrees_with_the_live_schema(demo_warehouse):
    with reader(demo_warehouse) as con:
        expected = markdown(dictionary(con))
    assert DICTIONARY_FILE.read_text(encoding="utf-8") == expected, (
        "data/DICTIONARY.md is stale: run `python -m dashboard dictionary`"
    )


def test_a_shared_link_shows_its_query_and_runs_it_only_on_the_visitors_click():
    at = open_app(PAGE, sql="select name from municipality where district = 'Kreis Olpe' order by name")
    assert at.text_area(key="sql_text").value.startswith("select name")
    tables = len(at.dataframe)  # the data dictionary's
    assert not any("7 Zeilen" in c.value for c in at.caption)  # nothing ran
    assert any("geteilten Link" in i.value for i in at.info)
    at.button(key="sql_run").click().run()
    assert any("7 Zeilen" in c.value for c in at.caption)
    assert len(at.dataframe) == tables + 1
    assert at.dataframe[0].value["name"].tolist()[0] == "Attendorn"


def test_page_refuses_with_the_reason_and_keeps_the_text():
    at = open_app(PAGE)
    at.text_area(key="sql_text").set_value("drop table municipality")
    at.button(key="sql_run").click().run()
    assert not at.exception
    assert any("DROP-Anweisungen sind im Explorer nicht erlaubt" in c.value for c in at.code)
    assert at.query_params["sql"] == "drop table municipality"


def test_examples_load_and_english_labels():
    at = open_app(PAGE, lang="en")
    assert at.title[0].value == "Explorer"
    at.selectbox(key="sql_example").set_value("02_kampagnenkosten_je_lead").run()
    assert "kosten_je_lead_eur" in at.text_area(key="sql_text").value
    at.button(key="sql_run").click().run()
    assert any("rows" in c.value for c in at.caption)
