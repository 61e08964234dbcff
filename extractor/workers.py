"""The worker model of `extractor run` and `extractor import`: every file is read and
extracted in a child process under the same per-file limits, whatever -j says.

- size: a file larger than EXTRACTOR_FILE_MAX_MB (default 1024) is `too_large`, unread;
- time: EXTRACTOR_FILE_SECONDS (default 300) of wall clock, then `timeout` (an alarm in the
  worker; a worker stuck in C code past the alarm is killed by the parent and replaced);
- memory: EXTRACTOR_FILE_MEMORY_MB (default 3072) of address space (RLIMIT_AS), then
  `memory_limit` (a worker killed outright, as by the kernel's OOM killer, counts as one).

A file that breaks a limit, or kills its worker, is one failed result; the batch goes on
with a new worker. Results come back in input order, at most a few files ahead of the
slowest, so the parent holds only those few records at a time.

Workers are forked by a small launcher process, itself forked when the pool starts: fork
copies the page tables, so a worker forked from the parent late in a long batch would start
with a copy of everything the parent had grown to (its bookkeeping grows with the batch), and
each copy counts in the worker's RSS. From the launcher every worker, the thousandth as the
first, starts the same size; it still inherits what was set when the pool started (stand-ins
a test patches in, the environment).

Ctrl-C: workers run in their own process group with SIGINT ignored, so a Ctrl-C reaches the
parent only (no half-torn library in a worker printing tracebacks); `interruptible` turns it
into a flag the parent polls between files, and `WorkerPool.close` kills the workers (with
any OCR or LibreOffice child they started)."""
from __future__ import annotations

import multiprocessing
import os
import traceback
import resource
import signal
import threading
import time
from collections import deque
from contextlib import contextmanager
from multiprocessing import reduction
from multiprocessing.connection import Connection, wait
from typing import Iterable, Iterator, Optional

from .runner import InputResult, process_one, set_unchanged

FILE_SECONDS = int(os.environ.get("EXTRACTOR_FILE_SECONDS", "300"))
FILE_MEMORY_BYTES = int(os.environ.get("EXTRACTOR_FILE_MEMORY_MB", "3072")) * 1024 ** 2
FILE_MAX_BYTES = int(os.environ.get("EXTRACTOR_FILE_MAX_MB", "1024")) * 1024 ** 2
KILL_GRACE_SECONDS = 10  # past the alarm, before the parent kills a worker that does not answer
TASKS_PER_WORKER = 5000  # a worker is replaced after this many files, so no slow leak can pile up
POLL_SECONDS = 0.2  # how often the parent looks at the clock and the Ctrl-C flag while waiting


class Interrupted(Exception):
    """Ctrl-C (SIGINT) or SIGTERM arrived; the batch stops at the next file boundary."""


_stop = threading.Event()


