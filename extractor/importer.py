"""`extractor import`: folders and .zip archives into the store, in parallel, idempotent
and resumable (see store.py), safe with untrusted archives.

Archive safety: entries with absolute paths or '..' are refused, nested archives are
followed at most MAX_ZIP_DEPTH deep, and the total decompressed size and entry count are
capped, so a zip bomb is reported, not unpacked. Each file runs in a worker under the
limits of workers.py (size, time, memory), so one pathological PDF is recorded as failed
and the batch goes on. Ctrl-C stops at the next file: what was stored stays (one
transaction per report) and Interrupted is raised with the counts so far."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Optional

from . import __version__
from .ingest.zipsafe import ZIP_DAMAGE
from .runner import collect_inputs
from .store import Store
from .workers import Interrupted, WorkerPool, check_interrupted, interruptible, process_limited

MAX_ZIP_DEPTH = 2
MAX_ZIP_ENTRIES = 20000
MAX_ZIP_BYTES = 4 * 1024 ** 3


@dataclass
class Input:
    path: Path  # where the bytes are now (inside a temp folder for archive members)
    name: str  # what the manifest calls it: the file, or archive.zip!/member


@dataclass
class Refused:
    name: str
    code: str
    error: str


def expand(paths: list, workdir: Path) -> tuple[list, list]:
    """Files to process and archive members refused, with zips unpacked under workdir."""
    inputs, refused = [], []
    for f in collect_inputs(paths):
        if f.suffix.lower() == ".zip":
            _unzip(f, str(f), workdir, 1, inputs, refused)
        else:
            inputs.append(Input(f, str(f)))
    return inputs, refused


def _unzip(archive: Path, name: str, workdir: Path, depth: int, inputs: list, refused: list) -> None:
    try:
        zf = zipfile.ZipFile(archive)
    except ZIP_DAMAGE as e:
        refused.append(Refused(name, "corrupt_zip", f"not a readable zip archive: {e}"))
        return
    with zf:
        members = [i for i in zf.infolist() if not i.is_dir()]
        if len(members) > MAX_ZIP_ENTRIES:
            refused.append(Refused(name, "zip_too_large", f"{len(members)} entries (limit {MAX_ZIP_ENTRIES})"))
            return
        total = sum(i.file_size for i in members)
        if total > MAX_ZIP_BYTES:
            refused.append(Refused(name, "zip_too_large", f"{total} bytes uncompressed (limit {MAX_ZIP_BYTES})"))
            return
        target = Path(tempfile.mkdtemp(dir=workdir))
        for info in members:
            member = PurePosixPath(info.filename.replace("\\", "/"))
            label = f"{name}!/{info.filename}"
            if member.is_absolute() or ".." in member.parts or (member.parts and ":" in member.parts[0]):
                refused.append(Refused(label, "unsafe_path", "archive entry with an absolute path or '..' refused"))
                continue
            if any(part.startswith(".") for part in member.parts):
                continue
            out = target / member
            out.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zf.open(info) as src, open(out, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
            except ZIP_DAMAGE as e:  # one damaged member: name it, unpack the rest
                out.unlink(missing_ok=True)
                refused.append(Refused(label, "corrupt_zip", f"archive member cannot be unpacked: "
                                                             f"{type(e).__name__}: {e}"))
                continue
            if out.suffix.lower() == ".zip":
                if depth >= MAX_ZIP_DEPTH:
                    refused.append(Refused(label, "nested_too_deep", f"archive nested deeper than {MAX_ZIP_DEPTH}"))
                else:
                    _unzip(out, label, workdir, depth + 1, inputs, refused)
            else:
                inputs.append(Input(out, label))


def _local_pool(jobs: int):
    """Results of process_limited over paths, in their order, from worker processes (see
    workers.py: the same per-file limits as `extractor run`)."""
    def run(paths, unchanged: frozenset):
        with WorkerPool(jobs, unchanged) as pool:
            yield from pool.map(paths)
    return run


def _dask_pool(scheduler: str):
    """The same from a Dask cluster, as they finish: 'local' starts one on this machine,
    anything else is a scheduler address (tcp://host:8786). Workers need the project
    installed and must see the files at the same paths (a shared or copied folder). Results
    come back to this process, which alone writes the store."""
    def run(paths, unchanged: frozenset):
        from distributed import Client, LocalCluster, as_completed

        cluster = LocalCluster(processes=True, threads_per_worker=1, dashboard_address=None) \
            if scheduler == "local" else None
        with Client(cluster if cluster is not None else scheduler) as client:
            [known] = client.scatter([unchanged], broadcast=True)  # one object, not its members
            futures = client.map(process_limited, paths, unchanged=known, pure=False)
            for future in as_completed(futures):
                yield future.result()
        if cluster is not None:
            cluster.close()
    return run


def import_paths(paths: list, db, jobs: Optional[int] = None, progress: Optional[bool] = None,
                 dask: Optional[str] = None) -> dict:
    """Import into the store at `db`, on a local process pool or a Dask cluster. Returns
    counts by status."""
    jobs = jobs or os.cpu_count() or 1
    counts = {"ok": 0, "skipped": 0, "duplicate": 0, "failed": 0}
    with Store(db) as store, tempfile.TemporaryDirectory(prefix="extractor-import-") as tmp:
        inputs, refused = expand(paths, Path(tmp))
        for r in refused:
            store.record_input(r.name, "", "failed", r.code, r.error)
            counts["failed"] += 1
        # Each file is read once, by the worker that extracts it: the worker hashes it and
        # passes over what this extractor version has stored already (the store decides
        # what that is: skipped at the same path, a duplicate at another).
        known = store.stored_hashes(__version__)
        seen = {}  # sha256 → the first input with those bytes in this import
        bar = _bar(len(inputs), progress)
        names = {str(i.path): i.name for i in inputs}
        run = _dask_pool(dask) if dask else _local_pool(jobs)
        results = run([str(i.path) for i in inputs], frozenset(known))
        try:
            with interruptible():
                for res in results:
                    name, sha = names[res.path], res.sha256
                    stored = known.get(sha)
                    if sha in seen or (stored and stored[0] != name):
                        store.record_input(name, sha, "duplicate", "", f"same bytes as {seen.get(sha) or stored[0]}",
                                           stored[1] if stored else "")
                        counts["duplicate"] += 1
                    elif stored:
                        store.record_input(name, sha, "skipped", "", "already imported with this extractor version", stored[1])
                        counts["skipped"] += 1
                    elif res.record is not None:
                        res.record["source"]["path"] = name
                        store.save(name, res.record)
                        counts["ok"] += 1
                    else:
                        store.record_input(name, sha, "failed", res.error_code, res.error)
                        counts["failed"] += 1
                    if sha:
                        seen.setdefault(sha, name)
                    if bar:
                        bar.update(1)
                    check_interrupted()
        except Interrupted as e:
            e.counts, e.total = counts, len(inputs) + len(refused)
            raise
        finally:
            results.close()  # the workers stop now, not when the exception is let go of
            if bar:
                bar.close()
    return counts


def _bar(total: int, progress: Optional[bool]):
    show = sys.stderr.isatty() if progress is None else progress
    if not show:
        return None
    from tqdm import tqdm
    return tqdm(total=total, unit="file", desc="importing", file=sys.stderr)
