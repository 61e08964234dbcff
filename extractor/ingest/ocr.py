"""OCR for PDF pages without a text layer: Tesseract (Debian's tesseract-ocr-chi-sim, models
installed with the package, nothing downloaded) on each page rendered by PDFium.

Tesseract's TSV output gives words with boxes and confidences; they are grouped into
lines in PDF coordinates so the rest of the PDF reader treats a scanned page like a
digital one. Each line keeps its mean word confidence. The page's pixels are prepared for
Tesseract in scan_pixels.py (straightened, rules found, cells cropped); the slips OCR makes are
mended in ocr_mend.py."""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import regex

from ..errors import IngestError
from .ocr_budget import OverBudget
from .ocr_mend import mend_brackets, mend_numbers, mend_units
from .scan_pixels import _PAD, _cell_crop, deskew, ruling_segments

OCR_DPI = int(os.environ.get("EXTRACTOR_OCR_DPI", "300"))
OCR_LANG = os.environ.get("EXTRACTOR_OCR_LANG", "chi_sim")
_CJK_EDGE = regex.compile(r"[\p{Han}，。；：、（）“”《》]")


def tesseract() -> str:
    exe = shutil.which("tesseract")
    if exe is None:
        raise IngestError("this PDF has pages without a text layer (a scan) and OCR needs Tesseract: install "
                          "tesseract-ocr and tesseract-ocr-chi-sim", code="ocr_unavailable")
    return exe


def ocr_pages(pdf, indexes: list, line_type, budget) -> tuple[dict, dict]:
    """({page index: (lines, ruling segments, TableReader)}, {page index: OverBudget}) for
    the given pages, OCRed in parallel (one Tesseract each) after straightening the scan,
    so that ruling lines run along the pixel rows and columns and table cells can be
    rebuilt from them. Each page spends from its own and the file's OCR budget
    (`budget`, an ocr_budget.FileBudget); a page whose Tesseract run passes what is left
    is killed and comes back in the second dict, with the limit it hit."""
    exe = tesseract()
    scale = OCR_DPI / 72
    prepared, stopped, running = {}, {}, {}

    def read(i):
        page, png, _ = prepared[i]
        try:
            return page.run(lambda seconds: _ocr(exe, png, timeout=seconds))
        except OverBudget as e:
            return e

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        # PDFium is not thread-safe: pages are rendered one by one here, each OCRed as soon
        # as it is ready, so that rendering a long scan does not eat the file's budget first
        for i in indexes:
            page = budget.page()
            try:
                prepared[i] = (page,) + page.run(lambda _: _prepare(pdf, i, scale))
            except OverBudget as e:
                stopped[i] = e
                continue
            running[i] = pool.submit(read, i)
        results = {i: future.result() for i, future in running.items()}
    done = {}
    for i, rows in results.items():
        page, png, rulings = prepared[i]
        if isinstance(rows, OverBudget):
            stopped[i] = rows
        else:
            done[i] = (_lines(rows, scale, line_type), rulings, TableReader(exe, png, scale, line_type, page))
    return done, stopped


def _prepare(pdf, i: int, scale: float) -> tuple:
    """(PNG of the straightened page, its ruling segments)."""
    image = deskew(pdf[i].render(scale=scale, grayscale=True).to_pil().convert("L"))
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue(), ruling_segments(image, scale)