@contextmanager
def interruptible():
    """SIGINT and SIGTERM set a flag instead of raising wherever Python happens to be (a
    KeyboardInterrupt in the middle of a CSV row or an SQLite commit would leave half a
    record). check_interrupted() raises Interrupted between files."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _stop.clear()
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    for s in previous:
        signal.signal(s, lambda signum, frame: _stop.set())
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def check_interrupted() -> None:
    if _stop.is_set():
        raise Interrupted()


def limit_memory() -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (FILE_MEMORY_BYTES, FILE_MEMORY_BYTES))
    except (ValueError, OSError):
        pass


class _Timeout(BaseException):
    """Not an Exception: process_one turns those into failed results, this must reach us."""


def _alarm(signum, frame):
    raise _Timeout()


def _memory_limit(path: str) -> InputResult:
    return InputResult(path=path, error_code="memory_limit",
                       error=f"needed more than {FILE_MEMORY_BYTES // 1024 ** 2} MB "
                             f"(EXTRACTOR_FILE_MEMORY_MB) / 超出单个文件的内存上限")


def _timeout(path: str) -> InputResult:
    return InputResult(path=path, error_code="timeout",
                       error=f"gave up after {FILE_SECONDS}s (EXTRACTOR_FILE_SECONDS) / 超出单个文件的时间上限")


def process_limited(path: str, unchanged: Optional[frozenset] = None) -> InputResult:
    """process_one under the size and wall-clock limits (the clock where this runs in a
    process's main thread: a Dask worker runs tasks in threads and has its own limits);
    memory is limited for the whole worker by limit_memory."""
    try:
        size = os.path.getsize(path)
    except OSError:
        size = 0  # process_one names what is wrong with it
    if size > FILE_MAX_BYTES:
        return InputResult(path=path, error_code="too_large",
                           error=f"{size:,} bytes (limit {FILE_MAX_BYTES:,}, EXTRACTOR_FILE_MAX_MB) / 文件过大")
    if threading.current_thread() is not threading.main_thread():
        return process_one(path, unchanged=unchanged)
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(FILE_SECONDS)
    try:
        return process_one(path, unchanged=unchanged)
    except _Timeout:
        return _timeout(path)
    except MemoryError:
        return _memory_limit(path)
    finally:
        signal.alarm(0)


def _worker_main(conn, unchanged: frozenset) -> None:
    os.setpgid(0, 0)  # its own group: a terminal's Ctrl-C goes to the parent, which decides
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    limit_memory()
    set_unchanged(unchanged)
    from . import pipeline  # noqa: F401  (imported before the first file's clock starts)
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if path is None:
            return
        result = process_limited(path)
        try:
            conn.send(result)
        except MemoryError:
            conn.send(_memory_limit(path))
        except (BrokenPipeError, OSError):
            return


def _launcher_main(conn, parents_end, unchanged: frozenset) -> None:
    """The launcher's loop: ("start",) then a socket's handle → fork a worker on it and answer
    its pid; ("reap", pid, seconds) → its exit code once it has ended (None if it has not
    within the seconds). Ends when the parent does (or closes the connection)."""
    parents_end.close()  # the copy fork gave it: else the parent's end never reads as closed
    os.setpgid(0, 0)  # out of the terminal's group: the parent alone hears Ctrl-C
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request[0] == "start":
            fd = reduction.recv_handle(conn)
            pid = os.fork()
            if pid == 0:
                _worker_child(conn, fd, unchanged)
            os.close(fd)
            conn.send(pid)
        elif request[0] == "reap":
            conn.send(_reap(*request[1:]))


def _worker_child(launcher, fd: int, unchanged: frozenset) -> None:
    code = 0
    try:
        launcher.close()
        _worker_main(Connection(fd), unchanged)
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        os._exit(code)


def _reap(pid: int, seconds: float) -> Optional[int]:
    deadline = time.monotonic() + seconds
    while True:
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return None
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            return None
        time.sleep(0.01)


class _Launcher:
    """The parent's handle on the launcher (see the module's note)."""

    def __init__(self, ctx, unchanged: frozenset):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_launcher_main, args=(child, self.conn, unchanged), daemon=True)
        self.proc.start()
        child.close()

    def start(self) -> tuple:
        """A new worker: its pid and the parent's end of its connection."""
        ours, theirs = multiprocessing.Pipe()
        self.conn.send(("start",))
        reduction.send_handle(self.conn, theirs.fileno(), self.proc.pid)
        theirs.close()
        return self.conn.recv(), ours

    def reap(self, pid: int, seconds: float) -> Optional[int]:
        self.conn.send(("reap", pid, seconds))
        return self.conn.recv()

    def close(self) -> None:
        self.conn.close()  # it ends when it reads the end of its connection
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)


