"""The units a table states for its figures: in its header cells (项目资金（万元）, 补贴标准（元/
人·月）, 赔付人次), in a line above it (单位：万元, a title ending in （万元）), or in a list of
units (单位：人、元/人·月、万元: the money one for money columns, or one for each column of
figures in their order). Read by table_facts.py and facts.py."""
from __future__ import annotations

from typing import Optional

import regex

from ..header_names import names_above
from ..model import TABLE, Table
from .facts import _units
from .form_vocab import per_head_unit, vocab
from .labels import bare_header
from .numbers import parse_cell_number

# (预算执行率%: a percent sign right after the column's name is its unit too)
HEADER_UNIT = regex.compile(r"[（(]\s*(?:单位[:：])?\s*([^（）()]{1,6}?)\s*[)）]|单位[:：]\s*(\S{1,4})|(?<=\p{Han})([%％])$")


def column_path(table: Table, col: int) -> list:
    """Header texts above column `col`, top to bottom, merged repeats collapsed. A name over
    sub-columns written as text leaves empty cells after it (预算安排（万元） |  over 中央 |
    地方): an empty cell of an upper header row over a named sub-column reads the name before
    it in its row, while the sub-columns go on (header_names.names_above)."""
    texts = [[cell.text.replace("\n", "") for cell in table.rows[r]] for r in range(table.header_rows)]
    path = []
    for r, row in enumerate(texts):
        if r and _left_out_cells(texts[r - 1], row):
            continue
        text = row[col] if r + 1 == len(texts) else names_above(row, texts[r + 1])[col]
        if text and (not path or path[-1] != text):
            path.append(text)
    return path


def _left_out_cells(upper: list, lower: list) -> bool:
    """Is `lower` a header row that left out cells (pipe rows from a page drop empty ones),
    under a row naming every column on its own? No name of the upper row spans columns, so
    the lower names are no sub-columns of it, and where they stand is not known: 保障户数 |
    保障人数 | 救助金额 … over 集中供养金额 | 分散供养金额, the money names pushed to the left.
    (A row of units, 预算数 over （万元）, names no column: it is read as written.)"""
    filled = [k for k, text in enumerate(lower) if text.strip()]
    return bool(filled) and filled == list(range(len(filled))) and len(filled) < len(upper) \
        and all(text.strip() for text in upper) and len(set(upper)) == len(upper) \
        and not any(HEADER_UNIT.search(lower[k]) for k in filled)


def unit_of_header(texts: list, bracketed_only: bool = False) -> Optional[str]:
    units = _units()["header_units"]
    own_unit = False  # a unit in brackets that no fact is counted in (车辆编制（辆）)
    for text in reversed(texts):
        for m in HEADER_UNIT.finditer(text):
            u = (m.group(1) or m.group(2) or m.group(3) or "").replace("／", "/").strip()
            if u in units:
                # 人均补助（元）, 月人均报酬（元）: money per head, whatever the bracket says
                return "元/人" if units[u] == "元" and _PER_HEAD_HEADER.search(text[:m.start()]) else units[u]
            if per_head_unit(u):
                return "元/人"  # 补贴标准（元/人·月）, 资助标准（元/生·年）
            if _PER_PERIOD_UNIT.fullmatch(u) and _STANDARD_HEADER.search(text[:m.start()]):
                return "元/人"  # 低保标准（元/月）: a standard paid per head each month
            own_unit |= u in vocab()["indicator_units"]
    if texts and not bracketed_only and not own_unit:  # 赔付人次, 救助人数: the column is named by what it counts
        bare = bare_header(texts[-1])
        for suffix, unit in _units()["header_suffix_units"].items():
            if bare.endswith(suffix):
                return unit
    return None


_PER_HEAD_HEADER = regex.compile(r"人均|每人|生均|每生")
_PER_PERIOD_UNIT = regex.compile(r"元\s*/\s*(?:月|年|季度|季)")
_STANDARD_HEADER = regex.compile(r"标准$")
MONEY_UNITS = ("元", "万元", "亿元")