class TableReader:
    """OCR of the cells of a table on a straightened page, one Tesseract image per cell:
    each cell is cropped inside its rules (so no rule is read as a 1 or a |), padded
    with white and read as a block of text (--psm 6). Reading the whole region at once
    mixes neighbouring cells and loses short ones (a lone 92.5 or 优). All the cells of
    a table go to a few Tesseract runs (an image list), not one process per cell: loading
    the Chinese model costs more than reading a cell."""

    def __init__(self, exe: str, png: bytes, scale: float, line_type, budget):
        self.exe, self.png, self.scale, self.line_type = exe, png, scale, line_type
        self.budget = budget  # the page's ocr_budget.PageBudget: OverBudget when it runs out

    def words(self, cells: list) -> list:
        """The words of the given cell boxes (PDF points), in page coordinates."""
        from PIL import Image

        image = Image.open(io.BytesIO(self.png))
        crops = [c for c in (_cell_crop(image, box, self.scale) for box in cells) if c is not None]
        if not crops:
            return []
        out, unread = self._read(crops, "6")
        # a cell with ink where the block read found nothing holds one short mark (a lone
        # dash, a digit): read it again as one line
        again, _ = self._read(unread, "7")
        return out + [_dash(cell) for cell in again]

    def _read(self, crops: list, psm: str) -> tuple[list, list]:
        """(one run per cell read, the crops where nothing was read)."""
        if not crops:
            return [], []
        workers = max(1, min(os.cpu_count() or 1, len(crops) // _CELLS_PER_RUN))
        chunks = [crops[k::workers] for k in range(workers)]

        def run(seconds):
            with ThreadPoolExecutor(max_workers=workers) as pool:
                return list(pool.map(lambda chunk: _ocr_images(self.exe, [png for _, png in chunk], psm, seconds),
                                     chunks))

        results = self.budget.run(run)
        out, unread = [], []
        for chunk, found in zip(chunks, results):
            by_image: dict = {}
            for r in found:
                by_image.setdefault(int(r["page_num"]) - 1, []).append(r)
            for k, crop in enumerate(chunk):
                (x0, top), _ = crop
                rows = by_image.get(k, [])
                for r in rows:
                    r["left"] = str(int(r["left"]) - _PAD + x0)  # back to page coordinates
                    r["top"] = str(int(r["top"]) - _PAD + top)
                cell = self._cell_text(rows) if rows else None
                if cell is None:
                    unread.append(crop)
                else:
                    out.append(cell)
        return out, unread

    def _cell_text(self, rows: list):
        """One cell's words as one run (its lines joined, OCR's bracket slips mended), with
        the cell's mean word confidence; None when only rule marks were read."""
        words = _words(rows, self.scale, self.line_type, _CELL_JUNK)
        if not words:
            return None
        lines = _lines([r for r in rows if not _CELL_JUNK.match(r["text"].strip())], self.scale, self.line_type)
        # a lone comma at either end is a speck or the end of a rule: no cell starts or ends with one
        text = mend_units(mend_numbers(mend_brackets("".join(l.text for l in sorted(lines, key=lambda l: (l.top, l.x0))))))
        text = text.strip("，,、")
        if not text:
            return None
        run = self.line_type(text, min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words),
                             max(w.bottom for w in words))
        run.confidence = round(sum(w.confidence for w in words) / len(words), 1)
        return run


def _dash(cell):
    """A lone 一 narrower than a Chinese character is a dash (-, nothing in this cell):
    Tesseract's Chinese model has no short dash and reads - as 一, which would be 1."""
    if cell.text == "一" and cell.x1 - cell.x0 < _DASH_MAX_PT:
        cell.text = "-"
    return cell


_DASH_MAX_PT = 5.5  # a hyphen in body text is 3-4 pt wide, 一 in a 9 pt font or larger 8 pt or more
_CELLS_PER_RUN = 24  # below this many cells a second Tesseract costs more than it saves


def _ocr_images(exe: str, pngs: list, psm: str, timeout: float) -> list:
    """Tesseract's words for several images in one run (an image list file); each word's
    page_num is its image's position, from 1."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="extractor-ocr-") as tmp:
        names = []
        for k, png in enumerate(pngs):
            name = os.path.join(tmp, f"{k:05d}.png")
            with open(name, "wb") as f:
                f.write(png)
            names.append(name)
        listing = os.path.join(tmp, "images.txt")
        with open(listing, "w", encoding="utf-8") as f:
            f.write("\n".join(names) + "\n")
        return _run_tesseract([exe, listing, "stdout", "-l", OCR_LANG, "--psm", psm, "tsv"], None, timeout)


def _ocr(exe: str, png: bytes, psm: str = "4", timeout: float = None) -> list:
    return _run_tesseract([exe, "stdin", "stdout", "-l", OCR_LANG, "--psm", psm, "tsv"], png, timeout)


def _run_tesseract(cmd: list, stdin, timeout: float) -> list:
    """Recognised words (TSV rows of level 5 with some text) of one Tesseract run. Past
    `timeout` seconds the run is killed and subprocess.TimeoutExpired raised (the page's
    budget turns it into OverBudget)."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one thread per run: runs go side by side
    proc = subprocess.run(cmd, input=stdin, capture_output=True, timeout=timeout, env=env)
    if proc.returncode != 0:
        raise IngestError("Tesseract failed: " + proc.stderr.decode("utf-8", "replace")[-300:], code="ocr_failed")
    reader = csv.DictReader(io.StringIO(proc.stdout.decode("utf-8", "replace")), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [r for r in reader if r.get("level") == "5" and (r.get("text") or "").strip()]


_JUNK = regex.compile(r"^[|_\-—–<>~'\"`.,:;!\[\]()（）《》〈〉]+$")
# what is left of a rule in a cell's crop; a lone bracket there is the end of （万元）
_CELL_JUNK = regex.compile(r"^[|_]+$")


def _words(words: list, scale: float, line_type, junk=_JUNK) -> list:
    """Each recognised word with its box: what table cells are filled from. Marks left of
    an erased rule (|, _) are not words."""
    out = []
    for w in words:
        if junk.match(w["text"].strip()):
            continue
        left, top = int(w["left"]) / scale, int(w["top"]) / scale
        word = line_type(w["text"].strip(), left, top, left + int(w["width"]) / scale, top + int(w["height"]) / scale)
        word.confidence = float(w["conf"])
        out.append(word)
    return out


def _lines(words: list, scale: float, line_type) -> list:
    groups: dict = {}
    for w in words:
        groups.setdefault((w["block_num"], w["par_num"], w["line_num"]), []).append(w)
    out = []
    for ws in groups.values():
        ws.sort(key=lambda w: int(w["left"]))
        text = ""
        for w in ws:
            t = w["text"].strip()
            if text and not (_CJK_EDGE.match(text[-1]) or _CJK_EDGE.match(t[0])):
                text += " "
            text += t
        x0 = min(int(w["left"]) for w in ws) / scale
        top = min(int(w["top"]) for w in ws) / scale
        x1 = max(int(w["left"]) + int(w["width"]) for w in ws) / scale
        bottom = max(int(w["top"]) + int(w["height"]) for w in ws) / scale
        conf = sum(float(w["conf"]) for w in ws) / len(ws)
        line = line_type(mend_numbers(text), x0, top, x1, bottom)
        line.confidence = round(conf, 1)
        out.append(line)
    out.sort(key=lambda l: (l.top, l.x0))
    return out
