"""A form's header whose narrow cells wrapped, copied out line by line: each cell's first
piece on one line and its second on the next, in the columns' order (项目资金 年初 全年 全年 分
执行 得 over （万元） 预算数 预算数 执行数 值 率 分), a cell that did not wrap on either line
alone (三级指标 on the lower line between 二级 指标 and 年度 指标值). The two lines are read as
one header line, each column's pieces joined, when the pieces pair up into the form's header
words (patterns/forms.json, as normalize's header words) and nothing is left over."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..header_names import NAMED_UNITS
from ..normalize import header_words
from ..patterns import load_json
from .form_signs import fund_row_labels, indicator_header_aliases

_TOKEN = regex.compile(r"\S+")
_UNIT_BRACKET = regex.compile(r"[（(][^（）()]{1,8}[）)]")
_HAN = regex.compile(r"\p{Han}+")
_LETTER_BRACKET = regex.compile(r"[（(]\s*[A-Z](?:\s*[/÷]\s*[A-Z])?\s*[）)]$")  # (A), （B/A）: a column's letter
_RATE_NAME = regex.compile(r"(?:率|比例|占比)$")
_LEAST_JOINED = 3  # header words made of two pieces: fewer could be two lines of labels


def stacked_headers_joined(lines: list) -> list:
    """`lines` (strings) with each header written over two lines as one line, each header
    whose cells broke at its lines' ends (… 年初 | 预算数  全年 | 预算数  全年 | 执行数  分值 …) as
    one, and each header cell one a line whose unit wrapped onto a line of its own (年初预算数 |
    （万元）) whole again."""
    joined = _broken_at_line_ends_joined(joined_stacked(lines, lambda line: line, lambda upper, lower, joined: joined))
    return _wrapped_units_joined(joined)


_UNIT_LINE = regex.compile(rf"[（(]\s*(?:{NAMED_UNITS})\s*[）)]")


def _wrapped_units_joined(lines: list) -> list:
    """A line that is only a bracketed unit (（万元）) between a line that is one of the form's
    header words (年初预算数) and the next column's name: the header cell it is the rest of,
    one line. (Before a figure it is a label's unit, the label's figure after it: 计划安排资金 |
    (万元) | 170 stays as it is.)"""
    words = header_words()
    out: list = []
    for k, line in enumerate(lines):
        if out and _UNIT_LINE.fullmatch(line.strip()) and out[-1].strip() in words \
                and k + 1 < len(lines) and lines[k + 1].strip() in words:
            out[-1] = out[-1].rstrip() + line.strip()
            continue
        out.append(line)
    return out


_CELL_GAP = regex.compile(r"\s{2,}|\t")


def _broken_at_line_ends_joined(lines: list) -> list:
    """Lines whose last cell and the next line's first make one of the form's header words or
    fund rows' labels (年初 + 预算数, 全年执行 + 数（B）, 执行率（ + B/A）, 年度资 + 金总额), a
    cell a wrap broke: one line, the broken cell whole. Where the second piece is a word of its
    own (执行率 + 得分, 指标 + 权重: two cells), they stay apart. Lines of cells set apart by wide
    gaps, or of one cell each."""
    words = header_words()
    out: list = []
    for line in lines:
        # (a line of tabs opening with one opens with an empty cell: no piece of the line above)
        if out and not line.startswith("\t") and (cells := _cells(line))[0] \
                and (_wrapped_into(out[-1], cells[0], words) or _unit_wrapped_off(out[-1], cells, words)):
            # (a sheet's row keeps its trailing empty cells: its width says its cells' columns)
            out[-1] = out[-1].rstrip() + line.strip(" \u3000")
            continue
        out.append(line)
    return out


_PIECE = 10  # the longest piece of a wrapped cell


def _wrapped_into(upper: str, head: str, words: frozenset) -> bool:
    """Is `head`, the first cell of a line, the rest of `upper`'s last cell? (A line with no
    wide gap is read as cells a space apart, as a form on one line writes them.)"""
    cells = _cells(upper)
    last = cells[-1]
    # (a cell that closes its bracket is whole; a unit alone is _wrapped_units_joined's)
    if not last or len(last) > _PIECE or len(head) > _PIECE or _has_digit(last + head) \
            or last.endswith(("）", ")")) or not _HAN.search(last) or _UNIT_LINE.fullmatch(head):
        return False
    known = _cell_words()
    if len(cells) > 1:
        # (not where a header word a wrap set a space inside is the cell, 三级 指标 over 分值, nor
        # where the first cells pair up too, 一级 over 指标: the header stacked column by column,
        # each line's pieces under the other's — joined_stacked's, or none)
        if cells[-2] + last in known or cells[0] + head in words:
            return False
        if last + head in words and last not in words:
            return True
    return _bare(last + head) in known and _bare(head) not in known


def _unit_wrapped_off(upper: str, cells: list, words: frozenset) -> bool:
    """Is a line of these `cells` a header whose first cell's unit wrapped off it onto the line's
    start, the cell's name on the line above alone (项目资金 over （万元） 预算数 执行数 …)?"""
    return len(cells) > 1 and bool(_UNIT_LINE.fullmatch(cells[0])) and cells[1] in words \
        and len(_cells(upper)) == 1 and bool(_HAN.fullmatch(upper.strip())) and len(upper.strip()) <= _PIECE


