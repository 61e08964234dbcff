"""The batch job behind `extractor run`: every input gets a manifest row, a bad file never
stops the batch, unchanged files from an earlier run into the same folder are skipped."""
from __future__ import annotations

import fnmatch
import json
import os
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

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


def _previous_records(outdir: Path) -> dict:
    """sha256 → record from an earlier run into the same folder by this extractor version."""
    found = {}
    reports = outdir / "reports"
    if not reports.is_dir():
        return found
    for f in reports.glob("*.json"):
        try:
            rec = json.loads(f.read_text(encoding="utf-8"), parse_float=_decimal, parse_int=_decimal)
        except (OSError, ValueError):
            continue
        if rec.get("extractor_version") == __version__:
            found[rec["source"]["sha256"]] = rec
    return found


def _decimal(text: str):
    from decimal import Decimal
    return Decimal(text)


def run_batch(paths: list, outdir, jobs: int = 1, progress: Optional[bool] = None, force: bool = False) -> list:
    """Every file is read once: by this process when jobs is 1, else by the worker that
    extracts it. Its sha256 decides whether it is a duplicate of an earlier input (the first
    in input order is kept; with workers, a later copy is extracted too and set aside) or
    unchanged since the last run into outdir (skipped)."""
    from .archives import Unpacked
    from .emit import write_outputs
    from .ingest import read_input

    outdir = Path(outdir)
    (outdir / "reports").mkdir(parents=True, exist_ok=True)
    unpacked = Unpacked(paths)  # .zip/.rar/.7z members in a temporary folder, named archive!/member
    inputs = unpacked.files
    previous = {} if force else _previous_records(outdir)
    unchanged = frozenset(sha for sha in previous if (outdir / "reports" / f"{report_id_for(sha)}.json").exists())
    results: list = [None] * len(inputs)
    todo = []
    for i, p in enumerate(inputs):
        if p.exists():
            todo.append(i)
        else:
            results[i] = InputResult(path=str(p), error_code="not_found", error="no such file")
    seen: dict = {}  # sha256 → the first input with those bytes

    def settle(i: int, res: InputResult) -> None:
        """A result in input order: duplicates and unchanged files named, records saved."""
        unpacked.rename(res)
        if res.sha256 in seen:
            res = InputResult(path=res.path, sha256=res.sha256, status="duplicate", report_id=res.report_id,
                              error=f"same bytes as {seen[res.sha256]}")
        elif res.sha256:
            seen[res.sha256] = res.path
            if res.sha256 in unchanged:
                res = InputResult(path=res.path, sha256=res.sha256, status="skipped", report_id=res.report_id,
                                  error="unchanged since the last run", record=previous[res.sha256])
            else:
                _save(outdir, res)
        results[i] = res
        if bar:
            bar.update(1)

    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show:
        from tqdm import tqdm
        bar = tqdm(total=len(todo), unit="file", desc="extracting", file=sys.stderr)
    if jobs > 1 and len(todo) > 1:
        from concurrent.futures import ProcessPoolExecutor  # multiprocessing costs ~40 ms to import

        with ProcessPoolExecutor(max_workers=jobs, initializer=set_unchanged, initargs=(unchanged,)) as pool:
            for i, res in zip(todo, pool.map(process_one, [str(inputs[i]) for i in todo], chunksize=4)):
                settle(i, res)
    else:
        for i in todo:
            path = str(inputs[i])
            try:
                data = read_input(path)
            except ExtractorError as e:
                settle(i, InputResult(path=path, error_code=e.code, error=str(e)))
                continue
            sha = sha256_of(data)
            if sha in seen or sha in unchanged:  # settled before any work is spent on it
                settle(i, InputResult(path=path, sha256=sha, report_id=report_id_for(sha)))
            else:
                settle(i, process_one(path, data, sha))
    if bar:
        bar.close()
    unpacked.close()
    results += [InputResult(path=r.name, error_code=r.code, error=r.error) for r in unpacked.refused]
    write_outputs(outdir, results)
    return results


def _save(outdir: Path, res: InputResult) -> None:
    if res.record is None:
        return
    target = outdir / "reports" / f"{res.report_id}.json"
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(dumps(res.record), encoding="utf-8")
    os.replace(tmp, target)  # a killed run never leaves a half-written record behind
