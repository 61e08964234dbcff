"""How much OCR a file may have: whether scans are read at all (`--no-ocr`, `--only-ocr`)
and the time a page and a file may spend in Tesseract.

The settings travel in environment variables, so the worker processes of `run` and
`import` (forked or spawned) get what the command line said without any change to how
work is handed to them: EXTRACTOR_OCR (`on`, `off`, `only`), EXTRACTOR_OCR_PAGE_SECONDS
and EXTRACTOR_OCR_FILE_SECONDS. They are read when a file is read, not at import."""
from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass

from ..errors import IngestError

MODES = ("on", "off", "only")
PAGE_SECONDS = 60.0  # a dense A4 scan takes 3-10 s; a minute means Tesseract is stuck on it
FILE_SECONDS = 300.0  # the per-file limit `import` has always had for the whole file


class OcrDeferred(IngestError):
    """A file left for another pass: it needs OCR under --no-ocr (`needs_ocr`), or it needs
    none under --only-ocr (`no_ocr_needed`). Not a failure: the manifest says `skipped`, no
    record is written, so the next run without the option processes it."""

    status = "skipped"


@dataclass(frozen=True)
class OcrSettings:
    mode: str = "on"
    page_seconds: float = PAGE_SECONDS
    file_seconds: float = FILE_SECONDS

    def export(self) -> None:
        """Into this process's environment, for the workers it starts."""
        os.environ.update(EXTRACTOR_OCR=self.mode, EXTRACTOR_OCR_PAGE_SECONDS=f"{self.page_seconds:g}",
                          EXTRACTOR_OCR_FILE_SECONDS=f"{self.file_seconds:g}")


def current() -> OcrSettings:
    """The settings in force, from the environment (unset or unreadable values: defaults)."""
    mode = os.environ.get("EXTRACTOR_OCR", "on").strip().lower()
    return OcrSettings(mode if mode in MODES else "on",
                       _seconds("EXTRACTOR_OCR_PAGE_SECONDS", PAGE_SECONDS),
                       _seconds("EXTRACTOR_OCR_FILE_SECONDS", FILE_SECONDS))


def _seconds(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


class OverBudget(Exception):
    """A page's OCR stopped at a limit; `reason` says which (for source.pages_not_ocred)."""

    def __init__(self, reason: str, limit: str):
        super().__init__(reason)
        self.reason, self.limit = reason, limit


class FileBudget:
    """The clock of one file's OCR: wall time since its first page started, shared by
    its pages (which run side by side)."""

    def __init__(self, settings: OcrSettings):
        self.settings = settings
        self.deadline = time.monotonic() + settings.file_seconds

    def page(self) -> "PageBudget":
        return PageBudget(self)

    def left(self) -> float:
        return self.deadline - time.monotonic()


class PageBudget:
    """One page's account: the time its own steps took (rendering, the page's Tesseract
    run, its table cells' runs), each Tesseract run given only what is left of both the
    page's and the file's limit, and killed when that passes."""

    def __init__(self, file: FileBudget):
        self.file, self.spent = file, 0.0

    def timeout(self) -> float:
        """Seconds the next step may take; OverBudget when none are left."""
        page_left = self.file.settings.page_seconds - self.spent
        file_left = self.file.left()
        if file_left <= 0:
            raise self.over("file")
        if page_left <= 0:
            raise self.over("page")
        return min(page_left, file_left)

    def over(self, limit: str) -> OverBudget:
        if limit == "page":
            return OverBudget(f"OCR of the page passed its limit of {self.file.settings.page_seconds:g} s", "page")
        return OverBudget(f"the file's OCR limit of {self.file.settings.file_seconds:g} s was used up", "file")

    def limit_hit(self) -> str:
        """Which limit a step that was stopped ran into."""
        return "file" if self.file.left() <= 0.05 else "page"

    def run(self, step):
        """step(timeout) → its result, its time charged to the page. A Tesseract run the
        step started and that passed the timeout has been killed: OverBudget."""
        timeout = self.timeout()
        started = time.monotonic()
        try:
            return step(timeout)
        except subprocess.TimeoutExpired:
            raise self.over(self.limit_hit()) from None
        finally:
            self.spent += time.monotonic() - started
