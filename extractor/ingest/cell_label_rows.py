"""A table one cell a line whose rows do not all write as many cells: a web page that leaves
out a row's empty cells (局机关 | 418.55 | 412.35 | 6.20 under 单位名称 | 收入合计 | 财政拨款 |
上级补助收入 | 其他收入, its 上级补助收入 empty), or writes a row's note (备注) only where it has
one. No repeated pattern of words and figures cuts such a run into rows (cell_lines.py), but
each row is still a label, then its figures, then its note where the header ends with a note
column: the rows are read so, from one label to the next.

Where the rows write different numbers of figures, a short row's figures cannot be told
apart by column: the table is ragged (its column sums go unchecked, check/table_sums.py), and is
taken only where every column's figures are written in one unit, so that whichever column a
figure stood in, its unit is the same."""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Optional

import regex

from ..patterns import load_json
from .cell_group_header import UNIT_IN_NAME, has_group_cell, is_group_cell, units_as_ordered
from .tables import is_total_label
from .text_rows import NUMBER_HEADERS

_MIN_ROWS = 3  # (with the total row: fewer is a list of labelled figures, no table)
_LEVEL_COLUMN = regex.compile(r"[一二三]级指标")
# the end of a table's caption (…经费支出情况表, …人员情况): no column's name
CAPTION_END = regex.compile(r"(?:情况|明细|汇总|一览)表?$|表$")


@lru_cache(maxsize=1)
def note_columns() -> frozenset:
    return frozenset(load_json("forms.json")["note_columns"])


def label_led_rows(cells: list, kind: Callable[[str], Optional[bool]], whole_run: bool = True,
                   empties: Optional[list] = None, upto: bool = False):
    """The header and rows of a run of cells read as labelled rows, or None. `kind(cell)`:
    True for a figure, False for words, None for a dash (either); `empties[k]`: how many empty
    cells the lines before cell k stand for (blank_gaps.set_apart). The header is the run's
    words before the first row's label; each row a label and one figure or more (no more
    than the header has columns after its first), then, under a header whose last column is a
    note's, one cell of words where the next row's label follows it. A row may be led by two
    cells of words instead (项目名称 | 资金来源 | 预算金额 …: 农机购置补贴 | 中央财政 | 186.00 …),
    every row alike but a total's, whose label spans both. `whole_run`: the rows must take
    every cell (else they may stop where the run goes on with other text). `upto`: (the
    header and rows, how many cells they took) where the rows stop at words (another table's
    caption, a row that is no row of figures), else None."""
    for words in (1, 2):
        found = _label_led_rows(cells, kind, words, whole_run, empties, upto)
        if found is not None:
            return found
    return None


def _label_led_rows(cells: list, kind: Callable[[str], Optional[bool]], words: int, whole_run: bool,
                    empties: Optional[list], upto: bool):
    first_figure = next((k for k, c in enumerate(cells) if kind(c) is True), None)
    if first_figure is None or first_figure < words:
        return None
    header = names_rejoined(cells[:first_figure - words])
    if len(header) < 2 + words or any(kind(c) is not False for c in header):
        return None  # (under two names each row is a label and one figure: no row runs short)
    if header[0] in NUMBER_HEADERS:
        return None  # (rows numbered under 序号 are no label's: each number would be a figure)
    notes = header[-1] in note_columns()
    most = len(header) - words - notes - has_group_cell(header)  # (其中 over the names after it: no column)
    # (under level columns, words before a row's name are its level's name, no row of its own)
    levels = any(_LEVEL_COLUMN.search(name) for name in header)
    rows, k = [], first_figure - words
    while k < len(cells) and kind(cells[k]) is False:
        row, j = _row_label(cells, k, words, kind)
        if row is None:
            break
        while j < len(cells) and kind(cells[j]) is not False:
            row += [""] * (empties[j] if empties else 0) + [cells[j]]
            j += 1
        if len(row) == words and (empties and j < len(cells) and empties[j] == most
                                  or rows and not levels and words == 1 and _labels_then_figures(cells, j, kind)):
            # (a row whose every cell is empty, its blank lines kept or left out: 其中：公车购置
            # before the next row's label and figures; not a name broken before its unit,
            # 计划安排资金 | (万元) | 170)
            row += [""] * most
        elif len(row) == words or len(row) - words > most or all(kind(c) is None for c in row[words:] if c):
            break  # a label with no figure after it, or more than the columns: no row
        if notes and j < len(cells) and kind(cells[j]) is False \
                and (j + 1 == len(cells) or kind(cells[j + 1]) is False):
            row.append(cells[j])  # (words and then the next row's label: this row's note)
            j += 1
        elif empties and j < len(cells):
            row += [""] * min(empties[j], most + words - len(row))  # (its last cells empty)
        rows.append(row)
        k = j
    if upto and k < len(cells) and kind(cells[k]) is not False:
        return None
    if len(rows) < _MIN_ROWS or whole_run and not upto and k < len(cells):
        return None
    figures = {sum(1 for c in row[words:] if kind(c) is not False or not c) for row in rows}
    # (a caption naming the table and its unit, 年度收入情况（万元）, counts as no column here)
    names = len(header) - bool(UNIT_IN_NAME.search(header[0]) and CAPTION_END.search(UNIT_IN_NAME.sub("", header[0])))
    if max(map(len, rows)) < names - 1:
        return None  # (more names than the widest row has cells: names broken over lines)
    if len(figures) > 1 and len(set(_column_units(_without_share_columns(header[:len(header) - notes]))[words:])) > 1:
        return None  # (short rows' figures might stand under a column of another unit)
    if notes:  # (a row with every figure and no note: its note is empty, no cell is missing)
        rows = [row + [""] if len(row) == words + most and (not row[-1] or kind(row[-1]) is not False) else row
                for row in rows]
    return ([header] + rows, k) if upto else [header] + rows


