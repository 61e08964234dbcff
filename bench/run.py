"""Benchmark: whole-pipeline throughput per input format, against plain pdfplumber text
extraction (and unstructured's fast PDF partition, where installed) of the same PDFs,
measured side by side in one run.

    .venv/bin/python bench/run.py [--repeat N] [--scale K] [--min-pdf-pages 400] [--ocr-pages 2] [--profile]
                                  [--formats txt,docx,pdf,html,ofd,xls,ods]

Builds a corpus per format from corpus/ and ../shared/seeds (repeated to reach a
meaningful size) and runs the real batch job (`extractor run`) on each in a fresh process:
files/s, pages/s, median ms per file and per page (from the manifest), peak RSS. The .txt
corpus runs again K times larger: the difference is what one more report costs a whole
run, and what is left is the run's fixed cost (imports, jieba's dictionary). Then,
in one process, the extract + check stages of every .txt file (best of several rounds per
file, one core): the in-process reports/s per core. OCR: a few seed pages rendered to an
image-only PDF and run through the batch job. --profile prints where the time goes
(cProfile) for the in-process txt stages and the whole PDF run."""
from __future__ import annotations

import argparse
import csv
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


def html_sources(tmp: Path) -> list:
    """The corpus's web pages (.html and its .mht) and the seeds' .docx saved as HTML by
    LibreOffice (when it is installed), as a government site would serve a Word report."""
    files = sorted((ROOT / "corpus").glob("*.html")) + sorted((ROOT / "corpus").glob("*.mht"))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    docx = sorted(SEEDS.glob("*.docx")) if SEEDS.exists() else []
    if soffice and docx:
        out = tmp / "seed-html"
        subprocess.run([soffice, f"-env:UserInstallation={(tmp / 'lo-profile').as_uri()}", "--headless", "--norestore",
                        "--convert-to", "html", "--outdir", str(out)] + [str(f) for f in docx],
                       capture_output=True, timeout=600)
        files += sorted(out.glob("*.html"))
    return files


def ofd_sources(tmp: Path) -> list:
    """The corpus's and the seeds' PDFs rewritten as OFD (tests/ofd_writer.py: their text
    runs and rules, as a converter writes them; no tool here exports OFD), and the tests'
    two-page report."""
    sys.path.insert(0, str(ROOT / "tests"))
    from ofd_writer import TITLE, ofd_package, pdf_to_ofd, report_pages

    out = tmp / "ofd-src"
    out.mkdir(parents=True)
    files = [out / "written_report.ofd"]
    files[0].write_bytes(ofd_package(report_pages(), title=TITLE))
    for pdf in sources("pdf"):
        files.append(out / f"{pdf.stem}.ofd")
        files[-1].write_bytes(pdf_to_ofd(pdf.read_bytes()))
    return files


def sheet_sources(tmp: Path, fmt: str) -> list:
    """Workbooks as .xls or .ods, written by LibreOffice from .xlsx files built the way the
    tests build them: the corpus's and seeds' .docx tables (one sheet a table, merges kept)
    and a self-evaluation form."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_ingest_sheets import SOFFICE, DOCX, convert, tables_as_workbook, write_form

    if SOFFICE is None:
        return []
    books = tmp / "sheet-xlsx"
    if not books.exists():
        books.mkdir()
        write_form(books / "form.xlsx")
        for source in DOCX:
            tables_as_workbook(source, books / f"{source.stem}.xlsx")
    target = "xls:MS Excel 97" if fmt == "xls" else fmt
    convert(sorted(books.glob("*.xlsx")), target, tmp / f"sheet-{fmt}", tmp / "lo-profile")
    return sorted((tmp / f"sheet-{fmt}").glob(f"*.{fmt}"))


def build(fmt: str, target: Path, min_pages: int, repeat: int, files: list | None = None) -> tuple[int, int]:
    """Copy the format's files into target until min_pages (pdf) or repeat rounds."""
    files = sources(fmt) if files is None else files
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
            elif fmt == "html":  # a comment after the page (after an archive's last boundary)
                data += f"\n<!-- {rounds} -->\n".encode()
            elif fmt in ("xls", "ods"):  # bytes past the workbook's last sector or the zip's end record
                data += bytes(rounds + 1)
            if fmt in ("docx", "ofd"):
                shutil.copy(f, target / f"{rounds:03d}_{f.name}")
                _touch_zip(target / f"{rounds:03d}_{f.name}", rounds)
            else:
                (target / f"{rounds:03d}_{f.name}").write_bytes(data)
            n += 1
            pages += pages_of[f]
        rounds += 1
    return n, pages


