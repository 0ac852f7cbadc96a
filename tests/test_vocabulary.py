"""One home per vocabulary: the schema's allowed values, the import checks and the labels in both
languages follow dashboard/vocabulary.py."""

from __future__ import annotations

import re

import pytest

from dashboard import vocabulary as v
from dashboard.i18n import strings
from dashboard.ingest.kinds import KINDS
from dashboard.warehouse.connection import reader

SCHEMA_CODES = {
    "direction": v.DIRECTIONS,
    "age_group": v.AGE_GROUPS,
    "sex": v.SEXES,
    "origin": v.ORIGINS,
    "format": v.ROUND_TABLE_FORMATS,
}
VOCABULARIES = [
    v.DIRECTIONS,
    v.AGE_GROUPS,
    v.SEXES,
    v.ORIGINS,
    v.ROUND_TABLE_FORMATS,
    v.NETWORKS,
    v.TARGET_KPIS,
    v.TARGET_SCOPES,
]


def test_the_schema_allows_exactly_the_vocabulary(empty_warehouse):
    with reader(empty_warehouse) as con:
        checks = con.execute(
            "select table_name, constraint_text from duckdb_constraints() "
            "where constraint_type = 'CHECK' and constraint_text ilike '% IN (%'"
        ).fetchall()
    found = 0
    for table, text in checks:
        column, codes = re.search(r"\((\w+) IN \((.*)\)\)", text).groups()
        if column in SCHEMA_CODES:
            found += 1
            assert tuple(re.findall(r"'([^']*)'", codes)) == SCHEMA_CODES[column], (table, column)
    assert found >= 6  # registration's four, registration_year's direction, round_table's format


def test_every_import_check_reads_the_vocabulary():
    coded = [
        (kind.name, column, spec.allowed)
        for kind in KINDS.values()
        for column, spec in kind.fields.items()
        if spec.allowed
    ]
    assert coded
    for name, column, allowed in coded:
        assert any(allowed is vocabulary for vocabulary in VOCABULARIES), (name, column)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize(
    ("group", "codes"),
    [
        ("target_group", tuple(v.TARGET_GROUPS)),
        ("origin", v.ORIGIN_ORDER),
        ("network", v.NETWORKS),
        ("round_table_format", v.ROUND_TABLE_FORMATS),
        ("kpi", v.TARGET_KPIS),
    ],
)
def test_every_code_has_a_label_in_both_languages(group, codes, lang):
    labels = strings(lang)
    assert [c for c in codes if f"{group}.{c}" not in labels] == []
