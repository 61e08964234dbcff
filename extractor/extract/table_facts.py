"""Typed facts from a table's cells: a figure in a cell takes its unit from the column's header
path (金额（万元）), a header row further down the table, the label beside or above it, a block
label merged down the first column, or else the table's unit as its caption, its first cells or
a short line above it state it (单位：万元); the row's first text cell names its subject, and a
cell of words is read as text. Facts keep the cell's row and column as their source.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

import regex

from ..model import Table
from .facts import Fact, _ocr_source, _text_facts, _units, written_unit_spec
from .form_vocab import COLUMN_NUMBER, bare, vocab
from .form_targets import compared_bare, parse_target
from .labels import YEAR, label_of_header
from .numbers import COUNTED_KINDS, beyond_any_rate, find_quantities, parse_cell_number
from .units_score_table import units_scored_columns
from .table_units import (HEADER_UNIT, MONEY_LABEL, MONEY_UNITS, column_path, listed_money_unit, stated_unit,
                          unit_of_header, units_in_column_order)


# Columns whose numbers are positions, not quantities.
_ORDINAL_COLUMN = regex.compile(r"序号|排名|名次|编号|编码|代码|年度(?!\p{Han})|年份|行\s*次|栏\s*次|列\s*次")
_RATE_COLUMN = regex.compile(r"率|比例|占比|比重")
# (复核分 and 扣分: a review's points and those it took off are points too)
_SCORE_COLUMN = regex.compile(r"得分(?!率|系数)|分值|评分|^分数$|^权[重数]$|^标准分$|^满分$|^实得分?$|(?:复核|复评|再评价|核定)分(?!率)|^扣分(?:值)?$|^扣减分值$")


def _own_unit(header: str) -> bool:
    """Does a column's header name a unit of its own, one no fact is counted in (面积（亩）)?
    Then the table's money unit is not its."""
    # (units of things counted or measured: 亩, 公里, 个 … — patterns/forms.json indicator_units)
    return any(m.group(1) and m.group(1).strip() in vocab()["indicator_units"] for m in HEADER_UNIT.finditer(header))


def _filled_width(row: list) -> int:
    """How many cells a row spans up to its last written one."""
    return max((c + 1 for c, cell in enumerate(row) if cell.text.strip()), default=0)


def _is_sentence(text: str) -> bool:
    """A cell that holds a sentence rather than a column's name (本项目年初预算420万元，…。)."""
    t = text.strip()
    return len(t) >= 24 or (len(t) >= 8 and t.endswith(("。", "；")))


def _header_row_below(row: list) -> Optional[dict]:
    """A row of column names under a table's first rows (three or more short cells, no figure):
    column → its name; None for a row of figures or of sentences."""
    cells = {c: cell.text.replace("\n", "").strip() for c, cell in enumerate(row)
             if cell.merged_from is None and cell.text.strip()}
    if len(cells) < 3 or any(len(t) > 20 or parse_cell_number(t) is not None for t in cells.values()):
        return None
    return cells


def _scores_row(row: list) -> bool:
    """Is the row named by its first cell as points (分值 | 15 | 20 | 35 …, 得分 | 13.5 | 17 …: a
    score table set on its side, the indicators as its columns)?"""
    first = row[0].text.replace("\n", "").strip() if row else ""
    return len(first) <= 4 and _SCORE_COLUMN.search(first) is not None


def _unit_label_left(row: list, c: int) -> Optional[str]:
    """The text cell nearest left of cell `c` when only empty cells lie between: the value's label."""
    for cell in reversed(row[:c]):
        t = cell.text.replace("\n", "").strip()
        if not t:
            continue
        return None if parse_cell_number(t) is not None else t
    return None


