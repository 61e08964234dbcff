"""OCR for PDF pages without a text layer: Tesseract (Debian's tesseract-ocr-chi-sim, models
installed with the package, nothing downloaded) on each page rendered by PDFium.

Tesseract's TSV output gives words with boxes and confidences; they are grouped into
lines in PDF coordinates so the rest of the PDF reader treats a scanned page like a
digital one. Each line keeps its mean word confidence."""
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


# Tesseract reads a full-width bracket （ as 〈 or 《 and often drops the closing one:
# （万元） comes back as 〈万元) or (万元, and the column loses its unit.
_SLIPPED_OPEN = regex.compile(r"[〈《<]([^〈《<>〉》()（）]{1,8})[)）]")
_UNCLOSED_END = regex.compile(r"[(（]([^()（）]{1,6})$")


# Written money whose thousands separators OCR garbled: read as a point, doubled, or lost
# (5.511,600.00 / 3,.523,980.00 / 1987,620.00 for 5,511,600.00 / 3,523,980.00 /
# 1,987,620.00). Only a figure with groups of three and a decimal part after them is taken
# for money grouped in thousands: 5.511 alone stays a decimal.
_GARBLED_GROUPS = regex.compile(r"(?<![\d.,])([1-9]\d{0,3})((?:[.,]{1,2}\d{3})+)\.(\d{1,2})(?![\d.,])")
# a digit glued right after % is the lower ring of the % sign read again (100%6)
_RING_AFTER_PERCENT = regex.compile(r"(?<=\d%)\d(?![\d.,])")


def mend_numbers(text: str) -> str:
    """Figures OCR broke in one line, put back (see _GARBLED_GROUPS, _RING_AFTER_PERCENT)."""
    text = _GARBLED_GROUPS.sub(lambda m: f"{int(m.group(1) + regex.sub(r'[.,]', '', m.group(2))):,}.{m.group(3)}", text)
    return _RING_AFTER_PERCENT.sub("", text)


# 元 read as 无 (one stroke apart) after a figure in 万/亿 (3850万无), unless 无 opens a
# word there (2万无需审批)
_YUAN_READ_AS_WU = regex.compile(r"(?<=\d\s*[万亿]\s*)无(?![需法论关效误])")


def mend_units(text: str) -> str:
    """A unit OCR misread after a figure, put back (_YUAN_READ_AS_WU). Applied to a whole
    paragraph or cell, since the unit often opens the next line (…3850万 / 无，…)."""
    return _YUAN_READ_AS_WU.sub("元", text)


def mend_brackets(text: str) -> str:
    """A bracket pair that OCR broke, put back: an opening 〈/《 closed by ) is a (, and
    a ( opened near the end of a cell and never closed is closed there."""
    text = _SLIPPED_OPEN.sub(r"(\1)", text)
    return _UNCLOSED_END.sub(r"(\1)", text)


_ORDINALS = "一二三四五六七八九十"
# 二 and 三 are two and three strokes: OCR reads them as 一一 and 一一一, often with a
# speck after (一…)
_STROKES = regex.compile(r"^(一{1,3})[…⋯.·,，:：、_~\-]*$")
_ITEM_ONE = regex.compile(r"^[1１][.、．]?$")


def mend_row_labels(table) -> None:
    """A 序号 column of a scanned table, read as the row numbers it holds: a label OCR
    gave as strokes (一一, 一…) is the numeral with that many strokes, and a group row
    whose label was lost (its items number from 1 again below it) is the group after
    the one before it. Each mended cell keeps its reading in `raw` and says why in
    `mended`. Digital tables (no cell with an OCR confidence) are left alone."""
    if not table.rows or table.n_cols < 2 or not any("序号" in table.rows[r][0].text for r in range(table.header_rows)) \
            or not _scanned(table):
        return
    group = 0  # the last group numeral seen
    for r in range(table.header_rows, table.n_rows):
        cell = table.rows[r][0]
        if cell.merged_from is not None:
            continue
        text = cell.text.strip()
        strokes = _STROKES.match(text)
        label = why = None
        if strokes and text != "一":
            label, why = _ORDINALS[len(strokes.group(1)) - 1], "strokes"
        elif not text and 0 < group < len(_ORDINALS) and _numbers_items_below(table, r):
            label, why = _ORDINALS[group], "sequence"
        if label:
            _mend(table, cell, label, why)
            text = label
        if text in _ORDINALS:
            group = _ORDINALS.index(text) + 1


