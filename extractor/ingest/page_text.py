"""Text with positions on a fixed-layout page (PDF, OFD): lines with their boxes in
top-left coordinates (points), runs on one level gathered into lines, a cell's lines
joined into its text."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..patterns import load_json
from .cell_rows import is_cell_row

_CJK_EDGE = regex.compile(r"[\p{Han}，。；：、（）“”《》！？]")
# spaces PDF producers put between Chinese and Latin/digit runs are layout, not text
LAYOUT_SPACE = regex.compile(r"(?<=[\p{Han}，。；：、（）“”])\s+|\s+(?=[\p{Han}，。；：、（）“”])")


@lru_cache(maxsize=1)
def _units() -> str:
    """The Chinese units a figure is written with (人次, 万元, 种 …), as a pattern."""
    units = sorted({u for u in load_json("forms.json")["indicator_units"] if regex.match(r"\p{Han}", u)} | {"万", "亿"},
                   key=len, reverse=True)
    return "(?:" + "|".join(map(regex.escape, units)) + ")"


@lru_cache(maxsize=1)
def figure_unit_space() -> regex.Pattern:
    """The layout's space between a figure and its unit (38508 人)."""
    return regex.compile(r"(?<=\d)[ \t]+(?=" + _units() + r"(?!\p{Han}))")


def ends_in_figure(text: str, after: str) -> bool:
    """Does `text` end in a figure or a figure and its whole unit (… 3220人, … 97.3%), with
    `after` not going on with that unit (780人 | 次)?"""
    m = _figure_at_end().search(text)
    if m is None:
        return False
    unit = m.group(1) or ""
    longer = regex.match(_units(), unit + after) if unit else None
    return longer is None or longer.end() == len(unit)


@lru_cache(maxsize=1)
def _figure_at_end() -> regex.Pattern:
    return regex.compile(r"\d(%|" + _units() + r")?$")


@dataclass
class Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float = None  # OCR lines: mean word confidence (0-100)
    # the line broke after a space the page draws (False: not known to, None: the page draws none)
    ends_in_space: bool = None


def group_lines(runs: list) -> list:
    """Runs (PDFium lines, OFD text runs, or a cell's characters) whose vertical centres fall within each
    other's height form one line: PDFium may break a line where the text jumps sideways."""
    lines: list = []
    for run in sorted(runs, key=lambda r: (r.top + r.bottom) / 2):
        centre = (run.top + run.bottom) / 2
        if lines and lines[-1][0].top - 1 <= centre <= lines[-1][0].bottom + 1:
            lines[-1].append(run)
        else:
            lines.append([run])
    out = []
    for group in lines:
        group.sort(key=lambda r: r.x0)
        text = "".join(r.text for r in group).strip()
        if not all(getattr(r, "ends_in_space", None) is not None for r in group):
            # spaces PDFium guessed from gaps: a row of cells keeps the spaces between them,
            # all but the layout's between a figure and its unit (38508 人); prose keeps none
            # next to Chinese. (A page that draws its spaces has only its own left.)
            cells = figure_unit_space().sub("", text)
            text = cells if is_cell_row(cells) else LAYOUT_SPACE.sub("", text)
        out.append(Line(text, min(r.x0 for r in group), min(r.top for r in group), max(r.x1 for r in group),
                        max(r.bottom for r in group), ends_in_space=getattr(group[-1], "ends_in_space", None)))
    return out


# a figure broken over a narrow cell's lines: a digit, comma or point ends the line, and the
# next opens with the rest of the figure
_FIGURE_BREAKS_AFTER = frozenset("0123456789,.")
_FIGURE_GOES_ON = _FIGURE_BREAKS_AFTER | {"%"}


def join_cell_lines(lines: list) -> str:
    """A cell's wrapped lines as one text: Chinese (and its punctuation) joins without a
    space, Latin words with one; other breaks stay line breaks."""
    out = ""
    for line in lines:
        if out and out[-1] in _FIGURE_BREAKS_AFTER and line[0] in _FIGURE_GOES_ON:
            pass  # a figure wrapped in a narrow cell (3,000,|000.0|0, ≥98.0|0%) is one figure
        elif out and regex.match(r"[A-Za-z0-9]", out[-1]) and regex.match(r"[A-Za-z0-9]", line[0]):
            out += " "
        elif out and not (_CJK_EDGE.match(out[-1]) or _CJK_EDGE.match(line[0])):
            out += "\n"
        out += line
    return LAYOUT_SPACE.sub("", out)
