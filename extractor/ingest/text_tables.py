"""Tables written as text, one row a line, as reports copied from web pages or Markdown
carry them:
- pipe rows: cells separated by | (also full-width ｜ and box-drawing │), with or without
  the outer pipes, Markdown rule rows (|---|:---:|) and box rules (├──┼──┤) between them;
- spaced rows: cells separated by runs of two or more spaces, a full-width space or a tab.

Shared by the .txt reader and the .pdf reader (a .txt printed to PDF keeps each pipe row
as a text line, a long one wrapped onto the next): both hand in their lines as strings and
get back where a table starts and ends and its rows of cell texts as written.
`table_from_rows` builds the Table the way every format does (build_table: header rows,
merges, cleaned cell text).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex

from ..model import Table
from ..normalize import normalize
from ..numbering import numbering_of
from ..patterns import load_json
from .tables import build_table, fill_vertical_merges, infer_parent_spans, is_caption_text


@dataclass
class TextTable:
    start: int  # index of its first line
    end: int  # one past its last line
    rows: list  # rows of cell texts as written; trailing empty cells left off
    lines: list = field(default_factory=list)  # its lines, so a table cut by a page break can be read again whole


# ---------------------------------------------------------------- vocabulary

@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    spec = load_json("text_tables.json")
    seps = regex.escape(spec["cell_separators"])
    dashes = regex.escape(spec["rule_dashes"])
    joints = regex.escape("".join(c for c in spec["rule_characters"] if c not in spec["rule_dashes"] + ":+"))
    wide = regex.escape(spec["wide_spaces"])
    return {
        "separators": frozenset(spec["cell_separators"]),
        "separator": regex.compile(rf"[{seps}]"),
        # the standard library's re finds a plain character class several times faster
        # than regex does: the test every line of a text goes through
        "any_separator": re.compile("[" + re.escape(spec["cell_separators"]) + "]"),
        "gap_hint": re.compile("  |[\t\xa0" + re.escape(spec["wide_spaces"]) + "]"),
        # a separator written as text (Markdown \|) does not split
        "split": regex.compile(rf"(?<!\\)[{seps}]"),
        "rule_chars": frozenset(spec["rule_characters"] + spec["cell_separators"] + " \t\u3000"),
        "rule_mark": regex.compile(rf"[{dashes}]{{2}}|[{joints}]|:[{dashes}]|[{dashes}]:"),
        # a cell of a spaced row: words joined by single spaces; what lies between two
        # cells is two spaces or more, or a wide space, or a tab
        "spaced_cell": regex.compile(rf"[^\s{wide}]+(?:[ \xa0][^\s{wide}]+)*"),
        "spaced_gap": regex.compile(rf"[^\s{wide}](?:[ \xa0]*[\t{wide}]|[ \xa0]{{2}})[\s{wide}]*[^\s{wide}]"),
    }


# ---------------------------------------------------------------- pipe rows

_PIPE, _RULE, _TEXT, _BLANK = "pipe", "rule", "text", "blank"
# A cell's text may run on over a few lines without pipes; more is a paragraph.
_MAX_CONTINUATION_LINES = 3
# Blank lines between two pipe rows (web pages saved as text) keep the table going.
_MAX_BLANKS_INSIDE = 2
# Rows that open and close with a pipe (| a | b |) in at least this share: Markdown-like,
# one row a line. Otherwise (a | b |, cells one a line …) rows are counted in pipes.
_BOUNDED_SHARE = 0.6
# A row width (in pipes) that leaves most lines outside whole rows explains nothing.
_MIN_WIDTH_COVERAGE = 0.8
_MAX_ROW_PIPES = 64
# Lines of one pipe in at least this share: cells one a line (X |), not rows.
_ONE_CELL_SHARE = 0.8
# Pipe lines with text in at most this share: the pipes stand on lines of their own.
_BARE_PIPE_SHARE = 0.2


def drawing_characters() -> frozenset:
    """The characters tables are drawn with in text: separators and rules."""
    return _vocabulary()["rule_chars"] - frozenset(" \t\u3000")


def _line_kind(line: str) -> str:
    s = line.strip()
    if not s:
        return _BLANK
    vocab = _vocabulary()
    if s[0] in vocab["rule_chars"] and all(c in vocab["rule_chars"] for c in s) and vocab["rule_mark"].search(s):
        return _RULE
    return _PIPE if vocab["separator"].search(s) else _TEXT


def starts_pipe_table(lines: list, i: int) -> bool:
    """Can a pipe table start at line i? (A cheap test for every line of a text.) It can at
    a pipe or rule line, and at a cell's text whose pipe stands on the next line alone."""
    vocab = _vocabulary()
    line = lines[i]
    if vocab["any_separator"].search(line):
        return True
    opening = line.lstrip()[:1]
    if not opening:
        return False
    if opening in vocab["rule_chars"]:
        return _line_kind(line) == _RULE
    following = lines[i + 1] if i + 1 < len(lines) else ""
    return bool(vocab["any_separator"].search(following)) and _is_bare_pipe_line(following)