def _unit_column_beside(table: Table, r: int, c: int, unit_columns: list) -> Optional[str]:
    """The unit a row writes in a column of units (受益指标 | 数量 | 单位 over 受益农户 | 8652 | 户,
    or 绩效指标 | 单位 | 计划数 | 完成数 over 培训农技人员 | 人 | 150 | 156), where that column is
    headed 单位 or 计量单位 (`unit_columns`, _unit_columns): right after the figure, or anywhere
    in the row for a figure under no rate's or points' column."""
    if r < table.header_rows:
        return None
    header = "".join(column_path(table, c))
    if _DATA_ITEM_COLUMN.search(header):
        return None  # (采集数据项 › 数据项1: the raw figures a rate is worked out from, in no unit of the row's)
    anywhere = not (_RATE_COLUMN.search(header) or _SCORE_COLUMN.search(header))
    for k in [c + 1] + ([k for k in unit_columns if k not in (c, c + 1)] if anywhere else []):
        if k in unit_columns and k < len(table.rows[r]) and (unit := table.rows[r][k].text.strip()) in _units()["units"]:
            return unit
    return None


def _unit_columns(table: Table) -> list:
    """The table's columns headed 单位 or 计量单位, left to right."""
    return [k for k in range(table.n_cols) if (path := column_path(table, k)) and _UNIT_COLUMN.fullmatch(path[-1])]


_UNIT_COLUMN = regex.compile(r"(?:计量)?单位")
_DATA_ITEM_COLUMN = regex.compile(r"数据项")


def _fund_source_unit_above(table: Table, r: int, c: int, label: str) -> Optional[str]:
    """The money unit of a fund source's value in a grid of label | value pairs, from the
    label over it in its column (计划安排资金（万元） | 1208.75 above 省财政 | 1125): only for
    labels that name where money comes from, so a phone number under it stays no amount."""
    if c == 0 or bare(label.removeprefix("其中").lstrip(":：")) not in vocab()["money"]:
        return None
    for row in reversed(table.rows[max(0, r - _FUND_ROWS_UNDER_LABEL):r]):
        over = row[c - 1].text.replace("\n", "").strip()
        if parse_cell_number(over) is not None:
            return None  # a column of figures: no label column
        unit = unit_of_header([over], bracketed_only=True) if over else None
        if unit:
            return unit if unit in MONEY_UNITS and parse_cell_number(row[c].text.strip()) is not None else None
    return None


# how far below its money label a fund source's row may stand (其中 row and a few sources)
_FUND_ROWS_UNDER_LABEL = 6


def _block_label(table: Table, r: int) -> Optional[str]:
    """The first column's label over row r: its own first cell, or the nearest filled one
    above when the cells between are empty (a label merged down a block of rows)."""
    for row in reversed(table.rows[:r + 1]):
        t = row[0].text.replace("\n", "").strip() if row else ""
        if t:
            return t
    return None


def row_subject(table: Table, r: int) -> Optional[str]:
    """The row's name: its first cell that is text rather than a number or row label."""
    from ..ingest.tables import ROW_LABEL, is_numeric_cell

    for cell in table.rows[r][:3]:
        t = cell.text.replace("\n", "")
        if t and not is_numeric_cell(t) and not ROW_LABEL.fullmatch(t) or t in ("合计", "小计", "总计"):
            return t
    return None


def _is_quantity(text: str) -> bool:
    """Is a cell a figure with its unit and nothing else (142名, 35.50万元)? No column's label."""
    found = find_quantities(text.strip())
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(text.strip())


_WEIGHT_IN_HEADER = regex.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]")


