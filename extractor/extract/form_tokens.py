"""A document as one stream of cell tokens, whatever shape its forms arrived in.

The standard self-evaluation forms reach us as real tables (.docx/.xlsx/.pdf), as rows of
`|`-separated cells, as whitespace-separated cells (several rows on a line, or the whole
form on one line) and as one cell per line. Reading them all as a stream of tokens, each
knowing its line and where it sits in the file, lets one parser (forms.py) map values to a
template's slots by position where the shape keeps empty cells and by type where it does not.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

from ..model import TABLE, Block, Document
from ..converter_spaces import spaced_at_figures
from .converter_gaps import gaps_closed
from .form_vocab import COLUMN_NUMBER, bare, is_label, spec, vocab
from .ocr_labels import label_repairs, repaired

_PIPE = regex.compile(r"[|｜│]")
_WIDE_GAP = regex.compile(r"\s{2,}")
_ANY_GAP = regex.compile(r"\s+")
# a comparator written apart from its figure (≥ 95%) belongs to the figure's cell
_LONE_COMPARATOR = regex.compile(r"^(?:[≥≤<>=＜＞＝]|>=|<=)$")


@dataclass(slots=True)
class Token:
    text: str
    block: Block
    start: int  # offsets into the block's text, or into the cell's text for a table cell
    end: int
    line: int  # tokens of one table row or one text line share it
    col: int  # position in its line (the table column for a cell)
    positional: bool  # the line keeps its empty cells, so position means column
    row: Optional[int] = None  # table row and column when the token is a cell
    cell_col: Optional[int] = None
    merged: bool = False  # a grid position covered by a merged cell written elsewhere
    caption_of_table: bool = False  # the table's caption, not a cell
    # a target written over three cells (指标性质 ≥ | 指标值 735 | 度量单位 人次): the
    # token is the figure's cell, these the other two
    comparator: Optional[str] = None
    unit: Optional[str] = None
    # a cell past the end of a row that wrote fewer cells than its table (Table.written_widths)
    padding: bool = False
    # a row's cells run together that no cut reads, where the header says they are several
    # (864.2100% under 预算数 | 执行数 | 执行率, 1144241647.3 under 目标值 | 完成值 | 得分): no
    # figure of its own, and none any reader may take whole (form_fund_runs.py, glued_unread.py)
    unread_run: bool = False

    def piece(self, start: int, end: int) -> "Token":
        """Characters [start, end) of this token as a token of their own, in the same place (of
        an unread run, unread too)."""
        return Token(self.text[start:end], self.block, self.start + start, self.start + end, self.line, self.col,
                     False, self.row, self.cell_col, self.merged, self.caption_of_table,
                     unread_run=self.unread_run)

    def source(self, start: int = 0, end: Optional[int] = None) -> dict:
        """Where characters [start, end) of this token are in the file."""
        end = len(self.text) if end is None else end
        b = self.block
        where = {"page": b.page, "block": b.index, "table": None, "row": None, "col": None}
        if self.row is not None:
            where.update(table=b.index, row=self.row, col=self.cell_col)
        elif self.caption_of_table:
            where.update(table=b.index, caption=True)
        return {**where, "start": self.start + start, "end": self.start + end,
                "quote": self.text[start:end]}


def document_tokens(doc: Document) -> list:
    tokens: list = []
    line = 0
    # (labels a sharing site's text recognition misread by one letter: read as they are meant)
    text = "\n".join(_texts_of(doc))
    repairs = label_repairs(text)
    # (a converter's space at every boundary of Chinese and figures cuts no cell: converter_gaps.py)
    spaced = doc.converter_spaced or spaced_at_figures([text])
    for block in doc.blocks:
        if block.kind == TABLE:
            # a table rebuilt from text keeps no reliable columns: its cells are read in
            # order, by type, like any text shape (its empty and copied cells left out)
            positional = not block.table.written_as_text
            caption = block.table.caption
            if caption:  # a form's title is often read as its table's caption
                tokens.append(Token(caption, block, 0, len(caption), line, 0, False, caption_of_table=True))
                line += 1
            widths = block.table.written_widths
            for r, row in enumerate(block.table.rows):
                for c, cell in enumerate(row):
                    if not positional and (cell.merged_from is not None or not cell.text.strip()):
                        continue
                    tokens.append(Token(repaired(cell.text, repairs), block, 0, len(cell.text), line, c, positional, r, c,
                                        merged=cell.merged_from is not None,
                                        padding=widths is not None and c >= widths[r]))
                line += 1
            continue
        for text_line, offset in lines_with_offsets(repaired(block.text, repairs)):
            tokens.extend(_line_tokens(block, text_line, offset, line, spaced))
            line += 1
    return tokens


_FEWEST_COLUMN_NUMBERS = 3


def without_column_numbers(tokens: list) -> list:
    """`tokens` without a row of column numbers (列次 | 1 | 2 | 3=1-2 | 4 | 5=4/3 …, the 2024
    transfer form's line under its funds header; 列次 | 0 | 1 | 2 … where the 行次 column counts
    as 0): the numbers say how the columns are worked out and hold no figure of the form. A
    行次 / 栏次 / 列次 column's header cell stays."""
    out, k = [], 0
    while k < len(tokens):
        t = tokens[k]
        if vocab()["fund_col"].get(bare(t.text)) == "行次":
            j = k + 1
            first = COLUMN_NUMBER.match(tokens[j].text) if j < len(tokens) else None
            start = _ordinal(first["n"]) if first else None  # (columns numbered from 0 or from 1)
            while start in (0, 1) and j < len(tokens) and (m := COLUMN_NUMBER.match(tokens[j].text)) \
                    and _ordinal(m["n"]) == start + j - k - 1:
                j += 1
            if j - k - 1 >= _FEWEST_COLUMN_NUMBERS:
                k = j
                continue
        out.append(t)
        k += 1
    return out


