"""The original pages beside a flag: for each page its evidence cites, where the flag's
figures are on the report's own PDF page (originals finds them), as boxes in percentages of
the page for the flag page to draw over the page's image — or why the page cannot be shown."""
from __future__ import annotations

from pathlib import Path

from . import originals
from .render import flag_pages

PDF_FORMATS = ("pdf", "pdf-ocr")  # whose pages can be shown
TABLE_RUNS_ON = 2  # pages after its first that a table's cells are looked for on


def original_pages(record: dict, flag: dict, store_dir: Path) -> list:
    """For each page the flag's evidence cites: the page's image URL and the figures'
    boxes as percentages of the page (drawn over the image), or why it cannot be shown.
    `store_dir` is the store's folder: a relative path is also looked for from there."""
    if record["source"].get("format") not in PDF_FORMATS:
        return []
    source = record["source"]
    facts = {f["id"]: f for f in record.get("facts", [])}
    tables = {t["source"]["block"]: t["header"] + t["rows"] for t in record.get("tables", [])}
    try:
        path = originals.locate(source["path"], source["sha256"], store_dir)
    except originals.OriginalUnavailable as e:
        return [{"number": n, "error": e.zh} for n in flag_pages(flag)]
    wanted: dict = {}  # page → [(fact id, fact, quote, row anchor)]
    for q in flag.get("evidence_quotes", []):
        if q.get("page") is not None and q.get("fact") in facts:
            wanted.setdefault(int(q["page"]), []).append(
                (q["fact"], facts[q["fact"]], q.get("quote") or "", _row_anchor(tables, q)))
    found_on: dict = {}
    missing = []
    for number in sorted(wanted):
        look = list(wanted[number])
        # a table cites the page it starts on: its later rows are looked for on the next pages
        for n in range(number, number + (1 + TABLE_RUNS_ON if any(w[1]["source"].get("table") is not None
                                                                for w in look) else 1)):
            if not look:
                break
            try:
                found = originals.figure_boxes(path, n, look)
            except originals.OriginalUnavailable as e:
                if n == number:  # past the last page, a table simply ends
                    found_on.setdefault(n, {"error": e.zh})
                break
            page = found_on.setdefault(n, dict(found, boxes=[]))
            page["boxes"] += found["boxes"]
            done = {b["fact"] for b in found["boxes"]}
            look = [w for w in look if w[0] not in done and (n == number or w[1]["source"].get("table") is not None)]
        missing += [w[0] for w in look]
    out = []
    for number, found in sorted(found_on.items()):
        if "error" in found:
            out.append({"number": number, "error": found["error"]})
            continue
        if not found["boxes"] and number not in wanted:
            continue
        w, h = found["width"], found["height"]
        boxes = []
        for b in found["boxes"]:
            fact = facts[b["fact"]]
            for x0, top, x1, bottom in b["rects"]:
                pad = 1.5  # points around the characters, so the box does not hide them
                boxes.append({"fact": b["fact"], "text": fact.get("text") or "", "how": b["how"], "count": b["count"],
                              "left": round(100 * (x0 - pad) / w, 3), "top": round(100 * (top - pad) / h, 3),
                              "width": round(100 * (x1 - x0 + 2 * pad) / w, 3),
                              "height": round(100 * (bottom - top + 2 * pad) / h, 3),
                              # the region read by OCR, enlarged (2 px per point, as the page image)
                              "crop": [round(2 * v) for v in (x0 - 6, top - 6, x1 - x0 + 12, bottom - top + 12)],
                              "low": bool((fact.get("source") or {}).get("low_confidence")),
                              "confidence": (fact.get("source") or {}).get("ocr_confidence")})
        out.append({"number": number, "scan": found["scan"], "boxes": boxes, "page_px": [round(2 * w), round(2 * h)],
                    "missing": [f for f in missing if f in {w[0] for w in wanted.get(number, [])}]})
    return [p for p in out if p.get("error") or p["boxes"] or p["missing"]]


def _row_anchor(tables: dict, quote: dict):
    """A table cell's row, by its longest other cell: tells apart the same figure in several
    rows of a page."""
    grid = tables.get(quote.get("table"))
    if grid is None or quote.get("row") is None or not 0 <= int(quote["row"]) < len(grid):
        return None
    others = [c for i, c in enumerate(grid[int(quote["row"])]) if c and c.strip() and i != quote.get("col")]
    return max(others, key=len) if others else None
