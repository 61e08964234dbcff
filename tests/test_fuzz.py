"""A seeded mutation fuzzer over the sample corpus (its web pages too), the real seeds
(when present) and an Excel sheet, through the batch runner: every mutant gets a manifest row, and a damaged
file ends as ok or with one of the project's own error codes — never internal_error,
which is kept for bugs of ours.

EXTRACTOR_FUZZ_MUTANTS sets how many mutants (default 300, about 30 s). Scanned pages
are not OCRed here (Tesseract is reported missing, as on a machine without it): a
damaged text layer sends a page to OCR, which would cost seconds a mutant and tests
nothing about damaged files."""
import csv
import os
import time
from collections import Counter
from pathlib import Path

import pytest

from conftest import CORPUS, SEEDS
from extractor.errors import IngestError
from extractor.ingest import ocr
from extractor.runner import run_batch
from hostile_packages import xlsx_bytes
from mutants import mutant

MUTANTS = int(os.environ.get("EXTRACTOR_FUZZ_MUTANTS", "300"))
FORMATS = {".txt", ".docx", ".pdf", ".xlsx", ".html", ".mht"}


def sources() -> list:
    """(name, bytes) of every report file to mutate, in a fixed order."""
    found = [p for p in sorted(CORPUS.iterdir()) if p.suffix in FORMATS]
    if SEEDS.exists():
        found += [p for p in sorted(SEEDS.iterdir()) if p.suffix in FORMATS]
    return [(p.name, p.read_bytes()) for p in found] + [("score_sheet.xlsx", xlsx_bytes())]


def test_fuzz_sources_cover_every_format():
    assert {Path(name).suffix for name, _ in sources()} == FORMATS
    if not SEEDS.exists():
        pytest.skip(f"real seed reports not found at {SEEDS}: fuzzed the corpus only")


def _no_tesseract():
    raise IngestError("no OCR in the fuzz test", code="ocr_unavailable")


def test_mutants_end_ok_or_with_a_code_of_ours(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(ocr, "tesseract", _no_tesseract)
    files = sources()
    folder = tmp_path / "mutants"
    folder.mkdir()
    kinds = {}
    for i in range(MUTANTS):
        name, data = files[i % len(files)]
        how, damaged = mutant(data, seed=i)
        target = folder / f"{i:04d}_{how}_{name}"
        target.write_bytes(damaged)
        kinds[target.name] = how
    started = time.perf_counter()
    run_batch([folder], tmp_path / "out", progress=False)
    seconds = time.perf_counter() - started
    with open(tmp_path / "out" / "manifest.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert sorted(Path(r["path"]).name for r in rows) == sorted(kinds)
    outcome = Counter(r["error_code"] or r["status"] for r in rows)
    by_format = Counter((Path(r["path"]).suffix, r["error_code"] or r["status"]) for r in rows)
    slowest = sorted(rows, key=lambda r: -float(r["seconds"]))[:3]
    with capsys.disabled():
        print(f"\nfuzz: {len(rows)} mutants in {seconds:.1f}s: {dict(outcome.most_common())}")
        print("  by format: " + ", ".join(f"{s}:{c}={n}" for (s, c), n in sorted(by_format.items())))
        print("  slowest: " + ", ".join(f"{Path(r['path']).name} {float(r['seconds']):.2f}s" for r in slowest))
    bugs = [(Path(r["path"]).name, r["error"]) for r in rows if r["error_code"] == "internal_error"]
    assert not bugs, bugs
