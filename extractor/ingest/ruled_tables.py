"""Tables from ruling lines: the grid the horizontal and vertical rules of a page enclose
(merged cells where a rule is missing), each character in the cell its centre is in, as
build_table spec rows. Shared by the PDF reader (PDFium's drawing, OCR'd scans) and the
OFD reader (its path objects)."""
from __future__ import annotations

from .page_text import group_lines, join_cell_lines


def _snap(values: list, tol: float = 2.0) -> list:
    out: list = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def rulings_of_boxes(boxes) -> tuple[list, list]:
    """Ruling lines from the boxes (x0, top, x1, bottom) of drawn paths: a thin box is a
    rule, as (y, x0, x1) horizontals and (x, y0, y1) verticals; a rectangle drawn as one
    path gives its four edges."""
    hs, vs = [], []
    for x0, y0, x1, y1 in boxes:
        w, h = x1 - x0, y1 - y0
        if h <= 2 and w > 3:
            hs.append(((y0 + y1) / 2, x0, x1))
        elif w <= 2 and h > 3:
            vs.append(((x0 + x1) / 2, y0, y1))
        elif w > 3 and h > 3:
            hs += [(y0, x0, x1), (y1, x0, x1)]
            vs += [(x0, y0, y1), (x1, y0, y1)]
    return hs, vs


def tables_from_rulings(hs: list, vs: list, runs) -> list:
    """Tables from ruling segments and boxed text: a list of runs (characters), or a
    function giving the runs inside a list of cell boxes (OCR of those cells)."""
    if len(hs) < 2 or len(vs) < 2:
        return []
    found = []
    all_runs = []
    for h_group, v_group in _clusters(hs, vs):
        grid = _grid_cells(h_group, v_group)
        if grid is None:
            continue
        region = runs(grid[2]) if callable(runs) else runs
        all_runs += region
        found.append(_fill_grid(*grid, region))
    runs = all_runs
    if found:
        first_top = min((r.top for r in runs), default=0)
        for t in found:
            t["first_on_page"] = t["bbox"][1] <= first_top + 2
    return found