def _is_bare_pipe_line(line: str) -> bool:
    return _line_kind(line) == _PIPE and not _has_text(line)


def pipe_table_at(lines: list, i: int, min_rows: int = 2) -> Optional[TextTable]:
    """The pipe table whose first line is lines[i], or None when no pipe rows start there.
    A TextTable without rows: pipe lines that hold no grid (cells one a line with nothing
    to tell where a row ends), to be read as text, and not searched again from each of
    their lines. `min_rows`: how many rows make a table (its rest overleaf may be one)."""
    if not starts_pipe_table(lines, i):
        return None
    members, end = _pipe_region(lines, i)
    if sum(1 for kind, _ in members if kind == _PIPE) < min_rows:
        return None
    rows = _pipe_rows(members)
    if len(rows) < min_rows or max(len(r) for r in rows) < 2:
        rows = []
    return TextTable(i, end, rows, lines[i:end])


def _pipe_region(lines: list, i: int) -> tuple:
    """The lines of the pipe table starting at i: [(kind, text)] without blank lines, and
    the index after its last pipe or rule line."""
    members: list = []
    end = i
    j = i
    if _line_kind(lines[i]) == _TEXT:  # a cell's text before its pipe
        members.append((_TEXT, lines[i]))
        j += 1
    while j < len(lines):
        kind = _line_kind(lines[j])
        if kind in (_PIPE, _RULE):
            members.append((kind, lines[j]))
            j += 1
            end = j
            continue
        if not any(k == _PIPE for k, _ in members):
            break  # a rule line (---) not followed by a pipe row is no table
        if kind == _TEXT:
            upto = _continuation_end(lines, j)
            if upto is None:
                break
            members.extend((_TEXT, lines[k]) for k in range(j, upto))
            j = upto
            continue
        upto = _rows_after_blanks(lines, j)
        if upto is None:
            break
        j = upto
    return members, end


def _continuation_end(lines: list, j: int) -> Optional[int]:
    """Lines without pipes from j that continue a cell: a pipe row follows them, and none
    of them opens something of its own (a caption, a numbered heading). Returns the index
    of that pipe row, or None."""
    k = j
    while k < len(lines) and k - j < _MAX_CONTINUATION_LINES and _line_kind(lines[k]) == _TEXT:
        text = lines[k].strip()
        if is_caption_text(text) or numbering_of(normalize(text))[1] in (1, 2):
            return None
        k += 1
    return k if k < len(lines) and _line_kind(lines[k]) == _PIPE else None