def _table_facts(block, unit_above: Optional[str] = None, listed_above: Optional[tuple] = None) -> list:
    table: Table = block.table
    out = []
    caption_unit = unit_of_header([table.caption]) if table.caption else None
    if caption_unit is None and table.header_rows:
        caption_unit = stated_unit(table.rows[0][0].text)  # 项目（单位：万元） | 预算数 | 执行数
        first = unit_of_header([table.rows[0][0].text], bracketed_only=True) if caption_unit is None else None
        if first in MONEY_UNITS:
            caption_unit = first  # 项目资金情况（万元） | 计划投资额 | 实际到位资金: the money the columns count
    if caption_unit is None and table.n_rows > 2:
        # a short cell of a row above the column labels (填报单位 | … | 金额单位：元), under the
        # title a sheet may keep in its first row
        caption_unit = next((u for row in table.rows[:2] for cell in row if len(cell.text) <= 12
                             and (u := stated_unit(cell.text))), None)
    caption_unit = caption_unit or unit_above
    # a list of units in the caption (单位：万元、类、个): its money unit for money labels only
    listed = (listed_money_unit(table.caption) or listed_above) if caption_unit is None else None
    listed_money = listed[0] if listed else None
    # where each other unit of the list heads a column of its own (带动脱贫户（户）| 带动脱贫人口（人）),
    # the money unit is that of every column that states none (其中：中央 | 省级 under 衔接资金)
    header_units = {unit_of_header(column_path(table, c)) for c in range(table.n_cols)} if listed else set()
    money_elsewhere = bool(listed) and bool(listed[1]) and all(u in header_units for u in listed[1])
    in_order = units_in_column_order(table, listed)
    columns: dict = {}  # col → (header path, its text, its unit): the same for every row
    labels: dict = {}  # (col, kind) → the column's label
    # col → the last words written in it above this row (a second header's 序号, 金额（万元）)
    # and the width of their row
    named_above: dict = {}
    below = None  # a header row further down: (its cells by column, the unit its first cell states)
    for r in range(table.header_rows):
        for c, cell in enumerate(table.rows[r]):
            if cell.merged_from is None and (_is_sentence(cell.text) or _WEIGHT_IN_HEADER.search(cell.text)
                                             or _is_quantity(cell.text)):
                # a sentence in the header rows (a sheet whose first row is a paragraph) is read as
                # text, and so is a weight a header cell states (分值（10分）, 预算执行情况（10分）)
                # and a figure with its unit in a cell of its own (编制人数 | 142名 in a form's head)
                where = {"page": block.page, "block": block.index, "table": block.index, "row": r, "col": c}
                out.extend(_text_facts(cell.text, where, subject=None))
    # (a score table's names before its 得分 column may carry their weight in brackets: 决策(20))
    # (not in a title row over the header, a sheet's 附表：…评分表 in its one filled cell)
    named_rows = [h for h in range(table.header_rows)
                  if sum(1 for cell in table.rows[h] if cell.text.strip() and cell.merged_from is None) >= 2]
    first_score_col = next((c for c in range(table.n_cols)
                            if any(_SCORE_COLUMN.search(table.rows[h][c].text) for h in named_rows)), 0)
    numbering = _numbering_columns(table)
    unit_columns = _unit_columns(table)
    units_scored = units_scored_columns(table)
    for r in range(table.header_rows, table.n_rows):
        if table.rows[r] and _ORDINAL_COLUMN.fullmatch(table.rows[r][0].text.strip()) and all(
                parse_cell_number(cell.text) is not None or COLUMN_NUMBER.match(cell.text)
                for cell in table.rows[r][1:] if cell.text.strip()):
            continue  # 列次 | 0 | 1 | 2 (| 3=1-2 | 5=4/3): the columns' numbers, no quantities
        subject = row_subject(table, r)
        width = _filled_width(table.rows[r])
        if (cells := _header_row_below(table.rows[r])) is not None:
            # 经费控制情况（万元） | 2015年决算数 | 2016年预算数: the columns under it are its, not the
            # top header's (编制数（人）), and its first cell may state their unit
            first = cells[min(cells)]
            below = cells, unit_of_header([first], bracketed_only=True) or stated_unit(first) or caption_unit
        for c, cell in enumerate(table.rows[r]):
            if cell.merged_from is not None or not cell.text:
                continue
            if parse_cell_number(cell.text) is None:
                named_above[c] = cell.text.strip(), width
            elif _ORDINAL_COLUMN.fullmatch(named_above.get(c, ("", 0))[0]):
                continue  # row numbers under a 序号 header further down the table (a form's indicator block)
            where = {"page": block.page, "block": block.index, "table": block.index, "row": r, "col": c}
            if cell.confidence is not None:
                where.update(_ocr_source(cell.bbox, cell.confidence))
            parsed = parse_cell_number(cell.text)
            if parsed is None and (fact := _compared_in_its_row_s_unit(table, r, c, unit_columns, where, subject)):
                out.append(fact)  # ≥180 | … beside 人 in the row's 计量单位 cell
                continue
            if parsed is None:
                out.extend(_as_cells(_text_facts(cell.text, where, subject=subject), cell.text, table, c))
                if c < first_score_col and (weight := _BARE_WEIGHT.search(cell.text)):
                    out.append(_weight_in_name(weight, cell.text, where, subject))
                continue
            if not any(ch.isdigit() for ch in cell.text):
                continue  # a dash: not applicable, no figure (sum.table reads it as nothing to add)
            if below is not None:
                header = [below[0][c]] if c in below[0] else []
                header_text, header_unit = "›".join(header), unit_of_header(header, bracketed_only=True)
                table_unit = below[1]
            else:
                if c not in columns:
                    header = column_path(table, c)
                    columns[c] = header, "›".join(header), unit_of_header(header)
                header, header_text, header_unit = columns[c]
                header_unit = header_unit or in_order.get(c)
                table_unit = caption_unit
            value, decimals, has_percent = parsed
            left = table.rows[r][c - 1].text if c > 0 else ""
            ordinal = _ORDINAL_COLUMN.fullmatch if below is not None else _ORDINAL_COLUMN.search  # (年度指标值 below)
            if ordinal(header_text) or (not header and _ORDINAL_COLUMN.search(left)) or c in numbering:
                continue
            written_unit = "%" if has_percent else header_unit or _unit_column_beside(table, r, c, unit_columns)
            if written_unit is None and (_SCORE_COLUMN.search(header[-1] if header else "") or _SCORE_COLUMN.search(left)
                                         or _scores_row(table.rows[r]) or c in units_scored):
                written_unit = "分"
            # (a count its label beside it names, 实有人数 | 19; 12.5 is no whole count: 万人 unwritten)
            counted = unit_of_header([left]) if written_unit is None and left else None
            counted = counted if not decimals and _units()["units"].get(counted, [None])[0] in COUNTED_KINDS else None
            if counted and parse_cell_number(left) is None:
                table_unit = None  # 编制人数 | 48 in a form in 万元: the count, not the table's money (below)
            if written_unit is None and not _RATE_COLUMN.search(header_text + (subject or "")) \
                    and not _own_unit(header_text):
                written_unit = table_unit  # the table's unit, in no rate's column or row
            if written_unit is None and listed_money and (money_elsewhere or MONEY_LABEL.search(header_text + left)):
                written_unit = listed_money
            # a unit from the header row further down is its column cell's own (序号 | 金额（万元）)
            label_cell = header[0] if below is not None and header_unit and written_unit == header_unit else None
            if label_cell is None and written_unit == table_unit and not table.header_rows and left \
                    and parse_cell_number(left) is None and MONEY_LABEL.search(left):
                # a label naming money and its figure side by side, in the unit the form states
                # (合同金额 | 1,280,000.00 under 金额单位：元): typed by its label, not by a column
                label_cell = left
            if written_unit is None:
                # a label and its value side by side (计划安排资金（万元） | 250): the label's unit
                label_cell = _unit_label_left(table.rows[r], c)
                written_unit = label_cell and (unit_of_header([label_cell], bracketed_only=True)
                                               or _fund_source_unit_above(table, r, c, label_cell))
            if counted and not written_unit:
                label_cell, written_unit = left, counted
            if not written_unit and named_above.get(c, ("", 0))[1] == width:
                # a second header further down, in a row as wide as this one (序号 | 支出内容 |
                # 金额（万元）): its cell's unit
                label_cell = named_above[c][0]
                written_unit = unit_of_header([label_cell], bracketed_only=True)
            from_block = False
            if not written_unit and c > 1 and (over := _block_label(table, r)):
                # 资金情况（万元） over the rows below it, its cell merged down the first column
                written_unit = unit_of_header([over], bracketed_only=True)
                from_block = bool(written_unit)
            if not written_unit:
                continue  # a bare number with no unit anywhere is not a fact we can type
            if written_unit in ("%", "％") and not has_percent and beyond_any_rate(value):
                continue  # 213722.82 under a rate's header: the row's cells stand off their columns
            kind, base, mult = written_unit_spec(written_unit)
            if kind in COUNTED_KINDS and mult == 1 and not (label_cell or from_block) and value != value.to_integral_value():
                continue  # 8.28 under 人数（人）: a row that left out cells, its figure off its column
            if label_cell:
                label = label_of_header([label_cell])
            elif header:
                if (c, kind) not in labels:
                    labels[(c, kind)] = label_of_header(header, kind)
                label = labels[(c, kind)]
            else:
                label = label_of_header([left], kind) if left and table.header_rows == 0 else None
            out.append(Fact(
                kind=kind, value=value * mult, unit=base, text=cell.text, decimals=decimals, approx=False,
                label=label, subject=subject, year=_year_in(subject), scale=mult,
                source={**where, "start": 0, "end": len(cell.text), "quote": cell.text},
                extra={"written_unit": written_unit, "column": header_text or None,
                       **({"unit_of_label": True} if label_cell or from_block else {})},
            ))
    return out