@lru_cache(maxsize=1)
def _cell_words() -> frozenset:
    """The cells of a form a wrap may break: its header words, the other words for the level and
    name columns (指标名称, 指标类型) and the fund block's row labels (年度资金总额, 当年财政拨款,
    written after 其中： or not)."""
    labels = fund_row_labels()
    return header_words() | labels | {"其中：" + w for w in labels} | {"其中" + w for w in labels} \
        | indicator_header_aliases()


def _cells(line: str) -> list:
    line = line.strip()
    return _CELL_GAP.split(line) if _CELL_GAP.search(line) else line.split(" ")


def joined_stacked(items: list, text_of, merged) -> list:
    """`items` (lines of any kind, `text_of` giving a line's text) with each header written
    over two of them as one: `merged(upper, lower, joined text)`."""
    out, i = [], 0
    while i < len(items):
        if i + 2 < len(items) and (joined := _joined_around(*(text_of(items[k]) for k in range(i, i + 3)))):
            out.append(merged(items[i], items[i + 2], joined))
            i += 3
            continue
        joined = _joined(text_of(items[i]), text_of(items[i + 1])) if i + 1 < len(items) else None
        if joined is not None:
            out.append(merged(items[i], items[i + 1], joined))
            i += 2
        else:
            out.append(items[i])
            i += 1
    return out


def _joined(upper: str, lower: str) -> Optional[str]:
    a, b = _TOKEN.findall(upper), _TOKEN.findall(lower)
    if len(a) < _LEAST_JOINED or len(b) < 2 or any(map(_has_digit, a + b)):
        return None
    # (two pieces below only where both make header words: 年度 | 实际 over 指标值 | 完成值)
    columns = _columns(tuple(a), tuple(b), least=min(_LEAST_JOINED, len(b)))
    if columns is None:
        return None
    return upper[:len(upper) - len(upper.lstrip())] + _separator(upper).join(columns)


def _joined_around(upper: str, middle: str, lower: str) -> Optional[str]:
    """A header over three lines: the cells that wrapped in pieces on the upper and the lower
    line (年初预 全年预 全年执 执行率 over 算数 算数 行数 （B/A）), the cells that did not on the
    middle one, where a text layer puts a cell's one line, at its middle (项目资金（万元） 分值 得分).
    The middle's header words go where the usual order of a form's columns puts them among the
    others (patterns/forms.json stacked_header_order); its first piece, a label that is no
    header word, opens the line."""
    a, m, b = _TOKEN.findall(upper), _TOKEN.findall(middle), _TOKEN.findall(lower)
    if len(a) < _LEAST_JOINED or not m or any(map(_has_digit, a + m + b)):
        return None
    # (two words in pieces at least: the middle line's header words say the rest)
    columns = _columns(tuple(a), tuple(b), least=2)
    if columns is None:
        return None
    words = header_words()
    label = [m[0]] if m[0] not in words and _HAN.fullmatch(_bare(m[0])) else []
    alone = m[len(label):]
    order = _usual_order()
    if not label and columns[0] not in words:
        label, columns = columns[:1], columns[1:]  # (年度部门整体 over 支出（万元）: the rows' label)
    if not alone or any(w not in order for w in alone) or not all(_bare(c) in order for c in columns):
        return None
    for word in alone:
        later = next((k for k, c in enumerate(columns) if _bare(c) in order and order[_bare(c)] > order[word]),
                     len(columns))
        columns.insert(later, word)
    return _separator(upper).join(label + columns)