def _rows_after_blanks(lines: list, j: int) -> Optional[int]:
    """After blank lines at j: the index of the next pipe row when the table goes on there,
    else None. A row followed by a rule row opens a new Markdown table."""
    k = j
    while k < len(lines) and _line_kind(lines[k]) == _BLANK:
        k += 1
    if k - j > _MAX_BLANKS_INSIDE or k >= len(lines) or _line_kind(lines[k]) != _PIPE:
        return None
    if k + 1 < len(lines) and _line_kind(lines[k + 1]) == _RULE:
        return None
    return k


def _pipe_rows(members: list) -> list:
    grid = _rows_between_rules(members)
    if grid is not None:
        return grid
    lines = [(kind, text.strip()) for kind, text in members if kind != _RULE]
    texts = [t for kind, t in lines if kind == _PIPE and _has_text(t)]
    seps = _vocabulary()["separators"]
    bounded = bool(texts) and sum(1 for t in texts if t[0] in seps and t[-1] in seps) >= _BOUNDED_SHARE * len(texts)
    if bounded:
        raw_rows = _bounded_raw_rows(lines)
    else:
        counts = [_pipe_count(t) for kind, t in lines if kind == _PIPE]
        # pipes on lines of their own: the lines between them are the cells
        bare = len(texts) <= _BARE_PIPE_SHARE * len(counts)
        if _one_cell_a_line(counts):
            # Cells one a line: only runs of pipes closing the rows (||||) say where a row
            # ends; without them, or with lines of text between the X | lines (row names
            # or the rest of a cell, no telling which), there is no grid to rebuild.
            width = _row_width(counts, closed_only=True) or _numbered_width(lines)
            if width is None or (not bare and any(kind == _TEXT for kind, _ in lines)):
                return []
        else:
            width = _row_width(counts)
        raw_rows = _counted_raw_rows(lines, width, text_opens_rows=bare)
    rows = []
    for raw, tails in raw_rows:
        cells = _split_row(raw, bounded)
        for tail in tails:
            _append_to_last_cell(cells, tail)
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            rows.append(cells)
    return rows


# the first column's header of a table whose rows are numbered 1, 2, 3 …
_NUMBER_HEADERS = ("序号", "编号", "序", "排序", "排名", "名次")


