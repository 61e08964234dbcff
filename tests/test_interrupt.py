"""Ctrl-C (SIGINT, sent by the test) in the middle of `run` and `import`: the command stops
within seconds, says so in one line, exits 130, and leaves consistent outputs — the
manifest, the records and the tables of `run` agree on what finished; the store of
`import` holds whole reports only, and a second import finishes the rest.

Each case runs EXTRACTOR_CTRLC_REPEATS times (default 2; set 20 for the long version)."""
import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

REPEATS = int(os.environ.get("EXTRACTOR_CTRLC_REPEATS", "2"))
N_FILES = 400  # a report takes a few ms: the batch is still running when the signal comes
REPORT = ("{county}财政局2019年度第{i}号项目绩效评价报告\n\n一、基本情况\n项目预算资金{n}万元，实际到位{n}万元，"
          "已支出{m}万元，执行率{rate}%。\n\n二、存在的问题\n（一）绩效目标不够明确。\n")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    src = tmp_path_factory.mktemp("ctrlc") / "in"
    src.mkdir()
    for i in range(N_FILES):
        n, m = 100 + i, 90 + i
        text = REPORT.format(county=f"第{i}县", i=i, n=n, m=m, rate=f"{m / n * 100:.2f}")
        (src / f"r{i:04d}.txt").write_text(text, encoding="utf-8")
    return src


def interrupt(args, ready, timeout=30):
    """Start the command, wait until `ready()` says it is under way, send SIGINT, and
    return (exit code, stderr, seconds from the signal to the exit)."""
    proc = subprocess.Popen([sys.executable, "-m", "extractor.cli", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + timeout
    while not ready() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, f"finished before it could be interrupted: {proc.communicate()[1]}"
    proc.send_signal(signal.SIGINT)
    sent = time.monotonic()
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("hung after Ctrl-C")
    return proc.returncode, err, time.monotonic() - sent


def assert_one_line(err: str) -> None:
    assert "Traceback" not in err and "Error" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("已中断") and "interrupted" in lines[0], err


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_in_run(tmp_path, reports, jobs):
    for k in range(REPEATS):
        out = tmp_path / f"out{k}"
        code, err, seconds = interrupt(["run", reports, "-o", out, "-j", jobs, "--no-progress"],
                                      lambda: len(os.listdir(out / "reports")) >= 5 if (out / "reports").is_dir()
                                      else False)
        assert code == 130, err
        assert seconds < 10
        assert_one_line(err)
        with open(out / "manifest.csv", encoding="utf-8-sig") as f:
            manifest = list(csv.DictReader(f))
        assert 0 < len(manifest) < N_FILES
        ok = {r["report_id"]: r for r in manifest if r["status"] == "ok"}
        assert len(ok) == len(manifest)
        # every record the manifest names is written, and nothing else is in the tables
        assert ok.keys() <= {p.stem for p in (out / "reports").iterdir()}
        with open(out / "facts.csv", encoding="utf-8-sig") as f:
            facts = list(csv.DictReader(f))
        assert {r["report_id"] for r in facts} == ok.keys()
        assert all(sum(1 for f in facts if f["report_id"] == rid) == int(r["facts"]) for rid, r in ok.items())
        with open(out / "dataset.csv", encoding="utf-8-sig") as f:
            assert [r["report_id"] for r in csv.DictReader(f)] == [r["report_id"] for r in manifest]
        assert (out / "audit.html").read_text(encoding="utf-8").count("<h2 id=") == len(ok)
        assert not [p for p in out.iterdir() if p.name.startswith(".extractor-")]  # no working folder left


def test_ctrl_c_in_import(tmp_path, reports):
    for k in range(REPEATS):
        db = tmp_path / f"s{k}.db"

        def under_way():
            if not db.exists():
                return False
            try:
                with sqlite3.connect(db, timeout=0.1) as c:
                    return c.execute("SELECT count(*) FROM reports").fetchone()[0] >= 5
            except sqlite3.Error:
                return False

        code, err, seconds = interrupt(["import", reports, "--db", db, "-j", 2, "--no-progress"], under_way)
        assert code == 130, err
        assert seconds < 10
        assert_one_line(err)
        with sqlite3.connect(db) as c:
            assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            stored = c.execute("SELECT count(*) FROM reports").fetchone()[0]
            assert 0 < stored < N_FILES
            assert c.execute("SELECT count(*) FROM inputs WHERE status = 'ok'").fetchone()[0] == stored
        # the next import finishes the rest
        r = subprocess.run([sys.executable, "-m", "extractor.cli", "import", reports, "--db", db, "-j", "2",
                            "--no-progress"], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        with sqlite3.connect(db) as c:
            assert c.execute("SELECT count(*) FROM reports").fetchone()[0] == N_FILES
