"""Whether a text holds a standard form, and which cells name a form's blocks: asked by the
readers of tables one cell a line (cell_lines.py) and of one-space rows (one_space_tables.py),
which leave a form's blocks to the form reader (extract/forms.py) but read a report's tables
whose columns a form's fund rows also name (收入合计 | 财政拨款 | 其他收入)."""
from __future__ import annotations

from functools import lru_cache

import regex

from ..patterns import load_json


@lru_cache(maxsize=8192)  # (the table readers ask it of each line several times over)
def bare_cell(cell: str) -> str:
    return _SPACE.sub("", cell)


_SPACE = regex.compile(r"\s+")


@lru_cache(maxsize=1)
def fund_row_labels() -> frozenset:
    """Every fund row label of the templates (年度资金总额, 当年财政拨款, 中央财政资金 …)."""
    return frozenset(w for row in load_json("forms.json")["fund_rows"].values() for w in row["labels"])


@lru_cache(maxsize=1)
def indicator_header_aliases() -> frozenset:
    """The other words forms write for the level and name columns (指标类型, 指标名称)."""
    return frozenset(w for w in load_json("forms.json")["indicator_header_aliases"] if not w.startswith("_"))


# fund_rows kinds that only a form's fund block has (年度资金总额, 当年财政拨款, 上年结转资金)
_FUND_BLOCK_ROWS = ("total", "current", "carryover")


@lru_cache(maxsize=1)
def _form_words() -> tuple:
    """(the labels only a standard form's indicator block has, the money words a form's fund
    block shares with other tables, the fund block's row labels) from patterns/forms.json.
    The first: the indicator header, levels and value columns. The second: a fund block's
    row labels (收入合计 | 基本支出 | 其他资金), money labels (计划投资, 预算数) and rows naming
    where the money came from (中央补助资金 | 省级资金), which head a department's income and
    spending tables and tables of fund sources and projects as well."""
    spec = load_json("forms.json")
    # (the fund block's column names, 全年预算数 | 执行率, and a score column, 自评得分, head
    # results tables of many projects too; a 合计 row closes them as it does a form's fund block)
    own = set(spec["indicator_header"]) | set(spec["level1"]) | set(spec["level2"])
    for slot in ("target", "actual", "weight"):
        own |= set(spec["indicator_columns"][slot])
    own -= set(spec["indicator_columns"]["score"]) | {"合计", "总计", "小计"}
    shared = set(fund_row_labels()) | set(spec["money_labels"])
    fund_block = {w for kind in _FUND_BLOCK_ROWS for w in spec["fund_rows"][kind]["labels"]} - {"合计", "总计"}
    return frozenset(own), frozenset(shared - own - {"合计", "总计", "小计"}), frozenset(fund_block)


# the last text asked about and its form signs (cell_line_table_at is asked line by line)
_FORM_TEXT: list = [None, (False, False, None)]


def text_is_a_form(lines: list) -> bool:
    """Does the text hold a form's fund block: a line naming a row only a fund block has
    (年度资金总额, 年度财政资金总额), or one it shares with a department's income tables
    (财政拨款, 上年结转) in a text titled as a form (项目支出绩效自评表)? Then its money words
    are the form's too. (A report's score table names indicator levels as forms do: no sign
    of a fund block.)"""
    return _form_signs(lines)[0]


def text_is_a_form_at(lines: list, i: int) -> bool:
    """text_is_a_form, where a form known only by its title (its rows' labels shared with a
    department's income tables) holds the lines from its title on: a report's data tables
    before the form are the report's."""
    by_total, titled_at = _form_signs(lines)[1:]
    return by_total or titled_at is not None and titled_at <= i


def _form_signs(lines: list) -> tuple:
    """(is the text a form, by a row only a fund block has, the first title's line where its
    rows' labels make it a form by its title, else None)."""
    if _FORM_TEXT[0] is not lines:
        own_total, fund_block, titles = _fund_block_signs()
        named = {bare_cell(line) for line in lines} & fund_block
        by_total = bool(named & own_total)
        titled_at = next((k for k, line in enumerate(lines) if any(t in bare_cell(line) for t in titles)), None) \
            if named and names_a_form(lines) else None
        _FORM_TEXT[:] = [lines, (by_total or titled_at is not None, by_total, titled_at)]
    return _FORM_TEXT[1]


# the last text asked about and whether it names a form's title (asked line by line too)
_TITLED_TEXT: list = [None, False]


def names_a_form(lines: list) -> bool:
    """Is a line of the text titled as a standard form (项目支出绩效自评表)?"""
    if _TITLED_TEXT[0] is not lines:
        text = "\n".join(map(bare_cell, lines))
        _TITLED_TEXT[:] = [lines, any(title in text for title in _fund_block_signs()[2])]
    return _TITLED_TEXT[1]


@lru_cache(maxsize=1)
def _fund_block_signs() -> tuple:
    """(the total rows' labels only a form's fund block writes, all its rows' labels, the
    forms' titles)."""
    spec = load_json("forms.json")
    shared_totals = set(spec["any_table_cells"]) | set(spec["fund_rows"]["income_total"]["labels"]) \
        | {"总额", "支出合计"}
    own_total = frozenset(set(spec["fund_rows"]["total"]["labels"]) - shared_totals)
    titles = tuple(t for template in spec["templates"].values() for t in template["titles"])
    return own_total, _form_words()[2], titles


def fund_block_totals() -> frozenset:
    """The total rows' labels only a form's fund block writes (年度资金总额, not 合计 or 支出合计)."""
    return _fund_block_signs()[0]


def names_a_form_block(cell: str, in_form: bool) -> bool:
    own, shared, _ = _form_words()
    bare = bare_cell(cell)
    return bare in own or in_form and bare in shared
