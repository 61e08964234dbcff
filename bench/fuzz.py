"""Mutation fuzzing at scale: thousands of damaged copies of the reports we have, in every
format, through the real batch job (`extractor run -j JOBS`), with the figures that say
whether the batch survives archives damaged in storage.

    .venv/bin/python bench/fuzz.py [--mutants 10000] [-j 2] [--batch 500] [--start 0]
                                   [--ocr off|on] [--ocr-page-seconds 10] [--ocr-file-seconds 30]
                                   [--hang-seconds 60] [--keep DIR] [--json OUT]

Sources: every report file of corpus/ (.txt in each encoding, .docx, .pdf, .html, .mht),
the real seeds in ../shared/seeds (.txt, .docx, .pdf), the seeds' .docx saved as HTML by
LibreOffice (when installed), and a small Excel score sheet; with --ocr on also the scanned
seeds of ../shared/scans. Mutant i is tests/mutants.py's mutant(source i mod n, seed i),
the fuzzer the test suite runs a few hundred of, so any case is reproduced from its file
name (NNNNNN_<mutation>_<source>).

Mutants go through `extractor run` in batches (one fresh process each, deleted after), so
a crash loses one batch and names it. By default scanned pages are not OCRed (`--no-ocr`:
a PDF whose damaged text layer sends a page to OCR ends as skipped / needs_ocr): OCR costs
seconds a page and says nothing about damaged files; --ocr on reads them within the OCR
budget given.

Prints the outcome histogram (status / error code, overall and by format), the slowest
files, the peak RSS of the whole process tree (the run and its workers and their
Tesseract children, sampled with psutil every 0.2 s), and the counts that must be 0:
internal_error, crashes (a batch that ended other than 0/1 or with a traceback), hangs (a
file over --hang-seconds, or a batch killed at its time limit) and inputs missing from the
manifest."""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "bench")]

from hostile_packages import xlsx_bytes  # noqa: E402  (tests/)
from mutants import mutant  # noqa: E402  (tests/)
from run import html_sources  # noqa: E402  (bench/run.py)

FORMATS = {".txt", ".docx", ".pdf", ".xlsx", ".html", ".mht"}


def sources(tmp: Path, scans: bool) -> list:
    """(name, bytes) of every file to mutate, in a fixed order."""
    files = sorted(p for p in (ROOT / "corpus").iterdir() if p.suffix in FORMATS)
    if (SHARED / "seeds").exists():
        files += sorted(p for p in (SHARED / "seeds").iterdir() if p.suffix in FORMATS)
    files += [p for p in html_sources(tmp) if p.parent != ROOT / "corpus"]  # the seeds as web pages
    if scans and (SHARED / "scans").exists():
        files += sorted((SHARED / "scans").glob("*.pdf"))
    return [(p.name, p.read_bytes()) for p in files] + [("score_sheet.xlsx", xlsx_bytes())]


class TreeRss:
    """Peak RSS (MB) of a process and all its descendants, sampled in a thread."""

    def __init__(self, pid: int, every: float = 0.2):
        self.root, self.every, self.peak = psutil.Process(pid), every, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            total = 0
            try:
                for p in [self.root] + self.root.children(recursive=True):
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                break
            self.peak = max(self.peak, total / 1024 ** 2)
            self._stop.wait(self.every)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


