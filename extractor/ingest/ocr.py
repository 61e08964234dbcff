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
    """{page index: [line]} for the given pages, OCRed in parallel (one Tesseract each)."""
    exe = tesseract()
    scale = OCR_DPI / 72
    images = {}
    for i in indexes:
        bitmap = pdf[i].render(scale=scale, grayscale=True)
        buf = io.BytesIO()
        bitmap.to_pil().save(buf, format="PNG")
        images[i] = buf.getvalue()
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        results = dict(zip(images, pool.map(lambda png: _ocr(exe, png), images.values())))
    return {i: _lines(rows, scale, line_type) for i, rows in results.items()}


def _ocr(exe: str, png: bytes) -> list:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one thread per page: pages run side by side
    try:
        proc = subprocess.run([exe, "stdin", "stdout", "-l", OCR_LANG, "--psm", "4", "tsv"], input=png,
                              capture_output=True, timeout=OCR_TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired:
        raise IngestError(f"OCR of a page took longer than {OCR_TIMEOUT_S}s", code="ocr_timeout")
    if proc.returncode != 0:
        raise IngestError("Tesseract failed: " + proc.stderr.decode("utf-8", "replace")[-300:], code="ocr_failed")
    reader = csv.DictReader(io.StringIO(proc.stdout.decode("utf-8", "replace")), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [r for r in reader if r.get("level") == "5" and (r.get("text") or "").strip()]


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