def _numbered_width(lines: list) -> Optional[int]:
    """Cells one a line (序号 | 名称 | … | 1 | … | 2 | …) with nothing closing the rows: the
    row's width is where the numbering starts, when the cells at every multiple of it
    count 1, 2, 3 … to the end. Without such numbering there is no telling where a row
    ends."""
    if any(kind != _PIPE for kind, _ in lines):
        return None
    seps = _vocabulary()["separators"]
    cells = [text.strip().strip("".join(seps)).strip() for _, text in lines]
    if not cells or cells[0] not in _NUMBER_HEADERS or "1" not in cells:
        return None
    width = cells.index("1")
    rows = -(-len(cells) // width)  # the last may be cut short (the rest overleaf, or lost)
    if width < 2 or rows < 3:
        return None
    return width if all(cells[r * width] == str(r) for r in range(1, rows)) else None


def _has_text(line: str) -> bool:
    seps = _vocabulary()["separators"]
    return any(not c.isspace() and c not in seps for c in line)


def _bounded_raw_rows(lines: list) -> list:
    """| a | b | rows: a row opens with a pipe; a line that does not continues the row
    above (a long row wrapped, as in a PDF), as does a line without pipes when that row
    is still open; after a closed row such a line runs on in its last cell."""
    seps = _vocabulary()["separators"]
    rows: list = []  # [raw text, texts continuing its last cell]
    for kind, text in lines:
        if kind == _PIPE and (text[0] in seps or not rows):
            rows.append([text, []])
        elif kind == _PIPE or rows[-1][0][-1] not in seps:
            rows[-1][0] = _join_wrapped(rows[-1][0], text)
        else:
            rows[-1][1].append(text)
    return rows


def _counted_raw_rows(lines: list, width: Optional[int], text_opens_rows: bool = False) -> list:
    """a | b | rows as web pages are saved to text: each pipe ends a cell, and a row may be
    broken over lines (after a cell merged down the rows, or one cell a line with a run of
    pipes closing the row). Lines are gathered into rows of `width` pipes (see _row_width);
    with None, each line is a row. A line without pipes goes on in a row still open; after
    a closed row it opens the next (`text_opens_rows`: pipes stand on lines of their own)
    or else runs on in the last cell."""
    rows: list = []
    pipes = 0  # pipes in the last row
    open_row = False
    for kind, text in lines:
        if kind == _PIPE:
            k = _pipe_count(text)
            if open_row and pipes + k <= width:
                rows[-1][0] = _join_wrapped(rows[-1][0], text)
                pipes += k
            else:
                rows.append([text, []])
                pipes = k
            open_row = width is not None and pipes < width
        elif open_row:
            rows[-1][0] = _join_wrapped(rows[-1][0], text)
        elif text_opens_rows or not rows:
            rows.append([text, []])
            pipes, open_row = 0, True
        else:
            rows[-1][1].append(text)
    return rows


def _pipe_count(text: str) -> int:
    return len(_vocabulary()["split"].findall(text))


def _one_cell_a_line(counts: list) -> bool:
    return sum(1 for k in counts if k == 1) >= _ONE_CELL_SHARE * len(counts)


def _row_width(counts: list, closed_only: bool = False) -> Optional[int]:
    """The number of pipes a whole row has: of the widths the lines suggest, the smallest
    that gathers the most lines into whole rows; None when none gathers most of them.
    `closed_only`: only widths of rows closed by a run of pipes."""
    best, best_covered = None, 0
    for width in _suggested_widths(counts, closed_only):
        covered = _lines_in_whole_rows(counts, width)
        if covered > best_covered:
            best, best_covered = width, covered
    return best if best_covered >= _MIN_WIDTH_COVERAGE * len(counts) else None


def _suggested_widths(counts: list, closed_only: bool = False) -> list:
    """Row widths the lines suggest: a line's own pipe count, and the pipes of the one-pipe
    lines (one cell a line) up to and with the next line of more pipes, which closes the
    row (|| or ||||| after the last cell). Any width would gather one-pipe lines alone, so
    those rows say nothing."""
    widths = set()
    pending = 0
    for k in counts:
        if not closed_only:
            widths.add(k)
        pending += k
        if k > 1:
            if pending > k or not closed_only:
                widths.add(pending)
            pending = 0
    return sorted(w for w in widths if w <= _MAX_ROW_PIPES)


def _lines_in_whole_rows(counts: list, width: int) -> int:
    covered = pipes = gathered = 0
    for k in counts:
        if 0 < pipes < width and pipes + k <= width:
            pipes += k
            gathered += 1
        else:
            pipes, gathered = k, 1
        if pipes == width:
            covered += gathered
        if pipes >= width:
            pipes = 0
    return covered


def _rows_between_rules(members: list) -> Optional[list]:
    """Grid tables (box drawing, +---+ rules) draw a rule under every row; a row's cells
    may then run over several lines, each with all the pipes and empty where its cells
    have no more text. Read each stretch between two rules as one row. None when the
    table is not drawn so (Markdown: a rule under the header only; a rule above 合计)."""
    stretches: list = [[]]
    for kind, text in members:
        if kind == _RULE:
            if stretches[-1]:
                stretches.append([])
        else:
            stretches[-1].append((kind, text.strip()))
    stretches = [s for s in stretches if s]
    if len(stretches) < 3 or all(len(s) == 1 for s in stretches):
        return None
    if any(kind != _PIPE for s in stretches for kind, _ in s):
        return None
    rows = []
    for stretch in stretches:
        parts = [_split_row(text, True) for _, text in stretch]
        if len({len(p) for p in parts}) > 1 or any(all(part) for part in parts[1:]):
            return None  # lines of whole rows, not one row drawn over several lines
        cells = parts[0]
        for part in parts[1:]:
            cells = [_join_wrapped(a, b) if a and b else a or b for a, b in zip(cells, part)]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            rows.append(cells)
    return rows


def _split_row(raw: str, bounded: bool) -> list:
    """Cell texts of a row. | a | b |: the outer pipes hold no cells; a | b |: each pipe
    ends the cell before it."""
    seps = _vocabulary()["separators"]
    text = raw.strip()
    if bounded and text and text[0] in seps:
        text = text[1:]
    cells = _vocabulary()["split"].split(text)
    if len(cells) > 1 and not cells[-1].strip():
        cells.pop()  # the closing pipe
    return [c.strip().replace("\\|", "|") for c in cells]


def _append_to_last_cell(cells: list, text: str) -> None:
    for k in range(len(cells) - 1, -1, -1):
        if cells[k]:
            cells[k] = _join_wrapped(cells[k], text)
            return
    if cells:
        cells[0] = text


_LATIN = regex.compile(r"[A-Za-z0-9]")


def _join_wrapped(first: str, rest: str) -> str:
    """A line broken inside a cell: Chinese runs on without a space, Latin words with one."""
    if first and rest and _LATIN.match(first[-1]) and _LATIN.match(rest[0]):
        return first + " " + rest
    return first + rest


# ---------------------------------------------------------------- spaced rows

# A run shorter than this with cells that agree in number is a coincidence.
_MIN_EVEN_ROWS = 3
_MAX_SPACED_ROWS = 200  # a longer run is read as several tables
_PROSE_CELL = 40  # a cell longer than this is running text, not a table cell
_PROSE_PUNCT = regex.compile(r"[，。；！？]")
_PROSE_PUNCT_CELL = 15  # a cell this long with sentence punctuation in it is running text
_FIGURE = regex.compile(r"^(?:[≥≤><=≧≦]|约)?\s*[-+]?\d[\d,]*(?:\.\d+)?\s*(?:%|[\p{Han}]{1,3})?$|^[-—–]+$")
# slack, in character columns, for a figure to count as under its header
_ALIGN_SLACK = 2
_HAN = regex.compile(r"^\p{Han}$")


@dataclass
class _SpacedCell:
    text: str
    left: int  # display columns (a Chinese character is two wide)
    right: int
    spaced_out: bool = False  # single Chinese characters so far: the next one may belong to the word


def could_be_spaced_row(line: str) -> bool:
    """Is there a gap between two cells in the line? (A cheap test for every line.)"""
    vocab = _vocabulary()
    return bool(vocab["gap_hint"].search(line)) and bool(vocab["spaced_gap"].search(line))


def spaced_table_at(lines: list, i: int) -> Optional[TextTable]:
    """The table of spaced rows starting at lines[i], or None. Conservative: one line is
    never a table, nor are lines of running text with a stray double space. Accepted are
    three rows or more with the same number of cells, or a header line and lines whose
    figures stand under its cells."""
    run = []
    for line in lines[i:i + _MAX_SPACED_ROWS]:
        cells = _spaced_cells(line)
        if len(cells) < 2 or any(_is_prose(c.text) for c in cells):
            break
        run.append(cells)
    if len(run) < 2:
        return None
    even = _even_rows(run)
    if even >= _MIN_EVEN_ROWS:
        return TextTable(i, i + even, [[c.text for c in r] for r in run[:even]], lines[i:i + even])
    # a tab has no width: nothing lines up across one
    untabbed = next((n for n, line in enumerate(lines[i:i + len(run)]) if "\t" in line.strip()), len(run))
    aligned = _rows_under_header(run[:untabbed])
    if aligned:
        return TextTable(i, i + len(aligned), aligned, lines[i:i + len(aligned)])
    return None


def _spaced_cells(line: str) -> list:
    cells = []
    for m in _vocabulary()["spaced_cell"].finditer(line):
        left = _width(line[:m.start()])
        cells.append(_SpacedCell(m.group(), left, left + _width(m.group())))
    return _join_spaced_out_words(cells)


def _join_spaced_out_words(cells: list) -> list:
    """合  计, 序  号: a short word spaced out to fill its column is one cell."""
    out: list = []
    for cell in cells:
        single = bool(_HAN.match(cell.text))
        if out and out[-1].spaced_out and single:
            out[-1] = _SpacedCell(out[-1].text + cell.text, out[-1].left, cell.right, spaced_out=True)
        else:
            cell.spaced_out = single
            out.append(cell)
    return out


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 4 if c == "\t" else 1 for c in text)