def _compared_in_its_row_s_unit(table: Table, r: int, c: int, unit_columns: list, where: dict,
                                subject: Optional[str]) -> Optional[Fact]:
    """A target written with its comparator and a bare figure (≥180, 不低于95) in a row whose
    计量单位 cell says the unit: a fact in that unit, as the bare result beside it is."""
    text = table.rows[r][c].text
    unit = _unit_column_beside(table, r, c, unit_columns) if compared_bare(text) else None
    if unit is None or written_unit_spec(unit)[0] is None:
        return None
    kind, base, mult = written_unit_spec(unit)
    m = _FIGURE.search(text)
    parsed = parse_cell_number(m.group())
    if parsed is None:
        return None
    value, decimals, _ = parsed
    return Fact(kind=kind, value=value * mult, unit=base, text=m.group(), decimals=decimals, approx=False,
                label=label_of_header(column_path(table, c), kind), subject=subject, year=_year_in(subject), scale=mult,
                source={**where, "start": m.start(), "end": m.end(), "quote": m.group()},
                extra={"written_unit": unit, "comparator": parse_target(text)[0]})


_FIGURE = regex.compile(r"\d[\d,]*(?:\.\d+)?")


def _as_cells(facts: list, text: str, table: Table, c: int) -> list:
    """A figure that fills its cell with its own unit (450元 | 70元 | 520元) is the cell's figure,
    as a bare number under a header's unit is: the sums along the table's rows and columns
    take it."""
    for f in facts:
        if f.source["start"] == 0 and f.source["end"] == len(text) and (unit := _OWN_UNIT.search(text)):
            header = [table.rows[h][c].text for h in range(table.header_rows) if c < len(table.rows[h])]
            f.extra.update(written_unit=unit.group(), column="›".join(h for h in header if h) or None)
    return facts


