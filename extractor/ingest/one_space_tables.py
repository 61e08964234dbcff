"""One-space rows: a table whose cells a single space separates, as a web page's or a PDF's
table copied as text gives it (县区 在校学生（人） …), under a header line of short names one
of which states a unit or points (金额（万元）, 分值)."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..patterns import load_json
from .cell_rows import is_form_cell
from .spaced_cells import PROSE_CELL, PROSE_PUNCT, is_figure, is_prose, is_year_name
from .column_names import POINTS_NAME, UNIT_NAME
from .short_total_rows import TOTAL_WORDS, total_row_filled
from .spaced_tables import MAX_SPACED_ROWS, score_rows_run_on
from .cell_label_rows import label_led_rows
from .cell_group_header import UNIT_IN_NAME, in_units_of, is_group_cell
from .cell_kinds import cell_kind
from .form_signs import names_a_form
from .stacked_headers import names_wrapped
from .text_rows import NUMBER_HEADERS, TextTable, lines_seen_before, past_page_break

_MAX_ONE_SPACE_COLUMNS = 12
_MOST_SUB_NAME = 10


def one_space_table_at(lines: list, i: int) -> Optional[TextTable]:
    """Rows whose cells a single space separates (a web page's or PDF's table copied as
    text): a header line of short names, one of them stating a unit in brackets (金额（万元）),
    and two lines or more right after it with exactly its number of cells, a figure under
    every such name. Running text never passes: its words are not split into as many cells
    line after line, with figures in the same places. A form's own header (年初预算数 …) is
    left to the form reader."""
    header = lines[i].split()
    body = i + 1
    if i + 1 < len(lines) and (whole := header_continued(
            header, lines[i + 1].split(), lines[i + 2].split() if i + 2 < len(lines) else None)) is not None:
        header, body = whole, i + 2  # (the header's names wrapped onto a second line)
    if body < len(lines):
        header = _header_unglued(header, len(lines[body].split()))
    if not 3 <= len(header) <= _MAX_ONE_SPACE_COLUMNS:
        return None
    # (单位：万元 on the line above: a table of its own, every column after the rows' names
    # holding figures — a budget table's 年初预算 | 调整预算 | 决算数 no form's header)
    unit_above = unit_stated_above(lines, i)
    if any(len(c) > 14 or is_figure(c) and not is_year_name(c) or PROSE_PUNCT.search(c) for c in header) \
            or sum(map(is_form_cell, header)) >= 2 and not any(POINTS_NAME.match(c) for c in header) \
            and not unit_above and names_a_form(lines):
        return None  # (a form's header names two of its labels or more, a score table's its
        # points columns; 满意度 alone heads a column)
    unit_cols = [k for k, c in enumerate(header) if UNIT_NAME.search(c)]
    if not unit_cols and unit_above and body < len(lines):
        # (the columns the first row fills with figures: 收入项目 | 决算数 | 支出项目 | 决算数)
        first = _thousands_rejoined(lines[body].split(), len(header))
        unit_cols = [k for k, c in enumerate(first) if k and is_figure(c)] if len(first) == len(header) else []
    if not unit_cols:
        # (a first row that left out its empty cells names no columns: rows read by their labels)
        return _label_led_table(lines, i, header, body) if unit_above else None
    rows = [header]
    j = body
    seen = lines_seen_before(lines, i)
    while j < min(len(lines), i + MAX_SPACED_ROWS):
        cells = _number_joined(_thousands_rejoined(lines[j].split(), len(header)), len(header))
        last_left_empty = False
        if (run := _rows_on_one_line(cells, header, unit_cols)) is not None:
            rows.extend(run)  # (rows run together on a line: 产出 30 28 效益 30 27.5)
            j += 1
            continue
        if len(cells) == len(header) - 1 and cells[0] in TOTAL_WORDS:
            cells = [""] + cells  # 合计 under the 序号 column's label, the number cell left empty
        elif cells and len(cells) < len(header) and (total := total_row_filled(cells, len(header), rows[1:])):
            cells = total  # 决策小计 15 13 under 一级指标 二级指标 三级指标 分值 得分
        elif max(unit_cols) < len(cells) < len(header) and not any(
                is_figure(c) for c in cells[header[0] in NUMBER_HEADERS:min(unit_cols)]) \
                and not any(is_figure(r[k]) for r in rows[1:] for k in range(len(cells), len(header))):
            cells = cells + [""] * (len(header) - len(cells))  # a reason column left empty (… 分值 得分 扣分原因)
        elif _last_cell_left_empty(cells, header, unit_cols, rows[1:]):
            cells, last_left_empty = cells + [""], True  # (县级配套 128.62 124.27 under … 执行率: no rate)
        # (words about the row after its figures, 扣分原因, or under a column of words such as
        # 评分标准, may be a sentence of their own)
        if len(cells) != len(header) or any(is_prose(c) and (k < max(unit_cols) and header[k] not in _described_columns()
                                                               or len(c) > PROSE_CELL) for k, c in enumerate(cells)) \
                or not all(is_figure(cells[k]) or last_left_empty and k == len(cells) - 1 for k in unit_cols):
            # (the rows go on past a page's number and the title printed over the next page)
            after = past_page_break(lines, j, seen, lambda line: line.split() == header) if len(rows) > 1 else None
            if after is None or after == j:
                break
            j = after
            continue
        rows.append(cells)
        j += 1
    if len(rows) < 3:
        # (rows that left out their empty cells, of different lengths, or ran together on a line)
        return _label_led_table(lines, i, header, body) if len(rows) == 1 else None
    if j < len(lines) and score_rows_run_on(header, lines[j]):
        return None
    return TextTable(i, j, rows, lines[i:j])


def _label_led_table(lines: list, i: int, header: list, body: int) -> Optional[TextTable]:
    """The table under `header` whose rows are read as a label and its figures each
    (cell_label_rows.py), over the lines from `body` that hold figures and no sentence. A
    form's block (two of its labels or more in a text titled as a form) is the form reader's."""
    if sum(map(is_form_cell, header)) >= 2 and names_a_form(lines):
        return None
    tokens, j = [], body
    while j < min(len(lines), body + MAX_SPACED_ROWS):
        cells = lines[j].split()
        if not cells or not any(map(is_figure, cells)) or PROSE_PUNCT.search(lines[j]) \
                or any(len(c) > PROSE_CELL for c in cells):
            break
        tokens += _labels_joined(cells)
        j += 1
    rows = label_led_rows(header + tokens, cell_kind) if j > body else None
    if rows is None or rows[0] != header or j < len(lines) and score_rows_run_on(header, lines[j]):
        return None
    return TextTable(i, j, rows, lines[i:j])


def _labels_joined(cells: list) -> list:
    """A line's cells with words spaced apart joined again (县医院 能力建设, a note 年中 追加)."""
    out: list = []
    for cell in cells:
        if out and cell_kind(out[-1]) is False and cell_kind(cell) is False:
            out[-1] += cell
        else:
            out.append(cell)
    return out