def _separator(upper: str) -> str:
    """What a joined header line sets between its cells: what the upper line set (a tab, a run of
    spaces, or one space)."""
    return "\t" if "\t" in upper.strip() else "  " if "  " in upper.strip() else " "


def _bare(cell: str) -> str:
    """A header cell without its bracket (预算数（A） → 预算数, 项目资金（万元） → 项目资金)."""
    return _UNIT_BRACKET.sub("", cell)


@lru_cache(maxsize=1)
def _usual_order() -> dict:
    return {w: k for k, w in enumerate(load_json("forms.json")["stacked_header_order"])}


def _has_digit(token: str) -> bool:
    return any(c.isdigit() for c in token)


def _columns(a: tuple, b: tuple, least: int = _LEAST_JOINED) -> Optional[list]:
    """The header's cells, when the pieces of the two lines pair up in order: each column a
    piece of each line making a header word (年初 + 预算数), a label with its unit (项目资金 +
    （万元）), or a header word on one line alone; the first column may pair two pieces of a
    row label the vocabulary does not know (年度预算 + 申请), or stand alone (科目). The reading
    with the most header words made of two pieces, at least `least`; None where none reads so."""
    words = header_words()

    @lru_cache(maxsize=None)
    def best(i: int, j: int):
        """((pairs made, units beside names of their kind), columns) for a[i:], b[j:]; None
        where they do not pair up. The second count breaks ties only: a percent under a
        rate's name rather than an amount's (决算数 执行率 over （%）)."""
        if i == len(a) and j == len(b):
            return (0, 0), ()
        options = []
        if i < len(a) and j < len(b):
            both = a[i] + b[j]
            if both in words or _HAN.match(b[j]) and _LETTER_BRACKET.search(b[j]) \
                    and _LETTER_BRACKET.sub("", both) in words:
                # (全年 over 预算数（A）: the column's letter in its formula after the word)
                options.append(((1, 0), both, i + 1, j + 1))
            elif _UNIT_BRACKET.fullmatch(b[j]) and _HAN.fullmatch(a[i]):
                options.append(((0, int(("%" in b[j]) == bool(_RATE_NAME.search(a[i])))), both, i + 1, j + 1))
            elif i == j == 0 and _HAN.fullmatch(_bare(both)):
                options.append(((0, 0), both, i + 1, j + 1))
        # (the first column's name may carry the block's unit: 年度部门整体支出预算（万元）)
        if i < len(a) and (a[i] in words or i == j == 0 and _HAN.fullmatch(_UNIT_BRACKET.sub("", a[i]))):
            options.append(((0, 0), a[i], i + 1, j))
        if j < len(b) and b[j] in words:
            options.append(((0, 0), b[j], i, j + 1))
        found = None
        for (pairs, ties), cell, ni, nj in options:
            rest = best(ni, nj)
            if rest is None:
                continue
            gain = (rest[0][0] + pairs, rest[0][1] + ties)
            if found is None or gain > found[0]:
                found = (gain, (cell,) + rest[1])
        return found

    found = best(0, 0)
    return list(found[1]) if found is not None and found[0][0] >= least else None


def names_wrapped(upper: list, lower: list) -> Optional[list]:
    """The names of a header written over two lines, where at least one of them is a header
    word in two pieces and every piece finds its column (see _columns); else None."""
    return _columns(tuple(upper), tuple(lower), least=1)
