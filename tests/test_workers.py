"""One worker model for `run` and `import`: every file in a child process under the same
size, time and memory limits, with -j 1 too; a file that breaks one is failed with its
code and the batch goes on. (Workers are forked, so the limits and stand-ins patched here
reach them.)"""
import csv
import os
import signal
import sqlite3
import time

import pytest

from extractor import importer, pipeline, workers
from extractor.pipeline import extract_file
from extractor.runner import run_batch

REPORT = "某县财政局2018年度项目绩效评价报告\n\n一、基本情况\n项目资金{n}万元，已全部支出。\n"


def batch(tmp_path, names):
    src = tmp_path / "in"
    src.mkdir()
    for i, name in enumerate(names):
        (src / name).write_text(REPORT.format(n=50 + i), encoding="utf-8")
    return src


def misbehaving(path, data=None, sha256=""):
    """extract_file, but the file named for a misdeed commits it while it is extracted."""
    name = os.path.basename(path)
    if name.startswith("slow"):
        time.sleep(30)
    if name.startswith("stuck"):  # where the alarm cannot reach, as in a long C call
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(30)
    if name.startswith("greedy"):
        bytearray(workers.FILE_MEMORY_BYTES)
    if name.startswith("crash"):
        os._exit(3)  # as a library that aborts would end it
    return extract_file(path, data, sha256)


@pytest.fixture
def limits(monkeypatch):
    monkeypatch.setattr(pipeline, "extract_file", misbehaving)
    monkeypatch.setattr(workers, "FILE_SECONDS", 1)
    monkeypatch.setattr(workers, "KILL_GRACE_SECONDS", 1)
    monkeypatch.setattr(workers, "FILE_MEMORY_BYTES", 2 * 1024 ** 3)
    monkeypatch.setattr(workers, "FILE_MAX_BYTES", 1000)


NAMES = ["a.txt", "big.txt", "crash.txt", "greedy.txt", "slow.txt", "stuck.txt", "z.txt"]
EXPECTED = {"a.txt": "", "big.txt": "too_large", "crash.txt": "worker_crashed", "greedy.txt": "memory_limit",
            "slow.txt": "timeout", "stuck.txt": "timeout", "z.txt": ""}


@pytest.mark.parametrize("jobs", [1, 2])
def test_run_applies_the_limits_with_any_jobs(tmp_path, limits, jobs):
    src = batch(tmp_path, NAMES)
    (src / "big.txt").write_text(REPORT.format(n=1) * 40, encoding="utf-8")
    started = time.monotonic()
    summary = run_batch([src], tmp_path / "out", jobs=jobs, progress=False)
    assert time.monotonic() - started < 20
    with open(tmp_path / "out" / "manifest.csv", encoding="utf-8-sig") as f:
        rows = {os.path.basename(r["path"]): r for r in csv.DictReader(f)}
    assert {n: r["error_code"] for n, r in rows.items()} == EXPECTED, {n: r["error"] for n, r in rows.items()}
    assert rows["a.txt"]["status"] == rows["z.txt"]["status"] == "ok"
    assert "EXTRACTOR_FILE_SECONDS" in rows["slow.txt"]["error"]
    assert summary.counts == {"ok": 2, "failed": 5}


def test_import_applies_the_same_limits(tmp_path, limits):
    src = batch(tmp_path, NAMES)
    (src / "big.txt").write_text(REPORT.format(n=1) * 40, encoding="utf-8")
    db = tmp_path / "s.db"
    counts = importer.import_paths([src], db, jobs=2, progress=False)
    assert counts == {"ok": 2, "skipped": 0, "duplicate": 0, "failed": 5}
    with sqlite3.connect(db) as c:
        rows = {os.path.basename(p): code or "" for p, code in c.execute("SELECT path, error_code FROM inputs")}
    assert rows == EXPECTED


LAUNCHED = """
import sys
from extractor.workers import WorkerPool
pool = WorkerPool(2)
results = pool.map(sys.argv[1:])
next(results)
print(pool.launcher.proc.pid, *[w.pid for w in pool.workers], flush=True)
sys.stdin.read()  # until it is killed
"""


def test_workers_are_forked_by_the_launcher_and_end_with_the_parent(tmp_path):
    """Every worker is the launcher's child (forked from a process that stays as small as
    the parent was when the pool started); the parent killed outright (kill -9), the
    launcher and the workers read their connections' end and exit."""
    import subprocess
    import sys

    import psutil

    src = batch(tmp_path, [f"r{i}.txt" for i in range(6)])
    proc = subprocess.Popen([sys.executable, "-c", LAUNCHED, *map(str, sorted(src.iterdir()))],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    launcher, *pids = map(int, proc.stdout.readline().split())
    assert len(pids) == 2 and {psutil.Process(p).ppid() for p in pids} == {launcher}
    proc.kill()
    proc.wait()

    def alive(pid):
        try:
            return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False
    deadline = time.monotonic() + 10
    while any(map(alive, [launcher, *pids])) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(alive, [launcher, *pids]))