_GROUP_OF_THREE = regex.compile(r"\d{3}")  # (no decimals, no %: 10 | 100.00% are two cells)
_LEADING_GROUP = regex.compile(r"\d{1,3}")


def _number_joined(cells: list, width: int) -> list:
    """A row one cell too many whose first is its name's number, a space before the name (1. 绩效
    目标合理性 4 4, （二） 预算配置 12 12 under 指标名称 分值 得分): the number and the name one cell."""
    if len(cells) == width + 1 and _ROW_NUMBER.fullmatch(cells[0]) and not is_figure(cells[1]):
        return [cells[0] + cells[1]] + cells[2:]
    return cells


_ROW_NUMBER = regex.compile(r"\d{1,2}[.、．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、")


def _thousands_rejoined(cells: list, width: int) -> list:
    """A row one cell too many where a figure was set with a space for its thousands separator
    (小学 20 364 2036.40 under 学段 受益人数 下达资金): the one pair of a 1–3 digit group and a
    3-digit group after it read as one figure; the row as it is otherwise."""
    if len(cells) != width + 1:
        return cells
    pairs = [k for k in range(1, len(cells) - 1)
             if _LEADING_GROUP.fullmatch(cells[k]) and _GROUP_OF_THREE.fullmatch(cells[k + 1])]
    if len(pairs) != 1:
        return cells
    k = pairs[0]
    return cells[:k] + [cells[k] + cells[k + 1]] + cells[k + 2:]


def _rows_on_one_line(cells: list, header: list, unit_cols: list):
    """The rows a line holds when it has two or more times the header's cells, each piece a
    name and a figure under every figure column (产出 30 28 效益 30 27.5 under 一级指标 权重
    得分), else None."""
    width = len(header)
    if len(cells) < 2 * width or len(cells) % width:
        return None
    pieces = [cells[k:k + width] for k in range(0, len(cells), width)]
    if all(not is_figure(h[0]) and all(is_figure(h[k]) for k in unit_cols) and not any(is_prose(c) for c in h)
           for h in pieces):
        return pieces
    return None


def _last_cell_left_empty(cells: list, header: list, unit_cols: list, above: list) -> bool:
    """A row one cell short whose cells stand where the rows above have theirs — its name,
    then a figure under each of its figure columns but the last — left its last cell empty
    (a text export drops an empty cell at a row's end)."""
    if len(cells) != len(header) - 1 or not above or max(unit_cols) != len(header) - 1 or is_figure(cells[0]):
        return False
    return all(is_figure(cells[k]) == is_figure(above[-1][k]) for k in range(1, len(cells)))