def _ordinal(n: str) -> int:
    return int(n) if n.isdigit() else ord(n) - ord("A") + 1


def _texts_of(doc: Document):
    for block in doc.blocks:
        if block.kind == TABLE:
            yield from (cell.text for row in block.table.rows for cell in row)
        else:
            yield block.text


def lines_with_offsets(text: str):
    """(line, its offset in the text) for each line of the text."""
    offset = 0
    for part in text.split("\n"):
        yield part, offset
        offset += len(part) + 1


def _line_tokens(block: Block, text: str, offset: int, line: int, spaced: bool = False) -> list:
    if _PIPE.search(text):
        return _pipe_tokens(block, text, offset, line)
    gap = _WIDE_GAP if _wide_spaced(text.strip()) else _ANY_GAP
    out: list = []
    pos = 0
    pieces = []
    for m in gap.finditer(text):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(text)))
    if spaced:
        pieces = gaps_closed(text, [p for p in pieces if p[0] < p[1]])
    for s, e in pieces:
        if s == e:
            continue
        if out and (_comparator_before(out[-1].text, text[s:e]) or _percent_after(out[-1].text, text[s:e])):
            prev = out.pop()  # ≥ 95%, 不低于 36 → one cell "≥ 95%"; 93.8 % → one cell "93.8 %"
            s = prev.start - offset
        for a, b in _run_together_cells(text, s, e):
            out.append(Token(text[a:b], block, offset + a, offset + b, line, len(out), False))
    return out


# cells a text layer ran together with no gap: a figure and the 其中 row's label after it
# (9.81其中：本年财政拨款), a dash cell OCR read as 一 after a figure or a fund row's label
# (98.12%一, 上年结转资金一 342.15), a page marker and the cell after it (3、总分)
_FIGURE_THEN_PARTS = regex.compile(r"[-+]?\d[\d,]*(?:\.\d+)?%?(?=其中)")
_DASH_READ_AS_ONE = regex.compile(r"(?<=\d%?)一$")
# a figure and the dash cells after it run together, then the next row's label (751.60———上年
# 结转资金120.00: the 其中 row's 执行数 and its three not-applicable cells)
_FIGURE_THEN_DASHES = regex.compile(r"[-+]?\d[\d,]*(?:\.\d+)?%?(?=[—－–]{1,3}(?:\p{Han}|$))")
# a preview's page marker opening a chunk, run into the cell after it (3、总分)
_PAGE_MARKER = regex.compile(r"\d{1,2}、(?=\p{Han})")


