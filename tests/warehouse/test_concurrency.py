"""Two imports at the same time from two processes, and a third process reading meanwhile: both
imports land whole, nothing is lost or doubled, and the reader only ever sees complete imports."""

import subprocess
import sys
import textwrap
from pathlib import Path

from dashboard.config import PROJECT_ROOT
from dashboard.warehouse.connection import reader

COUNT = "select count(*) from registration"


def _delivery(path: Path, ags: str, months: int) -> int:
    lines = ["ags,month,direction,age_group,sex,origin,persons"]
    for month in range(1, months + 1):
        for age in ("0-17", "18-24", "25-29", "30-49", "50-64", "65+"):
            for sex in ("m", "f"):
                lines.append(f"{ags},2026-{month:02d}-01,in,{age},{sex},nrw,{month}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


READER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from dashboard.warehouse.connection import reader
    db, seconds = Path(sys.argv[1]), float(sys.argv[2])
    seen, end = [], time.monotonic() + seconds
    while time.monotonic() < end:
        with reader(db) as con:
            seen.append(con.execute("select count(*) from registration").fetchall()[0][0])
        time.sleep(0.05)
    print(",".join(map(str, sorted(set(seen)))))
""")


def test_two_imports_and_a_reader_at_once(demo_warehouse, tmp_path):
    with reader(demo_warehouse) as con:
        before = con.execute(COUNT).fetchall()[0][0]
    # months in the future of the demo data: nothing of the demo is replaced
    first, second = tmp_path / "werdohl.csv", tmp_path / "olpe.csv"
    rows_first, rows_second = _delivery(first, "05962060", 9), _delivery(second, "05966024", 10)
    command = [sys.executable, "-m", "dashboard", "--db", str(demo_warehouse), "import", "registrations"]
    watcher = subprocess.Popen(
        [sys.executable, "-c", READER, str(demo_warehouse), "8"],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    imports = [
        subprocess.Popen(
            [*command, str(path)], cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for path in (first, second)
    ]
    results = [p.communicate(timeout=120) for p in imports]
    assert [p.returncode for p in imports] == [0, 0], results
    out, err = watcher.communicate(timeout=120)
    assert watcher.returncode == 0, err
    with reader(demo_warehouse) as con:
        after = con.execute(COUNT).fetchall()[0][0]
        logged = con.execute(
            "select count(*) from import_log where file_name in ('werdohl.csv', 'olpe.csv') and status = 'ok'"
        ).fetchall()[0][0]
    assert after == before + rows_first + rows_second
    assert logged == 2
    allowed = {before, before + rows_first, before + rows_second, before + rows_first + rows_second}
    assert set(map(int, out.strip().split(","))) <= allowed  # never half an import


def test_sessions_of_the_app_read_while_an_upload_imports(demo_warehouse):
    """In the app's process: another session reads the committed state while an import's
    transaction is open, and two imports in the same process take turns."""
    import threading
    import time

    from dashboard.warehouse.connection import writer

    def count() -> int:
        with reader(demo_warehouse) as con:
            return con.execute("select count(*) from population").fetchall()[0][0]

    before, seen, order = count(), [], []

    def slow_import(name: str, delete: bool) -> None:
        with writer(demo_warehouse) as con:
            order.append(f"{name} start")
            con.begin()
            if delete:
                con.execute("delete from population where year = 2015")
            time.sleep(1.0)
            con.commit()
            order.append(f"{name} end")

    first = threading.Thread(target=slow_import, args=("a", True))
    second = threading.Thread(target=slow_import, args=("b", False))
    first.start()
    time.sleep(0.3)
    second.start()
    seen.append(count())  # during the first import: the state before it
    first.join()
    second.join()
    assert seen == [before]
    assert count() == before - 59
    assert order in (["a start", "a end", "b start", "b end"], ["b start", "b end", "a start", "a end"])
