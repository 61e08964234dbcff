"""The batch job behind `extractor run`: every input gets a manifest row, a bad file never
stops the batch, unchanged files from an earlier run into the same folder are skipped."""
from __future__ import annotations

import fnmatch
import json
import os
import re
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import orjson

from . import __version__
from .errors import ExtractorError
from .record import dumps, report_id_for, sha256_of

IGNORE_FILE = ".extractorignore"


@dataclass
class InputResult:
    path: str
    sha256: str = ""
    status: str = "failed"  # ok | failed | skipped | duplicate
    error_code: str = ""
    error: str = ""
    report_id: str = ""
    seconds: float = 0.0
    record: Optional[dict] = field(default=None, repr=False)


def collect_inputs(paths: list) -> list:
    """Files named directly, and every file under the folders named (sorted, hidden files
    left out, and whatever a folder's .extractorignore lists). Missing paths are kept so
    they get a manifest row saying so."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            ignore = _ignore_patterns(p)
            pages: dict = {}
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).as_posix()
                if not f.is_file() or any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                if any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(rel, pat.rstrip("/") + "/*") for pat in ignore):
                    continue
                if _saved_page_part(f, p, pages):
                    continue
                out.append(f)
        else:
            out.append(p)
    return out


_PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".mht", ".mhtml")


def _saved_page_part(f: Path, root: Path, pages: dict) -> bool:
    """A page a browser saved whole keeps its images, scripts and style sheets in a folder
    beside it (报告_files/, or 报告.files/ from a Chinese Internet Explorer): parts of the
    page, not inputs. A file there the tool reads (an attached .xls or .pdf) is still one."""
    from .ingest import SUPPORTED_SUFFIXES

    if f.suffix.lower() in SUPPORTED_SUFFIXES:
        return False
    for folder in f.parents:
        if folder == root or root not in folder.parents:
            return False
        if folder not in pages:
            name = folder.name
            stem = name[:-6] if name.lower().endswith(("_files", ".files")) else None
            pages[folder] = bool(stem) and any((folder.parent / (stem + s)).is_file() for s in _PAGE_SUFFIXES)
        if pages[folder]:
            return True
    return False


def _ignore_patterns(folder: Path) -> list:
    f = folder / IGNORE_FILE
    if not f.exists():
        return []
    return [l.strip() for l in f.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]


def process_one(path: str, data: Optional[bytes] = None, sha256: str = "",
                unchanged: Optional[frozenset] = None) -> InputResult:
    """Run one file, read here unless its bytes (and their sha256) are given; errors become
    a failed result, never an exception. A file whose sha256 is in `unchanged` (by default
    the set a worker process was started with) comes back as skipped, unread further."""
    from .ingest import read_input
    from .pipeline import extract_file

    started = time.perf_counter()
    result = InputResult(path=path)
    if data is None:
        try:
            data = read_input(path)
        except ExtractorError as e:
            result.error_code, result.error = e.code, str(e)
            return result
    result.sha256 = sha256 or sha256_of(data)
    result.report_id = report_id_for(result.sha256)
    if result.sha256 in (_unchanged if unchanged is None else unchanged):
        result.status = "skipped"
        return result
    try:
        result.record = extract_file(path, data, result.sha256)
        result.status = "ok"
    except ExtractorError as e:
        result.status, result.error_code, result.error = e.status, e.code, str(e)
    except MemoryError:  # the worker's memory limit: workers.process_limited names it
        raise
    except Exception as e:  # a bug or a pathological file: report it, keep the batch going
        result.error_code = "internal_error"
        result.error = f"{type(e).__name__}: {e} (at {traceback.extract_tb(e.__traceback__)[-1].name})"
    result.seconds = time.perf_counter() - started
    return result


# sha256 of the files an earlier run (or import) has records of: set in each worker process
# of a parallel run, so that the worker, which reads the file anyway, can tell it is
# unchanged (the batch reads every file once, in the worker)
_unchanged: frozenset = frozenset()


def set_unchanged(unchanged: frozenset) -> None:
    """A worker process's initializer: the hashes process_one passes over."""
    global _unchanged
    _unchanged = unchanged


_HEAD = re.compile(r'"extractor_version":\s*"([^"]*)".*?"source":\s*\{.*?"sha256":\s*"([0-9a-f]{64})"', re.S)


def _previous_hashes(outdir: Path) -> frozenset:
    """sha256 of the reports an earlier run into the same folder wrote with this extractor
    version: read from the head of each record (the version and the hash come first), so a
    folder of many thousands of records is looked over quickly and nothing of them is kept."""
    found = set()
    reports = outdir / "reports"
    if not reports.is_dir():
        return frozenset()
    for f in reports.glob("*.json"):
        try:
            with open(f, "rb") as fh:
                head = fh.read(8192).decode("utf-8", "replace")
            m = _HEAD.search(head)
            if m is None:
                rec = orjson.loads(f.read_bytes())
                version, sha = rec.get("extractor_version"), rec["source"]["sha256"]
            else:
                version, sha = m.groups()
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if version == __version__ and f.name == f"{report_id_for(sha)}.json":
            found.add(sha)
    return frozenset(found)


