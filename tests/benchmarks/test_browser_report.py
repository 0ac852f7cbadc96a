"""The browser benchmark's report: ratios against the bare page measured in the same run, and a
goal named as met or missed (the timing itself runs outside pytest: `python benchmarks/browser.py`)."""

import importlib.util

from dashboard.config import PROJECT_ROOT

_spec = importlib.util.spec_from_file_location("browser_benchmark", PROJECT_ROOT / "benchmarks" / "browser.py")
browser_benchmark = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(browser_benchmark)
report = browser_benchmark.report


def test_ratios_are_taken_against_the_bare_page_of_the_same_run(capsys):
    results = {
        "bare": {"cold": 2.0, "warm": 1.0, "rerun": 0.2, "rerun_bytes": 4096, "cold_bytes": 9000},
        "pages": {
            "zuzug": {
                "cold": 2.4,
                "cold_bytes": 1,
                "warm": 1.2,
                "filter": {"year": (0.28, 150 * 1024)},
                "map": (0.4, 100 * 1024),
            },
            "glossar": {"cold": 1.0, "cold_bytes": 1, "warm": 0.5},
        },
    }
    checks = dict(report(results))
    assert checks["zuzug: warm ≤ 1.3× bare"] is True  # 1.2 s against 1.0 s
    assert checks["zuzug: cold ≤ 1.3× bare"] is True  # 2.4 s against 2.0 s
    assert checks["zuzug: year ≤ 1.5× the bare rerun"] is True  # 0.28 s against 0.2 s
    assert checks["zuzug: map click ≤ 1.5× the bare rerun"] is False  # 0.4 s against 0.2 s
    assert checks["glossar: warm ≤ 1.5× bare"] is True
    printed = capsys.readouterr().out
    assert "year 0.28 s 1.4× 150 KB" in printed and "MISSED  zuzug: map click" in printed