def _is_prose(text: str) -> bool:
    return len(text) > _PROSE_CELL or (len(text) >= _PROSE_PUNCT_CELL and bool(_PROSE_PUNCT.search(text)))


def _is_figure(text: str) -> bool:
    return bool(_FIGURE.match(normalize(text)))


def _even_rows(run: list) -> int:
    """How many rows from the first have its number of cells."""
    n = 0
    while n < len(run) and len(run[n]) == len(run[0]):
        n += 1
    return n


def _rows_under_header(run: list) -> Optional[list]:
    """The header line and the lines after it whose cells each fall under one header cell,
    in order, with every figure under its header cell: their cells in the header's columns
    (a cell left empty in a line stays empty). None when no line lines up."""
    if not run:
        return None
    header = run[0]
    rows = [[c.text for c in header]]
    for cells in run[1:]:
        columns = _columns_under(header, cells)
        if columns is None:
            break
        row = [""] * len(header)
        for col, cell in zip(columns, cells):
            row[col] = cell.text
        while row and not row[-1]:
            row.pop()
        rows.append(row)
    return rows if len(rows) >= 2 else None


def _columns_under(header: list, cells: list) -> Optional[list]:
    if len(cells) > len(header) or not any(_is_figure(c.text) for c in cells):
        return None
    bounds = [(a.right + b.left) / 2 for a, b in zip(header, header[1:])]  # between two header cells
    columns = []
    for cell in cells:
        middle = (cell.left + cell.right) / 2
        col = sum(1 for b in bounds if middle > b)
        if columns and col <= columns[-1]:
            return None  # two cells under one header cell
        if _is_figure(cell.text) and not _overlaps(cell, header[col]):
            return None
        columns.append(col)
    return columns