def _touch_zip(path: Path, k: int) -> None:
    import zipfile

    with zipfile.ZipFile(path, "a") as z:
        z.writestr(f"customXml/bench{k}.xml", f"<b>{k}</b>")


def _pages(f: Path) -> int:
    if f.suffix == ".pdf":
        import pypdfium2

        return len(pypdfium2.PdfDocument(str(f)))
    if f.suffix == ".ofd":
        import zipfile

        with zipfile.ZipFile(f) as z:
            return sum(1 for name in z.namelist() if name.endswith("/Content.xml") and "/Pages/" in name)
    return 1


def build_scanned(target: Path, pages: int) -> int:
    """An image-only PDF of the first seed PDF's first pages (200 dpi, grey): what a scan
    looks like to the reader, so every page goes through OCR."""
    pdfs = sources("pdf")
    if not pdfs or pages <= 0:
        return 0
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(pdfs[-1]))
    images = [pdf[i].render(scale=200 / 72, grayscale=True).to_pil() for i in range(min(pages, len(pdf)))]
    target.mkdir(parents=True)
    images[0].save(target / "scan.pdf", save_all=True, append_images=images[1:], resolution=200)
    return len(images)


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


def whole_run(py: str, corpus: Path, out: Path, n: int, pages: int) -> dict:
    secs, rss = timed([py, "-m", "extractor.cli", "run", str(corpus), "-o", str(out), "--no-progress"])
    with open(out / "manifest.csv", encoding="utf-8-sig", newline="") as f:  # by name: columns get added
        per_file = sorted(float(row["seconds"]) * 1000 for row in csv.DictReader(f))
    return {"files": n, "pages": pages, "seconds": round(secs, 2), "files_per_s": round(n / secs, 1),
            "pages_per_s": round(pages / secs, 1), "median_ms_per_file": round(statistics.median(per_file), 1),
            "median_ms_per_page": round(statistics.median(per_file) * n / pages, 1),
            "peak_rss_mb": round(rss / 1024, 1)}


PLUMBER = """
import sys, pdfplumber
from pathlib import Path
for f in sorted(Path(sys.argv[1]).glob('*.pdf')):
    with pdfplumber.open(f) as pdf:
        for page in pdf.pages:
            page.extract_text()
"""

UNSTRUCTURED = """
import sys
from pathlib import Path
from unstructured.partition.pdf import partition_pdf
for f in sorted(Path(sys.argv[1]).glob('*.pdf')):
    partition_pdf(filename=str(f), strategy='fast')
"""

