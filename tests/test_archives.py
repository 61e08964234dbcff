""".rar and .7z beside .zip in `import` and `run`: the corpus in each kind of archive
imports like the .zip; traversal entries, links, bombs, nesting past the limit, damaged
and encrypted archives are refused with their codes. The .7z files are written with py7zr
(and libarchive, which unlike py7zr writes '..' names), the .rar files by tests/rar_writer.py."""
from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import libarchive
import py7zr
import pytest

from extractor import archives, importer

from conftest import CORPUS
from rar_writer import rar_bytes

CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.is_file() and p.suffix != ".md" and not p.name.startswith("."))
REPORT = "某县医保局2019年度项目绩效评价报告\n\n项目总投入1,000,000.00元，实际支出950,000.00元，执行率95.00%。综合评分为91分。\n"


def write_archive(path: Path, members: list) -> Path:
    """members: (name in the archive, bytes), as .zip, .7z or .rar by the path's suffix."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in members:
                z.writestr(name, data)
    elif path.suffix == ".7z" and not any(".." in n or n.startswith("/") for n, _ in members):
        with py7zr.SevenZipFile(path, "w") as z:
            for name, data in members:
                z.writestr(data, name)
    elif path.suffix == ".7z":
        with libarchive.file_writer(str(path), "7zip") as w:
            for name, data in members:
                w.add_file_from_memory(name, len(data), data)
    else:
        path.write_bytes(rar_bytes(members))
    return path


def cli(*args):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=300)


def stored(db) -> dict:
    with sqlite3.connect(db) as c:
        return {p: (s, e, sha, err) for p, s, e, sha, err in
                c.execute("SELECT path, status, error_code, sha256, error FROM inputs")}


def test_the_corpus_in_a_rar_and_a_7z_imports_like_the_zip(tmp_path):
    members = [(f"reports/{f.name}" if f.suffix == ".txt" else f.name, f.read_bytes()) for f in CORPUS_FILES]
    zipped = write_archive(tmp_path / "corpus.zip", members)
    sevenz = write_archive(tmp_path / "corpus.7z", members)
    rar = write_archive(tmp_path / "corpus.rar", members)
    db = tmp_path / "store.db"
    r = cli("import", zipped, sevenz, rar, "--db", db, "-j", "2")
    assert r.returncode in (0, 1), r.stderr
    rows = stored(db)
    assert len(rows) == 3 * len(CORPUS_FILES)
    for name, _ in members:
        first = rows[f"{zipped}!/{name}"]
        assert first[0] == "ok", (name, first)
        # the same bytes from the other archives: duplicates of the .zip's member, named
        for other in (f"{sevenz}!/{name}", f"{rar}!/{name}"):
            assert rows[other][0] == "duplicate" and rows[other][2] == first[2], (other, rows[other])
            assert rows[other][3] == f"same bytes as {zipped}!/{name}"


def test_run_reads_archive_members_under_their_names(tmp_path):
    sevenz = write_archive(tmp_path / "a.7z", [("县/a.txt", REPORT.encode())])
    (tmp_path / "inner").mkdir()
    inner = write_archive(tmp_path / "inner" / "c.7z", [("c.txt", REPORT.replace("91", "77").encode())])
    rar = write_archive(tmp_path / "b.rar", [("b.txt", REPORT.replace("91", "88").encode("gb18030")),
                                             ("inner.7z", inner.read_bytes())])
    r = cli("run", sevenz, rar, "-o", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    with open(tmp_path / "out" / "manifest.csv", encoding="utf-8-sig") as f:
        rows = {row["path"]: row["status"] for row in csv.DictReader(f)}
    names = {f"{sevenz}!/县/a.txt", f"{rar}!/b.txt", f"{rar}!/inner.7z!/c.txt"}
    assert rows == dict.fromkeys(names, "ok")
    scores = {json.loads(p.read_text(encoding="utf-8"))["source"]["path"]:
              json.loads(p.read_text(encoding="utf-8"))["metadata"]["score"]
              for p in (tmp_path / "out" / "reports").glob("*.json")}
    assert scores == {f"{sevenz}!/县/a.txt": 91, f"{rar}!/b.txt": 88, f"{rar}!/inner.7z!/c.txt": 77}


@pytest.mark.parametrize("suffix", [".zip", ".7z", ".rar"])
def test_traversal_entries_are_refused(tmp_path, suffix):
    archive = write_archive(tmp_path / f"bad{suffix}", [("../escape.txt", REPORT.encode()),
                                                       ("/abs.txt", REPORT.encode()),
                                                       ("ok.txt", REPORT.encode())])
    counts = importer.import_paths([archive], tmp_path / "s.db", jobs=1, progress=False)
    rows = stored(tmp_path / "s.db")
    assert {p: rows[p][:2] for p in rows} == {f"{archive}!/../escape.txt": ("failed", "unsafe_path"),
                                              f"{archive}!//abs.txt": ("failed", "unsafe_path"),
                                              f"{archive}!/ok.txt": ("ok", "")}
    assert counts["ok"] == 1 and not (tmp_path / "escape.txt").exists()


@pytest.mark.parametrize("suffix", [".zip", ".7z"])
def test_a_bomb_is_refused_as_too_large(tmp_path, monkeypatch, suffix):
    """16 MB of zeros deflate to 16 KB (1000:1) and go into LZMA far smaller: past the grace
    size (lowered here from 256 MB to keep the test fast) the ratio refuses the archive, and
    the member unpacked before the bomb is not imported either."""
    monkeypatch.setattr(archives, "GRACE_BYTES", 4 << 20)
    archive = write_archive(tmp_path / f"bomb{suffix}", [("a.txt", REPORT.encode()), ("zeros.txt", bytes(16 << 20))])
    importer.import_paths([archive], tmp_path / "s.db", jobs=1, progress=False)
    rows = stored(tmp_path / "s.db")
    assert list(rows) == [str(archive)]
    status, code, _, error = rows[str(archive)]
    assert (status, code) == ("failed", "too_large") and "zeros.txt" in error


def test_a_rar_bomb_is_refused_by_its_declared_size_and_by_its_bytes(tmp_path, monkeypatch):
    """RAR's free writers store, never compress, so a RAR bomb here is a header declaring
    20 GB, or (caps lowered) more stored bytes than the budget."""
    declared = write_archive(tmp_path / "declared.rar", [("a.txt", REPORT.encode(), 20 << 30)])
    importer.import_paths([declared], tmp_path / "s.db", jobs=1, progress=False)
    assert stored(tmp_path / "s.db")[str(declared)][:2] == ("failed", "too_large")
    monkeypatch.setattr(archives, "MAX_BYTES", 1 << 20)
    big = write_archive(tmp_path / "big.rar", [("a.txt", REPORT.encode()), ("b.txt", bytes(2 << 20))])
    importer.import_paths([big], tmp_path / "s2.db", jobs=1, progress=False)
    status, code, _, error = stored(tmp_path / "s2.db")[str(big)]
    assert (status, code) == ("failed", "too_large") and "b.txt" in error


def test_damaged_encrypted_and_too_deeply_nested_archives(tmp_path):
    good = write_archive(tmp_path / "good.7z", [("a.txt", REPORT.encode()), ("b.txt", REPORT.replace("91", "90").encode())])
    cut = tmp_path / "cut.7z"
    cut.write_bytes(good.read_bytes()[:60])
    (tmp_path / "noise.rar").write_bytes(b"not an archive at all" * 10)
    rar = rar_bytes([("a.txt", REPORT.replace("91", "80").encode()), ("b.txt", REPORT.replace("91", "81").encode())])
    # cut inside b.txt's data (libarchive does not check a stored RAR member's CRC, so a
    # flipped byte would pass: truncation is the damage it sees)
    (tmp_path / "cut.rar").write_bytes(rar[:rar.index(b"b.txt") + 40])
    with py7zr.SevenZipFile(tmp_path / "locked.7z", "w", password="密码") as z:
        z.writestr(REPORT.encode(), "a.txt")
    level2 = write_archive(tmp_path / "l2.zip", [("deep.7z", good.read_bytes())])
    level1 = write_archive(tmp_path / "l1.rar", [("l2.zip", level2.read_bytes())])
    paths = [cut, tmp_path / "noise.rar", tmp_path / "cut.rar", tmp_path / "locked.7z", level1]
    importer.import_paths(paths, tmp_path / "s.db", jobs=1, progress=False)
    rows = {p: v[:2] for p, v in stored(tmp_path / "s.db").items()}
    assert rows == {str(cut): ("failed", "corrupt_7z"), f"{tmp_path}/noise.rar": ("failed", "corrupt_rar"),
                    f"{tmp_path}/cut.rar!/a.txt": ("ok", ""), f"{tmp_path}/cut.rar!/b.txt": ("failed", "corrupt_rar"),
                    f"{tmp_path}/locked.7z!/a.txt": ("failed", "encrypted_archive"),
                    f"{level1}!/l2.zip!/deep.7z": ("failed", "nested_too_deep")}