def _row_label(cells: list, k: int, words: int, kind) -> tuple:
    """(the row's label cells, where its figures start) for a row from cell k led by `words`
    cells of words; a total's label (合计) spans them all. (None, k) where the row is led
    otherwise."""
    if words == 1:
        return [cells[k]], k + 1
    if is_total_label(cells[k]) and k + 1 < len(cells) and kind(cells[k + 1]) is not False:
        return [cells[k]] + [""] * (words - 1), k + 1
    led = cells[k:k + words]
    if len(led) < words or any(kind(c) is not False for c in led) or k + words >= len(cells) \
            or kind(cells[k + words]) is False:
        return None, k
    return led, k + words


# the last columns of a table giving each row's share of the whole (金额 | 占比（%）): a row
# that writes fewer figures writes its amount, the share being worked out from it
_SHARE_NAME = regex.compile(r"(?:占比|比重|构成)")


def _without_share_columns(header: list) -> list:
    """The header without its last columns of shares."""
    end = len(header)
    while end > 1 and _SHARE_NAME.search(header[end - 1]):
        end -= 1
    return header[:end]


# a column of money by its name, its unit the money columns' beside it (结余 beside 实际支出（万元）)
_MONEY_NAME = regex.compile(r"(?:金额|资金|预算|支出|拨款|结余|结转)$")


def _column_units(header: list) -> list:
    """The units the header's names state; a name of money that states none is in the one
    unit of money the others state."""
    units = units_as_ordered(header)
    stated = {u for u in units if u}
    if len(stated) != 1 or not regex.search(r"元", next(iter(stated))):
        return units
    names = [n for n in header if not is_group_cell(n)]
    return [u or (next(iter(stated)) if _MONEY_NAME.search(name.strip()) else u) for u, name in zip(units, names)]


def _labels_then_figures(cells: list, j: int, kind: Callable[[str], Optional[bool]]) -> bool:
    """Do labels (a few, none a unit alone in its brackets) stand from cell j, and then a figure:
    rows with no figure (其中：公车购置 | 2、出国经费) going on to one with figures?"""
    k = j
    while k < len(cells) and k - j < _FIGURELESS_ROWS and kind(cells[k]) is False \
            and not UNIT_IN_NAME.fullmatch(cells[k].strip()):
        k += 1
    return j < k < len(cells) and kind(cells[k]) is True


_FIGURELESS_ROWS = 2  # (more labels in a row with no figure are a caption and a header, no rows)


def names_rejoined(names: list) -> list:
    """Column names whose cell broke over two lines, rejoined where the break shows: inside
    brackets (下达数（万 | 元）), or before a unit alone in its brackets (安排资金 | （万元）)."""
    out: list = []
    for name in names:
        if out and (out[-1].count("（") + out[-1].count("(") > out[-1].count("）") + out[-1].count(")")
                    or UNIT_IN_NAME.fullmatch(name)):
            out[-1] += name
        else:
            out.append(name)
    return out