# The extract + check stages of each .txt file in one process, after a warm-up round (the
# vocabularies, jieba's dictionary and the compiled patterns are loaded once per process):
# the best of several rounds per file, since this machine is shared and noisy; wall time
# and CPU time (what one core spends, whatever else shares the machine).
IN_PROCESS = """
import json, sys, time
from pathlib import Path
from extractor.pipeline import extract_file
groups = json.loads(sys.argv[1]); rounds = int(sys.argv[2])
out = {}
for name, files in groups.items():
    data = [(f, Path(f).read_bytes()) for f in files]
    for f, d in data:
        extract_file(f, d)
    best = {f: float('inf') for f in files}
    cpu = {f: float('inf') for f in files}
    for _ in range(rounds):
        for f, d in data:
            start, start_cpu = time.perf_counter(), time.process_time()
            extract_file(f, d)
            best[f] = min(best[f], time.perf_counter() - start)
            cpu[f] = min(cpu[f], time.process_time() - start_cpu)
    ms = sorted(v * 1000 for v in best.values())
    mean = sum(ms) / len(ms)
    cpu_mean = sum(cpu.values()) * 1000 / len(cpu)
    out[name] = {"files": len(ms), "mean_ms_per_file": round(mean, 2), "median_ms_per_file": round(ms[len(ms) // 2], 2),
                 "max_ms_per_file": round(ms[-1], 2), "reports_per_s_per_core": round(1000 / mean, 1),
                 "cpu_ms_per_file": round(cpu_mean, 2), "reports_per_cpu_s": round(1000 / cpu_mean, 1)}
print(json.dumps(out))
"""

PROFILE_TXT = """
import cProfile, json, pstats, sys
from pathlib import Path
from extractor.pipeline import extract_file
data = [(f, Path(f).read_bytes()) for f in json.loads(sys.argv[1])]
for f, d in data:
    extract_file(f, d)
profile = cProfile.Profile()
profile.enable()
for _ in range(3):
    for f, d in data:
        extract_file(f, d)
profile.disable()
for order in ("tottime", "cumulative"):
    pstats.Stats(profile).sort_stats(order).print_stats(22)
"""


def scaled_run(small: dict, big: dict) -> dict:
    """Two whole runs of the same files, one `--scale` times the other: what one more report
    costs a run (everything included: reading, extraction, checks, its record and its share
    of every table written at the end) and what a run costs before its first report
    (imports, jieba's dictionary, the vocabularies)."""
    marginal = (big["seconds"] - small["seconds"]) / (big["files"] - small["files"])
    return {**big, "marginal_ms_per_file": round(marginal * 1000, 2),
            "marginal_files_per_s": round(1 / marginal, 1) if marginal > 0 else None,
            "fixed_seconds": round(small["seconds"] - small["files"] * marginal, 2)}


