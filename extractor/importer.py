"""`extractor import`: folders and .zip/.rar/.7z archives into the store, in parallel,
idempotent and resumable (see store.py), safe with untrusted archives (see archives.py:
unsafe paths, nesting, entry count and inflated size are refused before harm). Each file
runs in a worker under the limits of workers.py (size, time, memory), so one pathological
PDF is recorded as failed and the batch goes on. Ctrl-C stops at the next file: what was
stored stays (one transaction per report) and Interrupted is raised with the counts so far."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Optional

from . import __version__
from .archives import expand
from .store import Store
from .workers import Interrupted, WorkerPool, check_interrupted, interruptible, process_limited


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
                    else:  # failed, or skipped when left for another pass (--no-ocr, --only-ocr)
                        store.record_input(name, sha, res.status, res.error_code, res.error)
                        counts[res.status] += 1
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