def _overlaps(cell: _SpacedCell, head: _SpacedCell) -> bool:
    return cell.left < head.right + _ALIGN_SLACK and head.left - _ALIGN_SLACK < cell.right


# ---------------------------------------------------------------- building the table

def leading_caption(rows: list) -> tuple:
    """Leading one-cell rows above a wider table are its caption (a form's title and its
    year on two rows): (caption or None, the other rows)."""
    n = 0
    while n < len(rows) - 1 and len(rows[n]) == 1:
        n += 1
    if n == 0 or len(rows[n]) == 1:
        return None, list(rows)
    return " ".join(row[0].replace("\n", "") for row in rows[:n]), list(rows[n:])


def table_from_rows(rows: list, caption: Optional[str] = None, infer_spans: bool = False,
                    columns_kept: bool = False) -> Table:
    """A Table from rows of cell texts. A row shorter than the widest is padded with empty
    cells, or with `infer_spans` read as a header whose cells span the row below (flattened
    two-row headers, see infer_parent_spans). Empty label cells under a label read as
    merged with it, as flattened tables lose vertical merges."""
    spec = []
    width = max(len(r) for r in rows)
    for r, row in enumerate(rows):
        spans = None
        if infer_spans and r + 1 < len(rows) and len(row) < width and len(rows[r + 1]) == width:
            spans = infer_parent_spans(row, rows[r + 1])
        if spans:
            spec.append([(t, 1, s) for t, s in zip(row, spans)])
        else:
            spec.append(list(row) + [""] * (width - len(row)))
    table = build_table(spec, caption=caption)
    table.written_as_text = not columns_kept
    fill_vertical_merges(table)
    return table
