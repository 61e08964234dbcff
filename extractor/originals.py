"""The original page beside a flag: a PDF page rendered by PDFium as PNG, and where on it
the flag's figures are, for the review app to draw boxes over.

- Digital PDFs: the figure is found on its page by the page's own text (PDFium's characters
  and their boxes), whitespace ignored, so the box is where the reader sees the quote. A quote
  that occurs more than once on the page is told apart, for a table cell, by its row's
  longest other cell (the nearest occurrence after it in reading order); otherwise every
  occurrence is boxed and the count said. A table's cells cite the page the table starts on,
  so a cell not found there is looked for on the next pages the table may run onto.
- Scanned pages (no text layer): rendered and straightened exactly as OCR saw them
  (scan_pixels.deskew at the OCR resolution), and the box is the one the OCR reading carries
  (fact.source.box, in points on that straightened page).

Files are read again from their path and refused when missing or when their sha256 is no
longer the one the record was made from. Renderings are cached on disk, one PNG per
(sha256, page, scale); PDFium is not thread-safe, so every call into it holds one lock."""
from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Optional

SCALES = (1, 2, 3)  # pixels per point offered (2 = 144 dpi)
DEFAULT_SCALE = 2
_PDFIUM = threading.Lock()
_HASHES: dict = {}  # (path, size, mtime_ns) → sha256: a file is hashed again only when it changes


