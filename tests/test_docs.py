"""The README documents every command, template and setting (it is the users' manual)."""

import dataclasses

from dashboard.cli import parser
from dashboard.config import PROJECT_ROOT, Settings
from dashboard.ingest.kinds import KINDS

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_setup_and_test_commands():
    head = README[:600]
    for command in ("pip install -r requirements.txt", "streamlit run dashboard/app.py", "pytest"):
        assert command in head


def test_every_cli_command_is_documented():
    commands = parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"python -m dashboard {name}" in README or f"`{name}`" in README, name


def test_every_import_kind_and_column_is_documented():
    for name, kind in KINDS.items():
        assert f"`data/templates/{name}.csv`" in README
        for column in kind.fields:
            assert f"`{column}`" in README


def test_every_setting_is_documented():
    for setting in dataclasses.fields(Settings):
        env = setting.metadata["help"].split("env ")[-1].rstrip(")")
        assert env.split(",")[0].strip() in README, setting.name


def test_ci_runs_exactly_the_readme_test_command():
    ci = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -r requirements.txt" in ci
    assert ci.strip().splitlines()[-1] == "pytest"
