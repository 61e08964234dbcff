"""The smallest tables one cell a line, which no repeated pattern of rows shows: names over
their figures (编制数 | 实际在职人数 | 控制率 then 36 | 34 | 94.44%), and a grid of labels
each with its figure (人员编制 | 36 | 实有人数 | 34). Each is a table only where every name
has exactly its figure: as many figures as names, or each label and then one figure; never
in a form (its reader reads its cells), and a label only where it says what its figure
counts."""
from __future__ import annotations

from typing import Optional

import regex

from ..patterns import load_json
from .cell_group_header import UNIT_IN_NAME
from .cell_kinds import TOTAL_NAMES, cell_kind
from .cell_lines import COLUMN_NAME
from .cell_rows import is_form_cell
from .form_signs import names_a_form_block, text_is_a_form
from .text_rows import SUBSET_MARK

_MOST_NAMES = 8
_UNIT_WRITTEN = regex.compile(r"\d\s*[万亿]?元(?:/人)?$")
_FUNDING_LEVEL = regex.compile(load_json("relations.json")["breakdown"]["funding_levels"])
_YEAR = regex.compile(r"^(?:19|20)\d{2}年度?")  # (2019年实际在职人数 names a column too)


def _is_name(cell: str) -> bool:
    """A column's name (or a label's): no figure, no total row's label (合计 after a header's
    last name starts the rows)."""
    return cell_kind(cell) is False and cell not in TOTAL_NAMES \
        and bool(COLUMN_NAME.match(cell) or COLUMN_NAME.match(_YEAR.sub("", cell)))


def names_over_figures(lines: list, i: int, caption_above=lambda: None) -> Optional[tuple]:
    """(rows, the line after them) for names on consecutive lines from line i followed by as
    many figures, words (or the text's end) after them; else None. A header of two lines, a
    blank line after each (收入合计 | 其中： over 上年结转 | 财政拨款 | 其他收入), under a caption
    stating the unit (年度收入情况（万元）): its 其中 is no column of its own, but the columns under
    it are named with it (其中：上年结转), their order kept."""
    names, k = _run(lines, i, _is_name)
    if names and k < len(lines) and lines[k].strip() in TOTAL_NAMES:
        # (中央 | 省级 | 县级 | 合计 then 450元 | 70元 | 40元 | 560元: a total column, last, when
        # its figure is there too)
        names, k = names + [lines[k].strip()], k + 1
    grouped = False
    if names and k + 2 < len(lines) and _OF_WHICH_CELL.fullmatch(lines[k].strip()) and not lines[k + 1].strip():
        more, after = _run(lines, k + 2, _is_name)  # (the group's names, the header's second line)
        if len(more) >= 2 and after + 1 < len(lines) and not lines[after].strip() and _unit_caption(caption_above):
            names, k, grouped = names + [_OF_WHICH_NAME + m for m in more], after + 1, True
    elif names and k < len(lines) and _OF_WHICH_CELL.fullmatch(lines[k].strip()) and _unit_caption(caption_above):
        names, k, grouped = _merged_group_header(lines, names, k)
    figures, end = _run(lines, k, lambda c: cell_kind(c) is True)
    if not 2 <= len(names) <= _MOST_NAMES or len(figures) != len(names) or _figure_at(lines, end):
        return None
    if grouped:
        return [names, figures], end
    # (levels of government over money each writing its unit, 中央 | 省级 | 合计 over 450元 | 70元
    # | 520元, are no form's fund block, whose unit is the block's)
    levels = all(_UNIT_WRITTEN.search(f) for f in figures) and all(
        _FUNDING_LEVEL.fullmatch(n) or n in TOTAL_NAMES for n in names)
    if text_is_a_form(lines) or not levels and any(names_a_form_block(name, True) or is_form_cell(name)
                                                   for name in names):
        return None  # (a form's header broken over lines is the form reader's)
    if not levels and not any(_names_its_unit(name) for name in names):
        return None  # (资金管理 | 资金到位率 | 3 | 3: a score table's level, row and points)
    return [names, figures], end


def _merged_group_header(lines: list, names: list, k: int) -> tuple:
    """(the columns' names, the line after the header, whether it was one) for a header of two
    rows whose merged 其中： is written once for each column it covers (收入合计 | 其中： | 其中： |
    其中： over 上年结转 | 财政拨款 | 其他收入; 支出合计 | 其中： | 其中： | 年末结转结余 over 基本支出 |
    项目支出): the second row's names are the columns under the 其中, in their order, where the
    figures after them are as many as the first row's cells. Else `names` and k as they were."""
    merged, after = _run(lines, k, _OF_WHICH_CELL.fullmatch)
    more, end = _run(lines, after, _is_name)
    figures, _ = _run(lines, end, lambda c: cell_kind(c) is True)
    trailing = len(figures) - len(names) - len(merged)  # (the first row's names after the 其中)
    if len(merged) < 2 or trailing < 0 or len(more) != trailing + len(merged):
        return names, k, False
    return names + [_OF_WHICH_NAME + m for m in more[trailing:]] + more[:trailing], end, True