class OriginalUnavailable(Exception):
    """The original cannot be shown: `zh` and `en` say why."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


def locate(path: str, sha256: str, base: Optional[Path] = None) -> Path:
    """The file the record was made from: `path` as stored (relative to the working folder,
    else to `base`, the store's folder), with the same sha256; OriginalUnavailable if not."""
    candidates = [Path(path)] + ([base / path] if base is not None and not Path(path).is_absolute() else [])
    found = next((p for p in candidates if p.is_file()), None)
    if found is None:
        raise OriginalUnavailable(f"原文件不在原处：{path}（已移动或删除），无法显示原页。",
                                  f"the original file is missing: {path}")
    stat = found.stat()
    key = (str(found.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _HASHES:
        digest = hashlib.sha256()
        with open(found, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        _HASHES[key] = digest.hexdigest()
    if _HASHES[key] != sha256:
        raise OriginalUnavailable(
            f"原文件已被改动：{path} 的 sha256 与导入时不同（现为 {_HASHES[key][:12]}…，导入时为 {sha256[:12]}…），"
            "原页不再对应本标记；请重新导入。", f"the original file changed since import: {path}")
    return found


def _open(path: Path):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        raise OriginalUnavailable(f"原文件无法作为 PDF 打开：{e}", f"cannot open the PDF: {e}") from None


def _page(pdf, number: int):
    if not 1 <= number <= len(pdf):
        raise OriginalUnavailable(f"原文件没有第{number}页（共{len(pdf)}页）。", f"no page {number}")
    return pdf[number - 1]


def _is_scan(page) -> bool:
    """A page without a text layer was read by OCR (as ingest/pdf.py decides)."""
    text = page.get_textpage()
    try:
        return not text.get_text_range().strip()
    finally:
        text.close()


def page_png(path: Path, sha256: str, number: int, scale: int, cache: Optional[Path]) -> bytes:
    """Page `number` (from 1) as PNG at `scale` pixels per point; a scan straightened as the
    OCR saw it. Cached as cache/<sha256>-p<number>-s<scale>.png."""
    target = cache / f"{sha256}-p{number}-s{scale}.png" if cache is not None else None
    if target is not None and target.is_file():
        return target.read_bytes()
    import io

    with _PDFIUM:
        pdf = _open(path)
        try:
            page = _page(pdf, number)
            if _is_scan(page):
                from .ingest.ocr import OCR_DPI
                from .ingest.scan_pixels import deskew

                ocr_scale = OCR_DPI / 72
                seen = deskew(page.render(scale=ocr_scale, grayscale=True).to_pil().convert("L"))
                width, height = (round(v * scale) for v in page.get_size())
                image = seen.resize((width, height))
            else:
                image = page.render(scale=scale).to_pil()
        finally:
            pdf.close()
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    data = buf.getvalue()
    if target is not None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)  # a reader never sees half a file
        except OSError:
            pass  # a read-only place: served without caching
    return data


def _chars(page) -> tuple:
    """The page's characters without whitespace, and each one's box [x0, top, x1, bottom]
    in points from the crop box's top left (the rendered image's frame)."""
    import pypdfium2.raw as raw

    left, _, _, top = page.get_cropbox()
    text = page.get_textpage()
    try:
        chars, boxes = [], []
        for i in range(text.count_chars()):
            ch = chr(raw.FPDFText_GetUnicode(text.raw, i) or 32)
            if ch.isspace() or ch in "\x00\x02\ufffe":
                continue
            x0, y0, x1, y1 = text.get_charbox(i)
            chars.append(ch)
            boxes.append([x0 - left, top - y1, x1 - left, top - y0])
        return "".join(chars), boxes
    finally:
        text.close()


def _union(boxes: list) -> list:
    """Boxes of consecutive characters merged into one box per line."""
    lines: list = []
    for b in boxes:
        last = lines[-1] if lines else None
        if last and b[1] < last[3] and b[3] > last[1] and b[0] >= last[0] - 1:
            last[:] = [min(last[0], b[0]), min(last[1], b[1]), max(last[2], b[2]), max(last[3], b[3])]
        else:
            lines.append(list(b))
    return lines


def _find(text: str, needle: str) -> list:
    needle = "".join(needle.split())
    out, at = [], text.find(needle) if needle else -1
    while at >= 0:
        out.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    return out


def figure_boxes(path: Path, number: int, wanted: list) -> dict:
    """Where the figures are on page `number`: `wanted` is [(fact id, fact, evidence quote,
    row label or None)]; returns {"width", "height" (points), "scan", "boxes": [{fact, rects,
    how, count}]} with rects [x0, top, x1, bottom] in points."""
    with _PDFIUM:
        pdf = _open(path)
        try:
            page = _page(pdf, number)
            width, height = page.get_size()
            scan = _is_scan(page)
            text, char_boxes = ("", []) if scan else _chars(page)
        finally:
            pdf.close()
    out = []
    for fact_id, fact, quote, row_label in wanted:
        source = fact.get("source") or {}
        if source.get("box"):
            out.append({"fact": fact_id, "rects": [[float(v) for v in source["box"]]], "how": "ocr", "count": 1})
            continue
        if scan:
            continue
        hits = _find(text, quote) or _find(text, fact.get("text") or "")
        if len(hits) > 1 and row_label:
            # a cell's figure stands many times on a table's page: the one in its row, or none
            # here (its row may be on the next page)
            hits = _nearest(hits, _find(text, row_label))
        inner = "".join((fact.get("text") or "").split())
        rects = []
        for start, end in hits:
            at = text.find(inner, start, end) if inner else -1
            if at >= 0:  # the figure itself inside its quote
                start, end = at, at + len(inner)
            rects.append(_union(char_boxes[start:end]))
        if rects:
            out.append({"fact": fact_id, "rects": [r for group in rects for r in group], "how": "text",
                        "count": len(rects)})
    return {"width": width, "height": height, "scan": scan, "boxes": out}


def _nearest(hits: list, anchors: list) -> list:
    """The occurrence nearest after an anchor (another cell of the same table row) in the
    page's reading order, where a row's cells follow one another."""
    if not anchors:
        return []
    def distance(hit):
        return min((hit[0] - end if hit[0] >= end else (0 if hit[0] >= start else 10 ** 6 + start - hit[0]))
                   for start, end in anchors)
    return [min(hits, key=distance)]