def run_batch(folder: Path, out: Path, jobs: int, ocr: list, limit: float) -> dict:
    """One `extractor run` over a folder of mutants: its manifest rows, exit code, stderr
    tail, peak tree RSS, wall seconds and whether it was killed at `limit` seconds."""
    cmd = [sys.executable, "-m", "extractor.cli", "run", str(folder), "-o", str(out), "-j", str(jobs),
           "--no-progress", "--force"] + ocr
    started = time.perf_counter()
    err = open(out.parent / f"{out.name}.stderr", "w+b")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT, start_new_session=True)
    rss = TreeRss(proc.pid)
    killed = False
    try:
        proc.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        killed = True
        os.killpg(proc.pid, 9)  # its own session: the run, its workers and their children
        proc.wait()
    peak = rss.stop()
    err.seek(0)
    stderr = err.read().decode("utf-8", "replace")
    err.close()
    rows = []
    if (out / "manifest.csv").exists():
        with open(out / "manifest.csv", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
    return {"rows": rows, "returncode": proc.returncode, "stderr": stderr[-3000:], "peak_mb": peak,
            "seconds": time.perf_counter() - started, "killed": killed}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mutants", type=int, default=10000)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=500, help="mutants per `extractor run`")
    ap.add_argument("--start", type=int, default=0, help="first mutant seed (mutant i uses seed i)")
    ap.add_argument("--ocr", choices=("off", "on"), default="off")
    ap.add_argument("--ocr-page-seconds", type=float, default=10)
    ap.add_argument("--ocr-file-seconds", type=float, default=30)
    ap.add_argument("--hang-seconds", type=float, default=60, help="a file slower than this is a hang")
    ap.add_argument("--keep", type=Path, help="copy the mutants that ended as internal_error here")
    ap.add_argument("--json", type=Path, help="write the figures as JSON here too")
    args = ap.parse_args()
    ocr = ["--no-ocr"] if args.ocr == "off" else [
        "--ocr-page-seconds", str(args.ocr_page_seconds), "--ocr-file-seconds", str(args.ocr_file_seconds)]

    rows, crashes, hangs_killed, missing, peak, bugs = [], [], 0, [], 0.0, []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="extractor-fuzz-") as tmp:
        tmp = Path(tmp)
        files = sources(tmp, scans=args.ocr == "on")
        print(f"{len(files)} sources: " + ", ".join(f"{s} {n}" for s, n in
                                                    sorted(Counter(Path(n).suffix for n, _ in files).items())),
              flush=True)
        end = args.start + args.mutants
        for first in range(args.start, end, args.batch):
            folder, out = tmp / f"batch{first}", tmp / f"out{first}"
            folder.mkdir()
            names = {}
            for i in range(first, min(first + args.batch, end)):
                name, data = files[i % len(files)]
                how, damaged = mutant(data, seed=i)
                target = folder / f"{i:06d}_{how}_{name}"
                target.write_bytes(damaged)
                names[target.name] = target
            # a batch may take what its files would at the hang limit, two at a time
            limit = 120 + args.hang_seconds * 4 + len(names) * 3
            res = run_batch(folder, out, args.jobs, ocr, limit)
            peak = max(peak, res["peak_mb"])
            got = {Path(r["path"]).name for r in res["rows"]}
            missing += sorted(set(names) - got)
            if res["killed"]:
                hangs_killed += 1
            elif res["returncode"] not in (0, 1) or "Traceback" in res["stderr"]:
                crashes.append({"batch": first, "returncode": res["returncode"], "stderr": res["stderr"]})
            for r in res["rows"]:
                r["name"] = Path(r["path"]).name
                if r["error_code"] == "internal_error":
                    bugs.append((r["name"], r["error"]))
                    if args.keep:
                        args.keep.mkdir(parents=True, exist_ok=True)
                        shutil.copy(names[r["name"]], args.keep / r["name"])
            rows += res["rows"]
            done = min(first + args.batch, end) - args.start
            print(f"  {done}/{args.mutants} mutants, {time.perf_counter() - started:.0f}s, batch "
                  f"{res['seconds']:.0f}s, peak tree RSS so far {peak:.0f} MB, internal_error {len(bugs)}",
                  flush=True)
            shutil.rmtree(folder)
            shutil.rmtree(out, ignore_errors=True)
    report(args, rows, crashes, hangs_killed, missing, peak, bugs, time.perf_counter() - started)


def outcome(row: dict) -> str:
    return f"{row['status']}/{row['error_code']}" if row["error_code"] else row["status"]


def report(args, rows, crashes, hangs_killed, missing, peak, bugs, seconds) -> None:
    histogram = Counter(outcome(r) for r in rows)
    by_format = Counter((Path(r["name"]).suffix, outcome(r)) for r in rows)
    by_mutation = Counter((r["name"].split("_")[1] if "_" in r["name"] else "?", outcome(r)) for r in rows)
    slow = sorted(rows, key=lambda r: -float(r["seconds"] or 0))
    hangs = [r for r in rows if float(r["seconds"] or 0) > args.hang_seconds]
    figures = {
        "mutants": args.mutants, "in_manifest": len(rows), "seconds": round(seconds, 1), "jobs": args.jobs,
        "ocr": args.ocr, "histogram": dict(histogram.most_common()),
        "by_format": {f"{s} {o}": n for (s, o), n in sorted(by_format.items())},
        "by_mutation": {f"{m} {o}": n for (m, o), n in sorted(by_mutation.items())},
        "slowest": [(r["name"], float(r["seconds"]), outcome(r)) for r in slow[:10]],
        "peak_tree_rss_mb": round(peak), "internal_error": len(bugs), "crashes": len(crashes),
        "hangs": len(hangs) + hangs_killed, "missing_from_manifest": len(missing),
    }
    print(f"\n{len(rows)} of {args.mutants} mutants in the manifest, {seconds:.0f}s (-j {args.jobs}, OCR {args.ocr})")
    print("outcomes:")
    for key, n in histogram.most_common():
        print(f"  {n:6d}  {key}")
    print("by format:")
    for suffix in sorted({s for s, _ in by_format}):
        print(f"  {suffix}: " + ", ".join(f"{o} {n}" for (s, o), n in sorted(by_format.items()) if s == suffix))
    print("slowest:")
    for name, secs, what in figures["slowest"]:
        print(f"  {secs:7.2f}s  {name}  {what}")
    print(f"peak RSS of the process tree: {peak:.0f} MB")
    print(f"internal_error {len(bugs)}, crashes {len(crashes)}, hangs {figures['hangs']}, "
          f"missing from the manifest {len(missing)}")
    for name, error in bugs[:20]:
        print(f"  internal_error: {name}: {error}")
    for c in crashes[:5]:
        print(f"  crash in batch {c['batch']} (exit {c['returncode']}): {c['stderr'][-800:]}")
    for name in missing[:20]:
        print(f"  missing: {name}")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    sys.exit(1 if bugs or crashes or figures["hangs"] or missing else 0)


if __name__ == "__main__":
    main()
