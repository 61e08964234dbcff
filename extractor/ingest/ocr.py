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

OCR_DPI = int(os.environ.get("EXTRACTOR_OCR_DPI", "300"))
OCR_LANG = os.environ.get("EXTRACTOR_OCR_LANG", "chi_sim")
OCR_TIMEOUT_S = 180
_CJK_EDGE = regex.compile(r"[\p{Han}，。；：、（）“”《》]")


def tesseract() -> str:
    exe = shutil.which("tesseract")
    if exe is None:
        raise IngestError("this PDF has pages without a text layer (a scan) and OCR needs Tesseract: install "
                          "tesseract-ocr and tesseract-ocr-chi-sim", code="ocr_unavailable")
    return exe


def ocr_pages(pdf, indexes: list, line_type) -> dict:
    """{page index: (lines, words, ruling segments)} for the given pages, OCRed in parallel
    (one Tesseract each) after straightening the scan, so that ruling lines run along the
    pixel rows and columns and table cells can be rebuilt from them."""
    exe = tesseract()
    scale = OCR_DPI / 72
    images, rulings = {}, {}
    for i in indexes:
        image = deskew(pdf[i].render(scale=scale, grayscale=True).to_pil().convert("L"))
        rulings[i] = ruling_segments(image, scale)
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        images[i] = buf.getvalue()
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        results = dict(zip(images, pool.map(lambda png: _ocr(exe, png), images.values())))
    return {i: (_lines(rows, scale, line_type), rulings[i], TableReader(exe, images[i], scale, line_type))
            for i, rows in results.items()}


class TableReader:
    """OCR of one table region of a straightened page: the rules are erased and Tesseract
    reads sparse text (--psm 11), which finds the words of every cell; page-level OCR reads
    lines across cells and misses many of them."""

    def __init__(self, exe: str, png: bytes, scale: float, line_type):
        self.exe, self.png, self.scale, self.line_type = exe, png, scale, line_type

    def words(self, bbox) -> list:
        import numpy as np
        from PIL import Image

        image = Image.open(io.BytesIO(self.png))
        x0, top, x1, bottom = (int(v * self.scale) for v in bbox)
        if x1 - x0 < 20 or bottom - top < 20:
            return []  # rules that touch but enclose nothing
        pixels = np.array(image.crop((x0, top, x1, bottom)))
        dark = pixels < _DARK
        pixels[dark.sum(axis=1) > 0.5 * dark.shape[1], :] = 255  # horizontal rules
        pixels[:, dark.sum(axis=0) > 0.5 * dark.shape[0]] = 255  # vertical rules
        buf = io.BytesIO()
        Image.fromarray(pixels).save(buf, format="PNG")
        rows = _ocr(self.exe, buf.getvalue(), psm="11")
        for r in rows:  # back to page coordinates
            r["left"] = str(int(r["left"]) + x0)
            r["top"] = str(int(r["top"]) + top)
        return _words(rows, self.scale, self.line_type)


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
    import numpy as np

    sums = np.cumsum(dark, axis=1, dtype=np.int32)
    full = (sums[:, length:] - sums[:, :-length]) >= length * 0.95  # window start → a long run
    rows = np.where(full.any(axis=1))[0]
    out = []
    start = None
    for k, r in enumerate(rows):  # group adjacent pixel rows into one rule
        if start is None:
            start = r
        if k + 1 == len(rows) or rows[k + 1] - r > 2:
            band = full[start:r + 1].any(axis=0)
            cols = np.where(band)[0]
            seg_start = cols[0]
            for j in range(1, len(cols) + 1):
                if j == len(cols) or cols[j] - cols[j - 1] > 10:
                    out.append(((start + r) / 2 / scale, seg_start / scale, (cols[j - 1] + length) / scale))
                    if j < len(cols):
                        seg_start = cols[j]
            start = None
    return out


def _ocr(exe: str, png: bytes, psm: str = "4") -> list:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one thread per page: pages run side by side
    try:
        proc = subprocess.run([exe, "stdin", "stdout", "-l", OCR_LANG, "--psm", psm, "tsv"], input=png,
                              capture_output=True, timeout=OCR_TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired:
        raise IngestError(f"OCR of a page took longer than {OCR_TIMEOUT_S}s", code="ocr_timeout")
    if proc.returncode != 0:
        raise IngestError("Tesseract failed: " + proc.stderr.decode("utf-8", "replace")[-300:], code="ocr_failed")
    reader = csv.DictReader(io.StringIO(proc.stdout.decode("utf-8", "replace")), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [r for r in reader if r.get("level") == "5" and (r.get("text") or "").strip()]


_JUNK = regex.compile(r"^[|_\-—–<>~'\"`.,:;!\[\]()（）《》〈〉]+$")


def _words(words: list, scale: float, line_type) -> list:
    """Each recognised word with its box: what table cells are filled from. Marks left of
    an erased rule (|, _) are not words."""
    out = []
    for w in words:
        if _JUNK.match(w["text"].strip()):
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
        line = line_type(text, x0, top, x1, bottom)
        line.confidence = round(conf, 1)
        out.append(line)
    out.sort(key=lambda l: (l.top, l.x0))
    return out