def _clusters(hs: list, vs: list, tol: float = 2.0) -> list:
    """Groups of ruling lines that touch each other: one group per table."""
    items = [("h", s) for s in hs] + [("v", s) for s in vs]
    parent = list(range(len(items)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (ki, a) in enumerate(items):
        if ki != "h":
            continue
        for j, (kj, b) in enumerate(items):
            if kj == "v" and a[1] - tol <= b[0] <= a[2] + tol and b[1] - tol <= a[0] <= b[2] + tol:
                parent[find(i)] = find(j)
    groups: dict = {}
    for i, item in enumerate(items):
        groups.setdefault(find(i), []).append(item)
    out = []
    for members in groups.values():
        h = [s for k, s in members if k == "h"]
        v = [s for k, s in members if k == "v"]
        if len(h) >= 2 and len(v) >= 2:
            out.append((h, v))
    return sorted(out, key=lambda g: min(s[0] for s in g[0]))


def _grid_cells(hs: list, vs: list, tol: float = 2.0):
    """The cells the rules enclose: (xs, ys, cell boxes, owner of each grid slot), or None."""
    xs = _snap([s[0] for s in vs])
    ys = _snap([s[0] for s in hs])
    if len(xs) < 2 or len(ys) < 2:
        return None

    def has_v(x, y_lo, y_hi):  # a vertical rule at x covering the span between y_lo and y_hi
        mid = (y_lo + y_hi) / 2
        return any(abs(s[0] - x) <= tol and s[1] - tol <= mid <= s[2] + tol for s in vs)

    def has_h(y, x_lo, x_hi):
        mid = (x_lo + x_hi) / 2
        return any(abs(s[0] - y) <= tol and s[1] - tol <= mid <= s[2] + tol for s in hs)

    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    owner = {}
    cells = []
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) in owner:
                continue
            c2 = c
            while c2 + 1 < n_cols and not has_v(xs[c2 + 1], ys[r], ys[r + 1]):
                c2 += 1
            r2 = r
            while r2 + 1 < n_rows and not has_h(ys[r2 + 1], xs[c], xs[c2 + 1]):
                r2 += 1
            for rr in range(r, r2 + 1):
                for cc in range(c, c2 + 1):
                    owner[(rr, cc)] = len(cells)
            cells.append((xs[c], ys[r], xs[c2 + 1], ys[r2 + 1]))
    return xs, ys, cells, owner


def _fill_grid(xs: list, ys: list, cells: list, owner: dict, runs: list) -> dict:
    """The table of a grid: each run goes to the cell its centre is in."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    texts = {i: [] for i in range(len(cells))}
    for run in runs:
        cx, cy = (run.x0 + run.x1) / 2, (run.top + run.bottom) / 2
        if not (xs[0] <= cx <= xs[-1] and ys[0] <= cy <= ys[-1]):
            continue
        c = max(j for j in range(n_cols) if xs[j] <= cx)
        r = max(i for i in range(n_rows) if ys[i] <= cy)
        texts[owner[(min(r, n_rows - 1), min(c, n_cols - 1))]].append(run)
    with_text = [((round(b[0], 1), round(b[1], 1), round(b[2], 1), round(b[3], 1)), _runs_text(texts[i]))
                 + _ocr_extra(texts[i]) for i, b in enumerate(cells)]
    cell_xs = sorted({round(x, 0) for x in xs})
    return {"cells": with_text, "xs": cell_xs, "x0": xs[0], "x1": xs[-1], "bbox": (xs[0], ys[0], xs[-1], ys[-1]),
            "spec": spec_rows(with_text, cell_xs)}


def spec_rows(cells: list, xs: list) -> list:
    """build_table spec rows: a cell spanning several column (row) boundaries is a colspan
    (rowspan). Where a row has no cell over a column (a table finder may leave out the empty
    part of a cell merged on the previous page), an empty cell keeps the others in place."""
    tops = sorted({round(entry[0][1], 0) for entry in cells})
    entries = [[] for _ in tops]
    covered = set()
    for c, text, *ocr in sorted(cells, key=lambda ct: (round(ct[0][1], 0), ct[0][0])):
        r = tops.index(round(c[1], 0))
        # each edge at its nearest boundary: a table continued on a scanned page sits a
        # few points off the first part's columns, and a boundary a little inside a cell
        # is not a column it spans
        col = min(range(len(xs)), key=lambda j: abs(xs[j] - c[0]))
        colspan = max(1, min(range(len(xs)), key=lambda j: abs(xs[j] - c[2])) - col)
        rowspan = 1 + sum(1 for y in tops if c[1] + 1 < y < c[3] - 1)
        extra = ({"bbox": [float(v) for v in c], **ocr[0]},) if ocr else ()  # an OCR cell keeps its box and confidence
        entries[r].append((col, (text, rowspan, colspan) + extra))
        covered |= {(rr, cc) for rr in range(r, r + rowspan) for cc in range(col, col + colspan)}
    spec = []
    for r, row in enumerate(entries):
        starts = dict(row)
        out = []
        for col in range(max(len(xs) - 1, max(starts, default=0) + 1)):
            if col in starts:
                out.append(starts[col])
            elif (r, col) not in covered:
                out.append(("", 1, 1))  # nothing drawn here: keep the columns in place
        spec.append(out)
    return spec


def _ocr_extra(runs: list) -> tuple:
    """For a cell read by OCR: ({"confidence": lowest run confidence},), so its facts can
    say how sure the engine was; () for a digital cell."""
    confidences = [r.confidence for r in runs if r.confidence is not None]
    return ({"confidence": min(confidences)},) if confidences else ()


def _runs_text(runs: list) -> str:
    """A cell's characters as text, lines top to bottom."""
    return join_cell_lines([l.text for l in group_lines(runs) if l.text])