def in_process_txt(py: str, rounds: int) -> dict:
    groups = {"seeds": [str(f) for f in sorted(SEEDS.glob("*.txt"))] if SEEDS.exists() else [],
              "corpus": [str(f) for f in sorted((ROOT / "corpus").glob("*.txt"))]}
    groups["all"] = groups["seeds"] + groups["corpus"]
    groups = {k: v for k, v in groups.items() if v}
    out = subprocess.run([py, "-c", IN_PROCESS, json.dumps(groups), str(rounds)], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return json.loads(out.stdout)


def unstructured_side_by_side(py: str, corpus: Path, pages: int) -> dict:
    """unstructured's fast PDF partition over the same PDFs, when it imports here (it is a
    benchmark-only comparison, not a dependency)."""
    probe = subprocess.run([py, "-c", "import unstructured.partition.pdf"], capture_output=True, text=True)
    if probe.returncode:
        return {"skipped": "unstructured's PDF partition does not import with " + py + ": "
                + (probe.stderr.strip().splitlines() or ["?"])[-1]}
    secs, rss = timed([py, "-c", UNSTRUCTURED, str(corpus)])
    return {"pages": pages, "seconds": round(secs, 2), "pages_per_s": round(pages / secs, 1),
            "peak_rss_mb": round(rss / 1024, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=4, help="copies of each source file per format")
    ap.add_argument("--min-pdf-pages", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=7, help="rounds of the in-process txt timing")
    ap.add_argument("--scale", type=int, default=16,
                    help="a second whole txt run this many times larger, for the cost of one more report (1: none)")
    ap.add_argument("--ocr-pages", type=int, default=2, help="scanned pages to OCR (0: none)")
    ap.add_argument("--unstructured-python", default=sys.executable,
                    help="an interpreter with unstructured installed, for the side-by-side PDF figure")
    ap.add_argument("--formats", default="txt,docx,pdf,html,ofd,xls,ods",
                    help="the whole-run rows to measure (html: the corpus's pages and the seeds saved as HTML; "
                         "ofd: the corpus's and seeds' PDFs rewritten as OFD; xls, ods: the corpus's and seeds' "
                         "tables and a form written as workbooks by LibreOffice)")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    py = sys.executable
    results = {}
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        tmp = Path(tmp)
        formats = args.formats.split(",")
        for fmt in ("txt", "docx", "pdf", "html", "ofd", "xls", "ods"):
            if fmt not in formats:
                continue
            files = (html_sources(tmp) if fmt == "html" else ofd_sources(tmp) if fmt == "ofd"
                     else sheet_sources(tmp, fmt) if fmt in ("xls", "ods") else None)
            n, pages = build(fmt, tmp / fmt, args.min_pdf_pages, args.repeat, files)
            if n:
                results[fmt] = whole_run(py, tmp / fmt, tmp / f"out-{fmt}", n, pages)
        if "txt" in results and args.scale > 1:
            n, _ = build("txt", tmp / "txt-scaled", 0, args.repeat * args.scale)
            results["txt_scaled"] = scaled_run(results["txt"], whole_run(py, tmp / "txt-scaled", tmp / "out-txt-scaled",
                                                                          n, n))
        if "pdf" in results:
            pages = results["pdf"]["pages"]
            secs, rss = timed([py, "-c", PLUMBER, str(tmp / "pdf")])
            results["pdfplumber_extract_text"] = {"pages": pages, "seconds": round(secs, 2),
                                                  "pages_per_s": round(pages / secs, 1), "peak_rss_mb": round(rss / 1024, 1)}
            results["pdf"]["vs_pdfplumber_time_ratio"] = round(results["pdf"]["seconds"] / secs, 2)
            results["unstructured_fast_pdf"] = unstructured_side_by_side(args.unstructured_python, tmp / "pdf", pages)
            if "seconds" in results["unstructured_fast_pdf"]:
                results["pdf"]["vs_unstructured_time_ratio"] = round(
                    results["pdf"]["seconds"] / results["unstructured_fast_pdf"]["seconds"], 2)
        scanned = build_scanned(tmp / "scan", args.ocr_pages) if shutil.which("tesseract") else 0
        if scanned:
            run = whole_run(py, tmp / "scan", tmp / "out-scan", 1, scanned)
            # the whole run's seconds include the process's fixed costs; the manifest's, the file's own
            results["pdf_ocr"] = {"pages": scanned, "seconds": run["seconds"],
                                  "seconds_per_page_whole_run": round(run["seconds"] / scanned, 2),
                                  "seconds_per_page_in_process": round(run["median_ms_per_page"] / 1000, 2),
                                  "peak_rss_mb": run["peak_rss_mb"]}
        if "txt" in results:
            results["txt_in_process"] = in_process_txt(py, args.rounds)
        print(json.dumps(results, ensure_ascii=False, indent=2))
        if args.profile and "txt" in results:
            print("\n== in-process txt stages (cProfile, 3 rounds over the seeds and corpus .txt files) ==")
            files = [str(f) for f in sources("txt")]
            print(subprocess.run([py, "-c", PROFILE_TXT, json.dumps(files)], capture_output=True, text=True,
                                 check=True, cwd=ROOT).stdout)
        if args.profile and "pdf" in results:
            print("== whole PDF run (cProfile) ==")
            subprocess.run([py, "-m", "cProfile", "-s", "cumulative", "-m", "extractor.cli", "run", str(tmp / "pdf"),
                            "-o", str(tmp / "prof"), "--no-progress", "--force"], stdout=open(tmp / "prof.txt", "w"))
            print("".join((tmp / "prof.txt").read_text().splitlines(True)[:45]))


if __name__ == "__main__":
    main()
