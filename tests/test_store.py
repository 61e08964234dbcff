"""The store and `extractor import`: idempotent, duplicates found, unsafe archives refused."""
import sqlite3
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import extractor
from extractor import archives, importer
from extractor.store import Store

REPORT = "某县医保局2019年度项目绩效评价报告\n\n项目总投入1,000,000.00元，实际支出950,000.00元，执行率95.00%。综合评分为91分，评价等级为“优”。\n"


def cli(*args):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True, text=True)


def inputs(db):
    with sqlite3.connect(db) as c:
        return {p: (s, e) for p, s, e in c.execute("SELECT path, status, error_code FROM inputs")}


def test_import_is_idempotent_and_finds_duplicates(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(REPORT, encoding="utf-8")
    (src / "copy.txt").write_text(REPORT, encoding="utf-8")
    (src / "b.txt").write_text(REPORT.replace("91分", "85分").replace("优", "良"), encoding="utf-8")
    db = tmp_path / "s.db"
    r = cli("import", src, "--db", db, "-j", "2")
    assert r.returncode == 0, r.stderr
    statuses = sorted(s for s, _ in inputs(db).values())
    assert statuses == ["duplicate", "ok", "ok"]
    r = cli("import", src, "--db", db)
    assert sorted(s for s, _ in inputs(db).values()) == ["duplicate", "skipped", "skipped"]
    df = extractor.load_dataset(db)
    assert len(df) == 2 and set(df["grade"]) == {"优", "良"}
    assert set(df["spent"]) == {Decimal("950000")}


def test_each_file_is_read_once_by_its_worker(tmp_path, monkeypatch):
    """The workers are forked from this process, so the counting read_bytes goes with them;
    each read is appended to a file, which every process sees."""
    src = tmp_path / "in"
    src.mkdir()
    for name, text in (("a.txt", REPORT), ("copy.txt", REPORT), ("b.txt", REPORT.replace("91分", "85分"))):
        (src / name).write_text(text, encoding="utf-8")
    log = tmp_path / "reads.log"
    real = Path.read_bytes

    def counted(self):
        if self.parent == src:
            with open(log, "a", encoding="utf-8") as f:
                f.write(self.name + "\n")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", counted)
    db = tmp_path / "s.db"
    for _ in range(2):  # a first import, then one that finds everything stored
        importer.import_paths([src], db, jobs=2, progress=False)
    assert sorted(log.read_text(encoding="utf-8").split()) == sorted(["a.txt", "b.txt", "copy.txt"] * 2)
    assert sorted(s for s, _ in inputs(db).values()) == ["duplicate", "skipped", "skipped"]


def test_unsafe_and_oversized_archives_are_refused(tmp_path, monkeypatch):
    z = tmp_path / "bad.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("../escape.txt", REPORT)
        zf.writestr("ok.txt", REPORT)
    counts = importer.import_paths([z], tmp_path / "s.db", jobs=1, progress=False)
    rows = inputs(tmp_path / "s.db")
    assert rows[f"{z}!/../escape.txt"] == ("failed", "unsafe_path")
    assert rows[f"{z}!/ok.txt"][0] == "ok"
    assert counts == {"ok": 1, "skipped": 0, "duplicate": 0, "failed": 1}
    assert not (tmp_path / "escape.txt").exists()

    monkeypatch.setattr(archives, "MAX_BYTES", 100)
    big = tmp_path / "big.zip"
    with zipfile.ZipFile(big, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("zeros.txt", "0" * 10000)
    importer.import_paths([big], tmp_path / "s2.db", jobs=1, progress=False)
    assert inputs(tmp_path / "s2.db")[str(big)] == ("failed", "too_large")


def test_reviews_survive_a_reimport(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(REPORT, encoding="utf-8")
    db = tmp_path / "s.db"
    importer.import_paths([f], db, jobs=1, progress=False)
    with Store(db) as s:
        rid = s.db.execute("SELECT report_id FROM reports").fetchone()[0]
        with s.db:
            s.db.execute("INSERT INTO reviews VALUES (?,?,?,?,?,?)", (rid, "x1", "confirmed", "auditor", "ok", "now"))
        assert s.schema_version == 3
    f2 = tmp_path / "other" / "a.txt"
    f2.parent.mkdir()
    f2.write_bytes(f.read_bytes())
    importer.import_paths([f], db, jobs=1, progress=False)
    with Store(db) as s:
        assert s.db.execute("SELECT status FROM reviews").fetchone()[0] == "confirmed"


def test_dataset_command_writes_excel_parquet_and_charts(tmp_path):
    import pandas as pd

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(REPORT, encoding="utf-8")
    db = tmp_path / "s.db"
    importer.import_paths([src], db, jobs=1, progress=False)
    r = cli("dataset", "--db", db, "-o", tmp_path / "d.xlsx", "--charts", tmp_path / "charts")
    assert r.returncode == 0, r.stderr
    sheet = pd.read_excel(tmp_path / "d.xlsx", sheet_name="报告")
    assert "得分" in sheet.columns and sheet["得分"].iloc[0] == 91
    assert (tmp_path / "charts" / "scores_by_county.png").stat().st_size > 1000
    assert cli("dataset", "--db", db, "-o", tmp_path / "d.parquet").returncode == 0
    assert pd.read_parquet(tmp_path / "d.parquet")["report_id"].size == 1


def test_killed_import_resumes_and_the_store_stays_consistent(tmp_path):
    import os
    import signal
    import time

    src = tmp_path / "in"
    src.mkdir()
    n = 600  # enough that the batch is still running when it is killed (a report takes ~3 ms)
    for i in range(n):
        (src / f"r{i:03d}.txt").write_text(REPORT.replace("91分", f"{60 + i % 40}分") + "\n" * (i + 1),
                                           encoding="utf-8")
    db = tmp_path / "s.db"
    proc = subprocess.Popen([sys.executable, "-m", "extractor.cli", "import", str(src), "--db", str(db), "-j", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline:  # kill it once some reports are in, mid-batch
        time.sleep(0.02)
        if db.exists():
            try:
                with sqlite3.connect(db) as c:
                    if c.execute("SELECT count(*) FROM reports").fetchone()[0] >= 3:
                        break
            except sqlite3.Error:
                pass
    os.killpg(proc.pid, signal.SIGKILL)  # the importer and its workers, as a crash or kill -9 would
    proc.wait()
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        done = c.execute("SELECT count(*) FROM reports").fetchone()[0]
        # every stored report came with its facts (one transaction per report)
        assert c.execute("SELECT count(*) FROM reports r WHERE NOT EXISTS "
                         "(SELECT 1 FROM facts f WHERE f.report_id = r.report_id)").fetchone()[0] == 0
    assert 0 < done < n
    assert cli("import", src, "--db", db).returncode == 0
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM reports").fetchone()[0] == n
        statuses = dict(c.execute("SELECT status, count(*) FROM inputs GROUP BY status").fetchall())
    assert statuses == {"ok": n - done, "skipped": done}


def test_import_on_a_local_dask_cluster(tmp_path):
    import pytest

    pytest.importorskip("distributed", reason="the [dask] extra is not installed")
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"r{i}.txt").write_text(REPORT + "\n" * (i + 1), encoding="utf-8")
    db = tmp_path / "s.db"
    r = cli("import", src, "--db", db, "--dask", "local", "--no-progress")
    assert r.returncode == 0, r.stderr
    assert sorted(s for s, _ in inputs(db).values()) == ["ok"] * 6
    assert len(extractor.load_dataset(db)) == 6