def load_record(path: Path) -> Optional[dict]:
    """A record written earlier, its numbers as Decimal."""
    try:
        return json.loads(path.read_text(encoding="utf-8"), parse_float=_decimal, parse_int=_decimal)
    except (OSError, ValueError):
        return None


def _decimal(text: str):
    from decimal import Decimal
    return Decimal(text)


@dataclass
class BatchSummary:
    """What a batch did, in counts (the details are in the manifest)."""
    inputs: int
    counts: Counter = field(default_factory=Counter)
    failed: list = field(default_factory=list)  # (path, error) of the inputs that failed
    codes: Counter = field(default_factory=Counter)  # error codes (needs_ocr …) by count
    interrupted: bool = False

    @property
    def done(self) -> int:
        return sum(self.counts.values())

    def note(self, res: InputResult) -> None:
        self.counts[res.status] += 1
        if res.error_code:
            self.codes[res.error_code] += 1
        if res.status == "failed":
            self.failed.append((res.path, res.error))


def run_batch(paths: list, outdir, jobs: int = 1, progress: Optional[bool] = None, force: bool = False) -> BatchSummary:
    """Every file is read once, by the worker process that extracts it (one, with jobs 1;
    see workers.py for the limits). Its sha256 decides whether it is a duplicate of an
    earlier input (the first in input order is kept; a later copy is extracted too and set
    aside) or unchanged since the last run into outdir (skipped, its record read back for
    the tables). Results are written as they come, in input order (emit.BatchWriter).

    Ctrl-C (or SIGTERM) stops the batch at the next file: the outputs are written for the
    inputs finished so far and the summary says it was interrupted."""
    from .workers import Interrupted, WorkerPool, check_interrupted, interruptible

    outdir = Path(outdir)
    (outdir / "reports").mkdir(parents=True, exist_ok=True)
    unchanged = frozenset() if force else _previous_hashes(outdir)
    pool = WorkerPool(jobs, unchanged)
    pool.start()  # its launcher forked now, while this process is small (see workers.py)
    from .archives import Unpacked
    from .emit import BatchWriter

    try:
        unpacked = Unpacked(paths)  # .zip/.rar/.7z members in a temporary folder, named archive!/member
        writer = BatchWriter(outdir)
    except BaseException:
        pool.close(kill=True)
        raise
    inputs = unpacked.files
    summary = BatchSummary(inputs=len(inputs))
    # What the batch keeps per input, compact, since it is kept for the whole batch: the
    # inputs as text, and per distinct content its sha256 as 32 bytes and the index of its
    # first input (the name is looked up again when a duplicate needs it).
    seen: dict = {}
    missing = {i for i, p in enumerate(inputs) if not os.path.exists(p)}

    def settle(i: int, res: InputResult) -> None:
        """A result in input order: duplicates and unchanged files named, records saved."""
        unpacked.rename(res)
        digest = bytes.fromhex(res.sha256) if res.sha256 else None
        if digest in seen:
            res = InputResult(path=res.path, sha256=res.sha256, status="duplicate", report_id=res.report_id,
                              error=f"same bytes as {unpacked.name(inputs[seen[digest]])}")
        elif digest:
            seen[digest] = i
            if res.sha256 in unchanged:
                res = InputResult(path=res.path, sha256=res.sha256, status="skipped", report_id=res.report_id,
                                  error="unchanged since the last run",
                                  record=load_record(outdir / "reports" / f"{res.report_id}.json"))
            else:
                _save(outdir, res)
        writer.add(res)
        summary.note(res)
        if bar:
            bar.update(1)

    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show:
        from tqdm import tqdm
        bar = tqdm(total=len(inputs) - len(missing), unit="file", desc="extracting", file=sys.stderr)
    try:
        with interruptible(), pool:
            results = pool.map(p for i, p in enumerate(inputs) if i not in missing)
            for i, p in enumerate(inputs):
                settle(i, InputResult(path=p, error_code="not_found", error="no such file") if i in missing
                       else next(results))
                check_interrupted()
    except Interrupted:
        summary.interrupted = True
    except BaseException:
        writer.discard()
        unpacked.close()
        raise
    finally:
        if bar:
            bar.close()
    for refused in unpacked.refused:  # archives refused whole (a bomb, a traversal entry …)
        res = InputResult(path=refused.name, error_code=refused.code, error=refused.error)
        writer.add(res)
        summary.note(res)
    unpacked.close()
    try:
        writer.finish()
    except BaseException:  # a second Ctrl-C while writing: the previous outputs stay as they were
        writer.discard()
        raise
    return summary


def _save(outdir: Path, res: InputResult) -> None:
    if res.record is None:
        return
    target = outdir / "reports" / f"{res.report_id}.json"
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(dumps(res.record), encoding="utf-8")
    os.replace(tmp, target)  # a killed run never leaves a half-written record behind
