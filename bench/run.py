"""Benchmark: whole-pipeline throughput per input format, against plain pdfplumber text
extraction of the same PDFs, measured side by side in one run.

    .venv/bin/python bench/run.py [--repeat N] [--profile]

Builds a corpus per format from corpus/ and ../shared/seeds (repeated to reach a
meaningful size), runs the real batch job (`extractor run`) on each in a fresh process,
and prints files/s, pages/s, median ms per file and per page, and peak RSS. With
--profile, prints where the time goes (cProfile, top functions) for the PDF corpus."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def sources(fmt: str) -> list:
    files = sorted(p for p in (ROOT / "corpus").glob(f"*.{fmt}"))
    if SEEDS.exists():
        files += sorted(SEEDS.glob(f"*.{fmt}"))
    return files


def build(fmt: str, target: Path, min_pages: int, repeat: int) -> tuple[int, int]:
    """Copy the format's files into target until min_pages (pdf) or repeat rounds."""
    files = sources(fmt)
    if not files:
        return 0, 0
    target.mkdir(parents=True)
    pages_of = {f: _pages(f) for f in files}
    n = pages = 0
    rounds = 0
    while rounds < repeat or (fmt == "pdf" and pages < min_pages):
        for f in files:
            # a distinct byte suffix so the batch does not skip copies as duplicates
            data = f.read_bytes()
            if fmt == "txt":  # trailing newlines in the file's own encoding
                data += ("\n" * (rounds + 1)).encode("utf-16-le" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "ascii")
            elif fmt == "pdf":
                data += f"\n%{rounds}".encode()
            if fmt == "docx":
                shutil.copy(f, target / f"{rounds:03d}_{f.name}")
                _touch_docx(target / f"{rounds:03d}_{f.name}", rounds)
            else:
                (target / f"{rounds:03d}_{f.name}").write_bytes(data)
            n += 1
            pages += pages_of[f]
        rounds += 1
    return n, pages


def _touch_docx(path: Path, k: int) -> None:
    import zipfile

    with zipfile.ZipFile(path, "a") as z:
        z.writestr(f"customXml/bench{k}.xml", f"<b>{k}</b>")


def _pages(f: Path) -> int:
    if f.suffix == ".pdf":
        import pypdfium2

        return len(pypdfium2.PdfDocument(str(f)))
    return 1


def timed(cmd: list) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB, that process and its own children) of a command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss


PLUMBER = """
import sys, pdfplumber
from pathlib import Path
for f in sorted(Path(sys.argv[1]).glob('*.pdf')):
    with pdfplumber.open(f) as pdf:
        for page in pdf.pages:
            page.extract_text()
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=4, help="copies of each source file per format")
    ap.add_argument("--min-pdf-pages", type=int, default=400)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    py = sys.executable
    results = {}
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        tmp = Path(tmp)
        for fmt in ("txt", "docx", "pdf"):
            n, pages = build(fmt, tmp / fmt, args.min_pdf_pages, args.repeat)
            if not n:
                continue
            secs, rss = timed([py, "-m", "extractor.cli", "run", str(tmp / fmt), "-o", str(tmp / f"out-{fmt}"),
                               "--no-progress"])
            manifest = (tmp / f"out-{fmt}" / "manifest.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
            per_file = sorted(float(line.rsplit(",", 1)[1]) * 1000 for line in manifest)
            results[fmt] = {"files": n, "pages": pages, "seconds": round(secs, 2), "files_per_s": round(n / secs, 1),
                            "pages_per_s": round(pages / secs, 1), "median_ms_per_file": round(statistics.median(per_file), 1),
                            "median_ms_per_page": round(statistics.median(per_file) * n / pages, 1),
                            "peak_rss_mb": round(rss / 1024, 1)}
        if "pdf" in results:
            secs, rss = timed([py, "-c", PLUMBER, str(tmp / "pdf")])
            pages = results["pdf"]["pages"]
            results["pdfplumber_extract_text"] = {"pages": pages, "seconds": round(secs, 2),
                                                  "pages_per_s": round(pages / secs, 1), "peak_rss_mb": round(rss / 1024, 1)}
            results["pdf"]["vs_pdfplumber_time_ratio"] = round(results["pdf"]["seconds"] / secs, 2)
        print(json.dumps(results, ensure_ascii=False, indent=2))
        if args.profile and "pdf" in results:
            subprocess.run([py, "-m", "cProfile", "-s", "cumulative", "-m", "extractor.cli", "run", str(tmp / "pdf"),
                            "-o", str(tmp / "prof"), "--no-progress", "--force"], stdout=open(tmp / "prof.txt", "w"))
            print("".join((tmp / "prof.txt").read_text().splitlines(True)[:45]))


if __name__ == "__main__":
    main()