class _Worker:
    def __init__(self, launcher: _Launcher):
        self.launcher = launcher
        self.pid, self.conn = launcher.start()
        self.exitcode: Optional[int] = None
        # (index, path) sent and not answered: the first is being read, the next one waits
        # in the pipe, so the worker starts it the moment it is done (never idle while the
        # parent is busy writing a result)
        self.tasks: deque = deque()
        self.started = 0.0  # when the first of them started (about: when the one before was answered)
        self.done = 0

    def send(self, index: int, path: str) -> None:
        if not self.tasks:
            self.started = time.monotonic()
        self.tasks.append((index, path))
        try:
            self.conn.send(path)
        except OSError:  # it died on the file before: _collect sees that and hands this one on
            pass

    def kill(self) -> None:
        for target in (lambda s: os.killpg(self.pid, s), lambda s: os.kill(self.pid, s)):
            try:
                target(signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        self._end(5)

    def retire(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        if not self._end(5):
            self.kill()

    def ended(self) -> Optional[int]:
        """Its exit code, once it has died (the end of its connection was read)."""
        self._end(5)
        return self.exitcode

    def _end(self, seconds: float) -> bool:
        """Wait for it to exit and collect its exit code; False if it is still running."""
        if self.exitcode is None:
            self.exitcode = self.launcher.reap(self.pid, seconds)
        if self.exitcode is None:
            return False
        self.conn.close()
        return True


def _crashed(path: str, exitcode: Optional[int]) -> InputResult:
    if exitcode == -signal.SIGKILL:  # the kernel's OOM killer, or someone with kill -9
        return _memory_limit(path)
    how = f"signal {signal.Signals(-exitcode).name}" if exitcode and exitcode < 0 else f"exit code {exitcode}"
    return InputResult(path=path, error_code="worker_crashed",
                       error=f"the worker reading this file died ({how}) / 处理此文件的进程意外终止")


class WorkerPool:
    """`jobs` worker processes (forked: cheap to start and to replace). map() yields each
    path's InputResult in input order."""

    def __init__(self, jobs: int, unchanged: frozenset = frozenset()):
        self.jobs = max(1, jobs)
        self.unchanged = unchanged
        self.ctx = multiprocessing.get_context("fork")
        self.workers: list = []
        self.launcher: Optional[_Launcher] = None

    def __enter__(self):
        self.start()
        return self

    def start(self) -> None:
        """Fork the launcher now (else at the first file): before the parent grows."""
        if self.launcher is None:
            self.launcher = _Launcher(self.ctx, self.unchanged)

    def __exit__(self, *exc):
        self.close(kill=exc[0] is not None)

    def close(self, kill: bool = False) -> None:
        for w in self.workers:
            w.kill() if kill or w.tasks else w.retire()
        self.workers = []
        if self.launcher is not None:
            self.launcher.close()
            self.launcher = None

    def map(self, paths: Iterable[str]) -> Iterator[InputResult]:
        """paths are taken from the iterable only as the files are handed out, a few ahead
        of the next one due, so a batch of any length is never copied here."""
        pending = enumerate(paths)
        todo: deque = deque()  # (index, path) taken and not handed out (or handed back by a killed worker)
        window = self.jobs * 2 + 2  # files handed out beyond the next one due
        done: dict = {}
        due = taken = 0
        exhausted = False
        while True:
            check_interrupted()
            while not exhausted and taken < due + window:
                item = next(pending, None)
                if item is None:
                    exhausted = True
                else:
                    todo.append(item)
                    taken += 1
            if exhausted and due >= taken:
                return
            self._dispatch(todo, due + window)
            if due in done:
                while due in done:
                    yield done.pop(due)
                    due += 1
                    check_interrupted()
                continue
            self._collect(done, todo)

    def _dispatch(self, todo: deque, limit: int) -> None:
        self.start()
        while len(self.workers) < self.jobs:
            self.workers.append(_Worker(self.launcher))
        for depth in (1, 2):
            for w in self.workers:
                if len(w.tasks) < depth and todo and todo[0][0] < limit and w.done + len(w.tasks) < TASKS_PER_WORKER:
                    w.send(*todo.popleft())

    def _collect(self, done: dict, todo: deque) -> None:
        busy = [w for w in self.workers if w.tasks]
        # a worker that dies closes its end of the connection: readable, then EOF
        ready = set(wait([w.conn for w in busy], timeout=POLL_SECONDS))
        now = time.monotonic()
        for w in busy:
            index, path = w.tasks[0]
            if w.conn in ready:
                try:
                    result = w.conn.recv()
                except (EOFError, OSError):
                    result = None
                if result is None:  # died without an answer
                    done[index] = _crashed(path, w.ended())
                    self._replace(w, todo)
                    continue
                done[index] = result
                w.tasks.popleft()
                w.started = time.monotonic()
                w.done += 1
                if w.done >= TASKS_PER_WORKER and not w.tasks:
                    w.retire()
                    self.workers.remove(w)
            elif now - w.started > FILE_SECONDS + KILL_GRACE_SECONDS:  # stuck where the alarm cannot reach
                done[index] = _timeout(path)
                self._replace(w, todo)

    def _replace(self, w: _Worker, todo: deque) -> None:
        """Kill a worker; the file waiting in its pipe goes back to the front of the line."""
        w.kill()
        self.workers.remove(w)
        w.tasks.popleft()
        todo.extendleft(reversed(w.tasks))