_OWN_UNIT = regex.compile(r"(?<=\d)\s*\D+$")


def _numbering_columns(table: Table) -> set:
    """The first column where it counts the rows 1, 2, 3 … (its header lost: a 序号 the text
    layout set on a line of its own): row numbers, no quantities."""
    written = [table.rows[r][0].text.strip() for r in range(table.header_rows, table.n_rows) if table.rows[r]]
    numbers = [t for t in written if t]
    return {0} if len(numbers) >= 3 and numbers == [str(n) for n in range(1, len(numbers) + 1)] else set()


# an indicator's weight in brackets after its name, its 分 left out (决策(20), 立项依据充分性（3）)
_BARE_WEIGHT = regex.compile(r"(?<=\p{Han})[（(]\s*(?P<n>(?:100|[1-9]?\d)(?:\.5)?)\s*[)）]$")


def _weight_in_name(m, text: str, where: dict, subject: Optional[str]) -> Fact:
    """The weight of a score table's name cell (决策(20)) as a fact: 20 points, 分值."""
    value = Decimal(m["n"])
    return Fact(kind="score", value=value, unit="分", text=m.group(0), decimals=max(0, -value.as_tuple().exponent),
                approx=False, label="分值", subject=subject, year=None, scale=1,
                source={**where, "start": m.start("n"), "end": m.end("n"), "quote": text},
                extra={"written_unit": None, "column": None})


def _year_in(text: Optional[str]) -> Optional[int]:
    m = YEAR.search(text) if text else None
    return int(m.group(1)) if m else None