_STATED_UNIT = regex.compile(r"单位\s*[:：]\s*(?P<unit>[^\s）)，,。；;]{1,4})")


def stated_unit(text: str) -> Optional[str]:
    """The unit a text states in words (单位：万元), as a written unit."""
    # (the first that names a unit: 填报单位：某县人民政府单位：元 states 元)
    units = _units()["header_units"]
    return next((units[m["unit"]] for m in _STATED_UNIT.finditer(text) if m["unit"] in units), None)


# 单位：万元、类、个: the units of a table's figures listed, money among counts of things
_UNIT_LIST = regex.compile(r"单位\s*[:：]\s*(?P<units>[^\s、，,。；;）)]{1,6}(?:[、，,][^\s、，,。；;）)]{1,6})+)")
# a label that names money (资金投入总数, 财政拨付数, 项目经费)
MONEY_LABEL = regex.compile(r"资金|金额|经费|预算|拨款|拨付|支出|投资|补助|补贴|收入|费用|成本|公益金")


def listed_money_unit(text: str) -> Optional[tuple]:
    """(the one money unit, the other units, all of them in the order listed) of a list of
    units a text states (单位：万元、类、个): the money unit is that of the figures whose labels
    name money."""
    units = _units()["header_units"]
    for m in _UNIT_LIST.finditer(text or ""):
        listed = [units.get(u, u) for u in regex.split(r"[、，,]", m["units"])]
        money = [u for u in listed if u in MONEY_UNITS]
        if len(money) == 1:
            return money[0], [u for u in listed if u not in MONEY_UNITS], listed
    return None


def units_in_column_order(table: Table, listed: Optional[tuple]) -> dict:
    """Column → unit, where a list of units names one for each column of figures in their
    order, each column's name stating none or the same (单位：人、元/人·月、万元 over 人数 |
    月补助标准 | 全年发放金额)."""
    if not listed:
        return {}
    figure_columns = [c for c in range(table.n_cols)
                      if any(any(ch.isdigit() for ch in table.rows[r][c].text)
                             and parse_cell_number(table.rows[r][c].text) is not None
                             for r in range(table.header_rows, table.n_rows))]
    # (each unit as a header would write it in brackets: 元/人·月 is money per head)
    units = [unit_of_header([f"（{u}）"], bracketed_only=True) for u in listed[2]]
    if len(figure_columns) != len(units) or None in units or any(
            (named := unit_of_header(column_path(table, c))) and named != unit
            for c, unit in zip(figure_columns, units)):
        return {}  # (a column whose name states another unit than its place in the list: no list in order)
    return dict(zip(figure_columns, units))


def listed_units_above(block) -> Optional[tuple]:
    """listed_money_unit of a short line right above a table (单位：万元、户、人)."""
    if block is None or block.kind == TABLE or len(block.text) > 60:
        return None
    return listed_money_unit(block.text)


def _unit_line_above(block) -> Optional[str]:
    """The unit a short line right above a table states for it (“三公”经费支出情况（单位：万元）,
    金额单位：万元), or a title ending by it in brackets (年度收入情况（万元）: the caption a
    PDF's layout sets apart from its table)."""
    if block is None or block.kind == TABLE:
        return None
    if len(block.text) > 60:
        # a paragraph that ends announcing the table (各项目执行情况如下（单位：万元）：)
        tail = _UNIT_AT_END.search(block.text)
        return stated_unit(tail.group(0)) if tail else None
    stated = stated_unit(block.text)
    if stated is None and _TITLE_UNIT.search(block.text):
        stated = unit_of_header([block.text], bracketed_only=True)
    return stated


_UNIT_AT_END = regex.compile(r"[（(][^（）()]{0,20}?(?:金额|资金)?单位\s*[:：]\s*[^\s，。；()（）]{1,4}\s*[)）]\s*[:：]?\s*$")


_TITLE_UNIT = regex.compile(r"[（(]\s*[^（）()]{1,4}\s*[)）]\s*[:：]?\s*$")