@lru_cache(maxsize=1)
def _described_columns() -> frozenset:
    """Columns of words about an indicator (指标说明, 评分标准): patterns/forms.json's skip columns."""
    return frozenset(load_json("forms.json")["indicator_columns"]["skip"])


# the table's unit stated (单位：万元, 金额单位：万元)
_UNIT_STATED = r"(?:金额|资金)?单位\s*[:：]\s*[^\s，。；()（）]{1,8}"
# a line stating it (执行情况表（单位：万元）), or a sentence ending in it (…兑付情况如下（单位：万元）：)
UNIT_LINE = regex.compile(rf"^(?:[^，。；]{{0,30}}[（(])?\s*{_UNIT_STATED}\s*[)）]?$")
_UNIT_ENDING_LINE = regex.compile(rf"[（(]\s*{_UNIT_STATED}\s*[)）]\s*[:：]?\s*$")


def unit_stated_above(lines: list, i: int) -> bool:
    """Does the line above line i state a unit (单位：万元, …情况表（单位：万元）)? A blank line may
    stand between the caption and the header."""
    above = next((lines[k] for k in (i - 1, i - 2) if k >= 0 and lines[k].strip()), "")
    return UNIT_LINE.match(above.strip()) is not None or _UNIT_ENDING_LINE.search(above) is not None


_YEAR_ONLY = regex.compile(r"(?:19|20)\d{2}")
_AFTER_UNIT = regex.compile(r"(?<=[）)])(?=[\p{Han}\d])")


def _header_unglued(header: list, width: int) -> list:
    """The header's names, those run together after a unit in brackets cut apart (在校学生（人）
    公用经费（万元）, a PDF whose tab stop left no gap) and a year spaced off its name joined
    again, when that gives the row below's width."""
    joined = []  # (a year the layout spaced off its name: 2017 年供养人数（人）)
    for cell in (piece for cell in header for piece in _AFTER_UNIT.split(cell)):
        if joined and _YEAR_ONLY.fullmatch(joined[-1]) and cell.startswith("年"):
            joined[-1] += cell
        else:
            joined.append(cell)
    return joined if len(joined) == width else header


_WRAPPED_PIECE = regex.compile(r"^(?:\p{Han}{1,3}|[（(][^（）()]{1,8}[)）]|\p{Han}{1,6}[（(][^（）()]{1,8}[)）])$")


def header_continued(header: list, below: list, first_row: Optional[list] = None) -> Optional[list]:
    """The header's names with the line below it taken in, where that line holds no figure
    and goes on the header: the names of a 其中 group (资金来源 合计 其中 备注 over 中央 省级
    县级: they stand in its place, in the unit of the column before it), or the ends of
    names wrapped onto it, one under each name but the first or under each
    (年初预算 调整后预算 执行率 over 数 数 （%）; 计划投资 over 金额（万元）), or the names of the
    columns under the last name where the rows are as wide as that makes the header."""
    if not below or len(below) > _MAX_ONE_SPACE_COLUMNS or any(is_figure(c) or PROSE_PUNCT.search(c) for c in below):
        return None
    groups = [k for k, name in enumerate(header) if is_group_cell(name)]
    if len(groups) == 1 and groups[0] >= 1 and len(below) >= 2 and all(len(c) <= 8 for c in below):
        g = groups[0]
        return header[:g] + [in_units_of(header[g - 1], c) for c in below] + header[g + 1:]
    if groups:
        return None
    if len(below) in (len(header), len(header) - 1) and all(_WRAPPED_PIECE.match(c) for c in below):
        first = len(header) - len(below)
        return header[:first] + [name + piece for name, piece in zip(header[first:], below)]
    if first_row is not None and all(UNIT_IN_NAME.fullmatch(c) for c in below):
        # units alone, one under each column the first row fills with a figure (序号 aside):
        # 预算金额 实际支出 执行率 备注 over （万元） （万元） （%）
        figures = [k for k, c in enumerate(first_row) if is_figure(c) and not (k == 0 and header[0] in NUMBER_HEADERS)]
        if len(figures) == len(below) and max(figures) < len(header):
            names = list(header)
            for k, unit in zip(figures, below):
                names[k] += unit
            return names
    if first_row is not None and len(below) >= 2 and len(first_row) == len(header) - 1 + len(below) \
            and all(len(c) <= _MOST_SUB_NAME for c in below):
        # the last name over the columns below it, as the rows' width says (项目 上年决算数 本年决算数
        # 比上年增、减情况 over 增、减金额 增、减幅度)
        return header[:-1] + below
    return names_wrapped(header, below)  # (年初 全年 over 预算数 预算数: the words pair up)
