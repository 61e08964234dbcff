"""Measurement of the OCR path on the scanned seeds: each seed's digital PDF and its scan
(../shared/scans/NNN_*.scan.pdf) go through the whole pipeline, each in a fresh process,
and the scan's record is compared with the digital one.

    .venv/bin/python bench/scans.py [--only 000,002] [--keep DIR] [--json]

Per seed and overall: amount facts of the scan matching the digital PDF's (multiset on
value) / the digital PDF's amount facts, score and grade (scan vs digital), whether the
1199 vs 788 repeat.conflict flag is raised, seconds per OCR page and peak RSS of the scan's
process (Tesseract children included). Nothing is cached: every run OCRs every page again,
so a change in the code always shows. --keep writes both records of each seed to DIR for
a closer look (facts with their quotes, tables)."""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CONFLICT = {Decimal(1199), Decimal(788)}  # seed 000: a table says 1199 people, the text 788

CHILD = """
import json, sys
from extractor.pipeline import extract_file
from extractor.record import dumps
rec = extract_file(sys.argv[1])
open(sys.argv[2], "w", encoding="utf-8").write(dumps(rec))
"""


def pairs(only: set) -> list:
    """(stem, digital pdf, scan pdf) for every seed that has both."""
    out = []
    for scan in sorted((SHARED / "scans").glob("*.scan.pdf")):
        stem = scan.name[: -len(".scan.pdf")]
        digital = SHARED / "seeds" / f"{stem}.pdf"
        if digital.exists() and (not only or stem[:3] in only):
            out.append((stem, digital, scan))
    return out


def run_one(path: Path, out: Path) -> tuple[dict, float, float]:
    """The record of one file from a fresh process, its wall seconds and peak RSS (MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(out)], cwd=ROOT, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"pipeline failed on {path}:\n{proc.stderr.read().decode()[-2000:]}")
    record = json.loads(out.read_text(encoding="utf-8"), parse_float=Decimal)
    return record, seconds, usage.ru_maxrss / 1024


def amounts(record: dict) -> Counter:
    return Counter(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "amount")


def has_conflict(record: dict) -> bool:
    return any(f["rule"] == "repeat.conflict" and {Decimal(str(f.get("stated"))), Decimal(str(f.get("computed")))}
               == CONFLICT for f in record["flags"])


def compare(stem: str, digital: dict, scan: dict, seconds: float, rss: float) -> dict:
    want, got = amounts(digital), amounts(scan)
    meta_d, meta_s = digital["metadata"], scan["metadata"]
    return {
        "seed": stem[:3],
        "amounts_matched": sum((want & got).values()),
        "amounts_digital": sum(want.values()),
        "amounts_scan": sum(got.values()),
        "missed": sorted(str(v) for v in (want - got).elements()),
        "extra": sorted(str(v) for v in (got - want).elements()),
        "score": [_plain(meta_s.get("score")), _plain(meta_d.get("score"))],
        "grade": [meta_s.get("grade"), meta_d.get("grade")],
        "conflict_1199_788": [has_conflict(scan), has_conflict(digital)],
        "flag_rules": [dict(Counter(f["rule"] for f in scan["flags"])),
                       dict(Counter(f["rule"] for f in digital["flags"]))],
        "pages": scan["source"]["pages"],
        "s_per_page": round(seconds / scan["source"]["pages"], 2),
        "peak_rss_mb": round(rss, 1),
    }


def _plain(v):
    return None if v is None else str(v)


def report(rows: list) -> str:
    lines = [f"{'seed':4} {'amounts':>9} {'rate':>5}  {'score scan/dig':16} {'grade':7} {'1199/788':9} "
             f"{'s/page':>6} {'RSS MB':>7}"]
    for r in rows:
        ok_meta = r["score"][0] == r["score"][1] and r["grade"][0] == r["grade"][1]
        lines.append(f"{r['seed']:4} {r['amounts_matched']:>4}/{r['amounts_digital']:<4} "
                     f"{r['amounts_matched'] / max(r['amounts_digital'], 1):5.2f}  "
                     f"{str(r['score'][0]) + '/' + str(r['score'][1]):16} {str(r['grade'][0]) + '/' + str(r['grade'][1]):7} "
                     f"{'yes' if r['conflict_1199_788'][0] else 'no':3}/{'yes' if r['conflict_1199_788'][1] else 'no':5} "
                     f"{r['s_per_page']:>6} {r['peak_rss_mb']:>7}{'' if ok_meta else '  (meta differs)'}")
    matched = sum(r["amounts_matched"] for r in rows)
    total = sum(r["amounts_digital"] for r in rows)
    pages = sum(r["pages"] for r in rows)
    secs = sum(r["s_per_page"] * r["pages"] for r in rows)
    lines.append(f"all  {matched:>4}/{total:<4} {matched / max(total, 1):5.2f}  score+grade right "
                 f"{sum(r['score'][0] == r['score'][1] and r['grade'][0] == r['grade'][1] for r in rows)}/{len(rows)}"
                 f"   {secs / max(pages, 1):.2f} s/page over {pages} pages, max RSS "
                 f"{max((r['peak_rss_mb'] for r in rows), default=0)} MB")
    for r in rows:
        if r["missed"] or r["extra"]:
            lines.append(f"{r['seed']} missed {r['missed']}\n{r['seed']} extra  {r['extra']}")
        if r["flag_rules"][0] != r["flag_rules"][1]:
            lines.append(f"{r['seed']} flags scan {r['flag_rules'][0]} vs digital {r['flag_rules'][1]}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="", help="comma-separated seed numbers, e.g. 000,002")
    ap.add_argument("--keep", type=Path, help="write the records here (NNN.digital.json, NNN.scan.json)")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON instead of a table")
    args = ap.parse_args()
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    keep = args.keep or Path(os.environ.get("TMPDIR", "/tmp")) / f"extractor-scans-{os.getpid()}"
    keep.mkdir(parents=True, exist_ok=True)
    rows = []
    for stem, digital_pdf, scan_pdf in pairs(only):
        digital, _, _ = run_one(digital_pdf, keep / f"{stem[:3]}.digital.json")
        scan, seconds, rss = run_one(scan_pdf, keep / f"{stem[:3]}.scan.json")
        rows.append(compare(stem, digital, scan, seconds, rss))
        print(f"{stem[:3]} done in {seconds:.0f}s", file=sys.stderr, flush=True)
    if not rows:
        raise SystemExit(f"no seed scans found under {SHARED / 'scans'}")
    print(json.dumps(rows, ensure_ascii=False, indent=1) if args.json else report(rows))
    if not args.keep:
        for f in keep.iterdir():
            f.unlink()
        keep.rmdir()


if __name__ == "__main__":
    main()
