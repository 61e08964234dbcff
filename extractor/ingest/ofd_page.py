"""One OFD page's content (GB/T 33190 Content.xml) as positioned text and ruling lines.

Text objects: each TextCode's glyphs are placed from its X/Y (the first glyph's baseline,
in the object's space), DeltaX/DeltaY (the step to each next glyph, `g N v` meaning N
steps of v) and the object's CTM, then moved to the object's Boundary on the page. A step
the file leaves out is guessed from the font size (full width for Chinese, half for ASCII:
fonts are not read). Path objects: the straight pieces of AbbreviatedData (M, L, C; curves
are no rulings) in page space.

Everything comes out in points (1/72 inch) with y downwards, so the PDF layout code
(page_layout, ruled_tables) measures an OFD page by the same yardsticks as a PDF page."""
from __future__ import annotations

import math
import re

from .page_text import Line

MM = 72 / 25.4  # points in a millimetre
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# how many numbers each path command takes (GB/T 33190 9.3.2)
_ARGS = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}
_MAX_GLYPHS = 200_000  # a page drawing more glyphs than this is no report page
_FAR = 1e6  # mm: a number past a kilometre is damage, not a place on a page


class PageContent:
    """What one page (and the template drawn under it) holds: `runs` (a TextCode's
    glyphs, cut where they jump apart) for the text flow, `glyphs` (one Line a
    character) for filling table cells, `boxes` of the path pieces for ruling lines."""

    def __init__(self):
        self.runs: list = []
        self.glyphs: list = []
        self.boxes: list = []
        self.images = 0

    def add(self, root, with_paths: bool = True) -> None:
        """Read a parsed Content.xml (tags without namespace). A template's paths are
        left out (`with_paths`): they are frames and letterhead rules, not tables."""
        for el in root.iter("TextObject", "PathObject", "ImageObject"):
            if el.get("Visible", "true") == "false":
                continue
            if el.tag == "TextObject":
                self._text_object(el)
            elif el.tag == "PathObject":
                if with_paths:
                    self._path_object(el)
            else:
                self.images += 1

    def _text_object(self, el) -> None:
        boundary = numbers(el.get("Boundary"), 4)
        ctm = numbers(el.get("CTM"), 6) or _IDENTITY
        size = _float(el.get("Size"), 3.5)
        if boundary is None or size <= 0 or len(self.glyphs) >= _MAX_GLYPHS:
            return
        scale = math.sqrt(abs(ctm[0] * ctm[3] - ctm[1] * ctm[2])) or 1.0
        height = size * scale  # the glyph height on the page, mm
        x, y = 0.0, 0.0
        for code in el.iter("TextCode"):
            text = code.text or ""
            x, y = _float(code.get("X"), x), _float(code.get("Y"), y)  # left out: goes on from the last
            dxs, dys = steps(code.get("DeltaX"), len(text)), steps(code.get("DeltaY"), len(text))
            placed = []
            for i, ch in enumerate(text):
                default = size * (0.5 if ord(ch) < 128 else 1.0)
                advance = dxs[i] if i < len(dxs) else default
                px = ctm[0] * x + ctm[2] * y + ctm[4] + boundary[0]
                py = ctm[1] * x + ctm[3] * y + ctm[5] + boundary[1]
                width = default * scale if i == len(text) - 1 else abs(advance) * scale
                placed.append((ch, px, py, width))
                x += advance
                y += dys[i] if i < len(dys) else 0.0
            self._add_glyphs(placed, height)

    def _add_glyphs(self, placed: list, height: float) -> None:
        """Glyphs (char, left, baseline, width in mm) as Lines in points; runs cut where
        the next glyph is not where the previous one ends (a new line, a column jump)."""
        run: list = []
        for ch, px, py, width in placed:
            glyph = Line(ch, px * MM, (py - 0.88 * height) * MM, (px + width) * MM, (py + 0.12 * height) * MM)
            if run and (abs(glyph.top - run[-1].top) > 0.5 * height * MM
                        or not -0.5 * height * MM < glyph.x0 - run[-1].x1 < 1.5 * height * MM):
                self._close_run(run)
                run = []
            run.append(glyph)
            if ch.strip():
                self.glyphs.append(glyph)
        self._close_run(run)

    def _close_run(self, run: list) -> None:
        text = "".join(g.text for g in run).strip()
        if text:
            inked = [g for g in run if g.text.strip()]
            self.runs.append(Line(text, inked[0].x0, min(g.top for g in inked), inked[-1].x1,
                                  max(g.bottom for g in inked)))

    def _path_object(self, el) -> None:
        boundary = numbers(el.get("Boundary"), 4)
        ctm = numbers(el.get("CTM"), 6) or _IDENTITY
        data = el.find("AbbreviatedData")
        if boundary is None or data is None or not data.text:
            return
        for points in _subpaths(data.text):
            page = [((ctm[0] * px + ctm[2] * py + ctm[4] + boundary[0]) * MM,
                     (ctm[1] * px + ctm[3] * py + ctm[5] + boundary[1]) * MM) for px, py in points]
            xs, ys = [p[0] for p in page], [p[1] for p in page]
            if min(max(xs) - min(xs), max(ys) - min(ys)) <= 2:
                self.boxes.append((min(xs), min(ys), max(xs), max(ys)))  # a rule, or one drawn as a thin filled box
                continue
            for (x0, y0), (x1, y1) in zip(page, page[1:]):  # a grid or frame in one subpath: each side
                self.boxes.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))


def _subpaths(data: str) -> list:
    """The straight polylines of an AbbreviatedData: lists of points, a closed one (C)
    ending where it began. A curve ends the polyline it is in."""
    tokens = _PATH_TOKEN.findall(data)
    out, points, i = [], [], 0
    while i < len(tokens):
        op = tokens[i].upper()
        n = _ARGS.get(op)
        if n is None:  # a number where a command should be, or an unknown command: stop here
            break
        args = [float(t) for t in tokens[i + 1:i + 1 + n]]
        if len(args) < n or not all(abs(a) <= _FAR for a in args):  # cut short, or damaged
            break
        i += 1 + n
        if op in "SM":
            if len(points) > 1:
                out.append(points)
            points = [tuple(args)]
        elif op == "L":
            points.append(tuple(args))
        elif op == "C":
            if len(points) > 1:
                out.append(points + [points[0]])
            points = points[:1]
        else:  # Q, B, A: a curve to its end point
            if len(points) > 1:
                out.append(points)
            points = [tuple(args[-2:])]
    if len(points) > 1:
        out.append(points)
    return out


def numbers(value, count: int):
    """`count` numbers from an attribute such as Boundary or CTM, or None."""
    found = _NUMBER.findall(value or "")
    if len(found) < count:
        return None
    values = tuple(float(v) for v in found[:count])
    return values if all(abs(v) <= _FAR for v in values) else None  # (nan fails too)


def steps(value, limit: int) -> list:
    """A DeltaX/DeltaY list with `g N v` expanded, at most `limit` long."""
    out: list = []
    tokens = (value or "").split()
    i = 0
    while i < len(tokens) and len(out) < limit:
        if tokens[i] == "g" and i + 2 < len(tokens):
            n, v = _float(tokens[i + 1], 0), _float(tokens[i + 2], 0)
            out += [v] * int(min(max(n, 0), limit - len(out)))
            i += 3
        else:
            out.append(_float(tokens[i], 0))
            i += 1
    return out


def _float(value, default: float) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return default
    return v if abs(v) <= _FAR else default  # (nan fails too)