def _run_together_cells(text: str, s: int, e: int) -> list:
    """[s, e) of a line's piece as the cells run together in it (see above). A figure is cut
    from the 其中 or the dashes after it only where the piece opens with it (a cell of its own run into the
    next row's label); rows run together whole are the glued form's reader's (form_glued.py)."""
    opening = _FIGURE_THEN_PARTS.match(text, s, e) or _PAGE_MARKER.match(text, s, e)
    cuts = [opening.end()] if opening else []
    dashed = _FIGURE_THEN_DASHES.match(text, s, e) if not opening else None
    if dashed:  # the figure, each dash a cell, then what follows
        k = dashed.end()
        while k < e and text[k] in "—－–":
            cuts.append(k)
            k += 1
        if k < e:
            cuts.append(k)
    spans = [(a, b) for a, b in zip([s] + cuts, cuts + [e])]
    if "；" in text[s:e]:
        spans = [p for a, b in spans for p in _cut_at_row_semicolons(text, a, b)]
    a, b = spans[-1]
    if text[b - 1:b] == "一" and b - a > 1 and (_DASH_READ_AS_ONE.search(text, a, b)
                                                or bare(text[a:b - 1]) in vocab()["fund_row"]):
        spans[-1:] = [(a, b - 1), (b - 1, b)]
    return spans


def _cut_at_row_semicolons(text: str, s: int, e: int) -> list:
    """[s, e) cut where a ； ends a row's last cell, a figure or a form's word, run into the
    next row's label (…实际支出数 结余；中央补助资金 1850.00 … 29.60；省级补助资金 …: a form
    written on one line, its rows parted by ；). Not in words with a comma of their own (a
    sentence's clauses are no cells), nor in labelled values (全年预算数2846.35万元；执行率
    97.91%；分值：10, read whole by form_fund_colon.py)."""
    if any(c in text[s:e] for c in "，。：:"):
        return [(s, e)]
    out, a = [], s
    for m in _ROW_SEMICOLON.finditer(text, s, e):
        k = m.start()
        if text[k - 1] in "0123456789%" or is_label(bare(text[a:k])):
            out.append((a, k))
            a = k + 1
    return out + [(a, e)] if a < e else out


_ROW_SEMICOLON = regex.compile(r"；(?=\p{Han})")


def _wide_spaced(text: str) -> bool:
    """Are the line's cells set apart by runs of spaces (so a single space is inside a cell)?
    Not when single spaces outnumber the runs twice over: a line of single-spaced cells with
    a run or two from an indented label (其中： 　　省级资金) or a padded cell."""
    wide = len(_WIDE_GAP.findall(text))
    return wide > 0 and len(_SINGLE_GAP.findall(text)) <= 2 * wide


_SINGLE_GAP = regex.compile(r"(?<!\s)\s(?!\s)")


def _comparator_before(text: str, after: str) -> bool:
    """Is `text` a comparator written apart from the figure `after` it (≥ | 95%, 不低于 | 36)?"""
    return bool(_LONE_COMPARATOR.match(text)) or (text in spec()["comparators"] and after[:1].isdigit())


def _percent_after(text: str, after: str) -> bool:
    """Is `after` a per-cent sign a space put apart from the figure `text` ends with (93.8 %)?"""
    return after in ("%", "％") and text[-1:].isdigit()


def _pipe_tokens(block: Block, text: str, offset: int, line: int) -> list:
    bounds = [m.start() for m in _PIPE.finditer(text)]
    edges = [-1] + bounds + [len(text)]
    cells = []
    for a, b in zip(edges, edges[1:]):
        s, e = a + 1, b
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        cells.append((s, e))
    # a leading or trailing pipe opens no cell
    if cells and bounds and not text[:bounds[0]].strip():
        cells.pop(0)
    if cells and bounds and not text[bounds[-1] + 1:].strip():
        cells.pop()
    if cells and all(regex.fullmatch(r"[-:—\s]*", text[s:e]) for s, e in cells):
        return []  # a Markdown separator row |---|:---:|
    # Pipe rows left in text (not rebuilt as a table) are the broken ones: rows cut across
    # lines, cells missing. Their cells are read in order, by type, not by position.
    return [Token(text[s:e], block, offset + s, offset + e, line, i, False) for i, (s, e) in enumerate(cells) if s < e]