# Rule marks OCR reads after a figure in a cell: the stroke of a horizontal rule (一, -,
# _), a vertical rule (|, 丨), and 和, which the end of a rule with a speck beside it
# often becomes. No figure in a table cell is written with one of them after it.
_FIGURE_TAIL = regex.compile(r"^(?P<figure>[-+]?\d[\d,]*(?:\.\d+)?%?)\s*[一\-—_|｜丨和]+$")
_FIGURE = regex.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?%?$")


def mend_figure_tails(table) -> None:
    """In a column of figures of a scanned table, a figure with rule marks read after it
    (59和, 3一一, 4 -一) is the figure. A column is one of figures when at least two of its
    body cells, and most, are figures with or without such marks. The cell keeps its
    reading in `raw` and says why in `mended`; digital tables are left alone."""
    if not _scanned(table):
        return
    for c in range(table.n_cols):
        body = [table.rows[r][c] for r in range(table.header_rows, table.n_rows)
                if table.rows[r][c].merged_from is None and table.rows[r][c].text.strip()]
        tailed = [(cell, m) for cell in body if (m := _FIGURE_TAIL.match(cell.text.strip()))]
        figures = len(tailed) + sum(1 for cell in body if _FIGURE.match(cell.text.strip()))
        if not tailed or figures < 2 or 2 * figures <= len(body):
            continue
        for cell, m in tailed:
            _mend(table, cell, m["figure"], "figure tail")


def _scanned(table) -> bool:
    """Was the table read by OCR (some cell has a confidence)? Digital tables are never mended."""
    return any(c.confidence is not None for row in table.rows for c in row)


def _mend(table, cell, text: str, why: str) -> None:
    """Put a cell's OCR reading right: `raw` keeps what was read, `mended` says why, and the
    positions a merged cell covers repeat the new text."""
    if cell.raw is None:
        cell.raw = cell.text
    cell.text, cell.mended = text, why
    for row in table.rows[cell.row:cell.row + cell.rowspan]:
        for copy in row[cell.col:cell.col + cell.colspan]:
            if copy.merged_from == (cell.row, cell.col):
                copy.text = text


def _numbers_items_below(table, r: int) -> bool:
    """Does the row below this one (and its span) open a run of items numbered from 1,
    while this row names something (a group's title in the next cell)?"""
    below = r + table.rows[r][0].rowspan
    return (below < table.n_rows and bool(table.rows[r][1].text.strip())
            and bool(_ITEM_ONE.match(table.rows[below][0].text.strip())))


def _dash(cell):
    """A lone 一 narrower than a Chinese character is a dash (-, nothing in this cell):
    Tesseract's Chinese model has no short dash and reads - as 一, which would be 1."""
    if cell.text == "一" and cell.x1 - cell.x0 < _DASH_MAX_PT:
        cell.text = "-"
    return cell


_DASH_MAX_PT = 5.5  # a hyphen in body text is 3-4 pt wide, 一 in a 9 pt font or larger 8 pt or more
_CELLS_PER_RUN = 24  # below this many cells a second Tesseract costs more than it saves
_PAD = 12  # white around a cell's crop: Tesseract misses text that touches the image edge
_INSET_PT = 1.2  # a cell's crop stays this far inside its rules (half a blurred rule's width and a little)
_MIN_INK = 8  # dark pixels below which a cell is empty (a lone blurred 一 or - has 20-30), not read