# the first column's names of a table that lists its rows' figures under a caption with the
# unit (机构名称 | 收入合计 | 其中: | 上年结转 | … then 某镇人民政府 | 2486.35 | …): patterns/text_tables.json
_ROW_NAME_HEADERS = frozenset(load_json("text_tables.json")["row_name_headers"])
_FRAGMENT = 3  # a column's name broken over two lines leaves pieces this short (公共财 | 政拨款)
_MOST_ROW_NAMES = 16
_MOST_CAPTION = 30


def named_row_under_unit_caption(lines: list, i: int, caption_above) -> Optional[tuple]:
    """(rows, the line after them) for a one-row table one cell a line under a caption that
    states its unit (年度收入情况(万元)): a first column's name (机构名称), the columns' names,
    then the row's name and one figure per column; a 其中: over some columns is no column, and
    a name broken over two short lines is joined where the figures need it. None otherwise."""
    if lines[i].strip() not in _ROW_NAME_HEADERS:
        return None
    caption = _unit_caption(caption_above)
    if caption is None:
        return None
    names, k = [], i + 1
    while k < len(lines) and lines[k].strip() and cell_kind(lines[k].strip()) is False and len(names) <= _MOST_ROW_NAMES:
        names.append(lines[k].strip())
        k += 1
    figures, end = _run(lines, k, _figure_or_dash)
    if len(names) < 3 or not any(cell_kind(f) is True for f in figures):
        return None
    row_name, columns = names[-1], [n for n in names[:-1] if not SUBSET_MARK.match(n)]
    while len(columns) > len(figures):
        cut = next((c for c in range(len(columns) - 1)
                    if len(columns[c]) <= _FRAGMENT and len(columns[c + 1]) <= _FRAGMENT), None)
        if cut is None:
            return None
        columns[cut:cut + 2] = [columns[cut] + columns[cut + 1]]
    if len(columns) != len(figures) or _figure_at(lines, end):
        return None
    # (the caption a one-cell row above them, so the table takes it and its unit)
    return [[caption], [lines[i].strip()] + columns, [row_name] + figures], end


def labelled_figures(lines: list, i: int, caption_above=lambda: None) -> Optional[tuple]:
    """(rows, the line after them) for two or more labels each followed by one figure, one
    cell a line from line i (人员编制 | 36 | 实有人数 | 34); else None. Under a short caption that
    states the unit (补助资金(万元)), a label need not say what its figure counts, and may close
    with a colon (年度预算资金总额: | 763.00 | 其中:中央补助 | 502.00): the caption is the table's
    first row then, so the table takes its unit. (`caption_above`: the short line of text right
    above, or None.)"""
    first = lines[i].strip()
    caption = _unit_caption(caption_above) if _LABEL_COLON_END.search(first) or not _names_its_unit(first) else None
    rows, k = [], i
    while k + 1 < len(lines):
        label, figure = _LABEL_COLON_END.sub("", lines[k].strip()), lines[k + 1].strip()
        name = _OF_WHICH.sub("", label) if caption else label  # (其中:中央补助: a part's label)
        if not (_is_name(name) and (caption or _names_its_unit(label)) and cell_kind(figure) is True):
            break
        rows.append([label, figure])
        k += 2
    if len(rows) < 2 or _figure_at(lines, k):
        return None
    return ([[caption]] if caption else []) + rows, k


_LABEL_COLON_END = regex.compile(r"[:：]$")


def _unit_caption(caption_above) -> Optional[str]:
    """The short line of text right above (`caption_above()`, or None) where it states the unit
    of the cells under it (年度收入情况(万元)); None otherwise."""
    caption = caption_above()
    caption = caption.strip() if caption else ""
    unit = UNIT_IN_NAME.search(caption) if len(caption) <= _MOST_CAPTION else None
    # (a title's closing brackets that name no unit, （节选）, （试行）, state none)
    return caption if unit and any(u in unit.group() for u in _CAPTION_UNITS) else None


_CAPTION_UNITS = tuple(load_json("units.json")["units"]) + tuple(load_json("units.json")["magnitudes"])


_OF_WHICH = regex.compile(r"^其中[:：]")
_OF_WHICH_CELL = regex.compile(r"其中[:：]?")
_OF_WHICH_NAME = "其中："  # (a column under a merged 其中 says so in its name: a part of the total before it)


def _names_its_unit(label: str) -> bool:
    """Does a label say what its figure counts (人员编制, 实有人数) or its unit (（万元）)? A
    figure whose label says neither is no fact, and its lines are left to other readers."""
    return bool(UNIT_IN_NAME.search(label)) or label.endswith(tuple(load_json("units.json")["header_suffix_units"]))


def _run(lines: list, k: int, fits) -> tuple:
    cells = []
    while k < len(lines) and lines[k].strip() and fits(lines[k].strip()) and len(cells) <= _MOST_NAMES:
        cells.append(lines[k].strip())
        k += 1
    return cells, k


def _figure_or_dash(cell: str) -> bool:
    """A figure, or a dash for one not given (上年结转 | — | 38.76)."""
    return cell_kind(cell) is not False


def _figure_at(lines: list, k: int) -> bool:
    return k < len(lines) and cell_kind(lines[k].strip()) is True