def _cell_crop(image, box, scale: float):
    """((left, top) in pixels, PNG) of one cell's inside, or None for an empty cell. Rows
    and columns along the crop's edges that are mostly dark are what is left of a rule
    (a rule is never perfectly straight on a scan) and are whitened."""
    import numpy as np
    from PIL import Image, ImageOps

    inset = int(_INSET_PT * scale)
    x0, top, x1, bottom = (int(round(box[0] * scale)) + inset, int(round(box[1] * scale)) + inset,
                           int(round(box[2] * scale)) - inset, int(round(box[3] * scale)) - inset)
    if x1 - x0 < 6 or bottom - top < 6:
        return None
    pixels = np.array(image.crop((x0, top, x1, bottom)))
    if (pixels < _DARK).sum() < _MIN_INK:
        return None
    # black on white: on a small grey, noised crop Tesseract's own thresholding often
    # loses the text (a lone 92.5 read as 9)
    ink = pixels < _otsu(pixels)
    _erase_rule_ends(ink, inset + 2)
    _erase_rule_ends(ink.T, inset + 2)
    binary = np.where(ink, 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    ImageOps.expand(Image.fromarray(binary), _PAD, fill=255).save(buf, format="PNG")
    return (x0, top), buf.getvalue()


def _erase_rule_ends(ink, edge: int) -> None:
    """Clear the rows within `edge` of the crop's top and bottom that hold a long run of
    ink: a rule that is not quite straight on the scan enters the cell near a corner
    and would be read as a character (优 read as 优加). Text keeps clear of its rules."""
    n, width = ink.shape
    for k in set(range(min(edge, n))) | set(range(max(0, n - edge), n)):
        if _longest_run(ink[k]) >= max(2 * edge, _RULE_SHARE * width):
            ink[k, :] = False


_RULE_SHARE = 0.15


def _longest_run(row) -> int:
    import numpy as np

    padded = np.concatenate(([0], row.astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(padded))
    return int((edges[1::2] - edges[::2]).max()) if len(edges) else 0


def _otsu(pixels) -> int:
    """The grey level that best splits the pixels into ink and paper (Otsu's method)."""
    import numpy as np

    hist = np.bincount(pixels.ravel(), minlength=256).astype(float)
    levels = np.arange(256)
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * levels)
    total, grand = weight[-1], mean[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (grand * weight - mean * total) ** 2 / (weight * (total - weight))
    return int(np.nanargmax(between)) + 1


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


_DARK = 140


def deskew(image):
    """Rotate by the angle (within ±1°) that makes dark pixel rows most uneven: text lines
    and table rules then lie flat. Measured on a quarter-size copy."""
    import numpy as np
    from PIL import Image

    small = image.resize((image.width // 4, image.height // 4))
    best_angle, best = 0.0, -1.0
    for tenth in range(-10, 11):
        rotated = np.asarray(small.rotate(tenth / 10, resample=Image.BILINEAR, fillcolor=255)) < _DARK
        spread = rotated.sum(axis=1).astype(float).var()
        if spread > best:
            best_angle, best = tenth / 10, spread
    if best_angle == 0:
        return image
    return image.rotate(best_angle, resample=Image.BILINEAR, fillcolor=255)


def ruling_segments(image, scale: float, min_px: int = 150) -> tuple[list, list]:
    """Table rules on a straightened scan: runs of dark pixels at least min_px long, as
    (y, x0, x1) horizontals and (x, y0, y1) verticals in PDF points."""
    import numpy as np

    dark = np.asarray(image) < _DARK
    hs = _runs(dark, min_px, scale)
    vs = _runs(dark.T, min_px, scale)
    return hs, vs


def _runs(dark, length: int, scale: float) -> list:
    """Long horizontal runs of dark pixels, as (y, x0, x1) in points. A scanned rule is
    blurred, noised and not quite straight, so a pixel row counts as dark where it or a
    row next to it is, and gaps of up to _RULE_GAP_PT are bridged: otherwise a rule
    falls apart into pieces that miss the rules they meet, and cells merge."""
    import numpy as np

    thick = dark.copy()
    thick[1:] |= dark[:-1]
    thick[:-1] |= dark[1:]
    sums = np.cumsum(thick, axis=1, dtype=np.int32)
    full = (sums[:, length:] - sums[:, :-length]) >= length * 0.9  # window start → a long run
    rows = np.where(full.any(axis=1))[0]
    gap = max(2, int(_RULE_GAP_PT * scale))
    out = []
    start = None
    for k, r in enumerate(rows):  # group adjacent pixel rows into one rule
        if start is None:
            start = r
        if k + 1 == len(rows) or rows[k + 1] - r > 2:
            for x0, x1 in _bridged(thick[start:r + 1].any(axis=0), gap, length):
                out.append(((start + r) / 2 / scale, x0 / scale, x1 / scale))
            start = None
    return out


_RULE_GAP_PT = 2.0


def _bridged(line, gap: int, length: int) -> list:
    """(start, end) pixel spans of a row's dark pixels with gaps up to `gap` bridged,
    kept where at least `length` long and mostly dark."""
    import numpy as np

    cols = np.where(line)[0]
    if not len(cols):
        return []
    breaks = np.where(np.diff(cols) > gap)[0]
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [len(cols) - 1]))
    out = []
    for i, j in zip(starts, ends):
        span = cols[j] + 1 - cols[i]
        if span >= length and (j + 1 - i) >= 0.8 * span:
            out.append((int(cols[i]), int(cols[j]) + 1))
    return out


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
