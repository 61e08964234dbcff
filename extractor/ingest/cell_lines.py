"""Tables a web page's text gives one cell per line, with no tab or pipe between cells (a
results table of a 公示 page: 项目名称 / 债券性质 / 发行金额(亿元) / 自评分数 / 自评等级, then
each project's cells). Such a run of short lines is a table when, after a header of column
names, its lines fall into rows that repeat one pattern of words and figures; a page that
dropped a row's empty last cell (no 自评等级 given) writes one cell fewer per row than the
header has names.

The standard forms' blocks are left to the form reader (extract/forms.py), which reads
their cells by label and type: a run whose lines name a fund column, an indicator level or
an indicator's value columns is no table here."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..patterns import load_json
from .tables import is_numeric_cell

_LONGEST_CELL = 40  # a longer line is prose
_MOST_COLUMNS = 12
_MOST_CELLS = 20000  # (a longer run goes on as another table)
_COLUMN_NAME = regex.compile(r"^\p{Han}[^，、。；;,!！?？：:]{1,19}$")
_SENTENCE_MARK = regex.compile(r"[。；;！？]")
_TITLE_END = regex.compile(r"(?:报告|结果|公示|公开|情况|明细|汇总|一览)表?$|表$")
_FIGURE = regex.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?\s*(?:%|[万亿]?元|人次|人|户|分)?$")


@lru_cache(maxsize=1)
def _form_block_words() -> frozenset:
    """The labels of a standard form's fund and indicator blocks (patterns/forms.json),
    but for its fund columns and score columns."""
    spec = load_json("forms.json")
    # (the fund block's column names, 全年预算数 | 执行率, head results tables of many projects as
    # well: its row labels, 年度资金总额 | 其中：当年财政拨款, are the form's own)
    words = {w for row in spec["fund_rows"].values() for w in row["labels"]} | set(spec["money_labels"])
    words |= set(spec["indicator_header"]) | set(spec["level1"]) | set(spec["level2"])
    for slot in ("target", "actual", "weight"):
        words |= set(spec["indicator_columns"][slot])
    # a score column (自评得分) heads results tables as well as the fund block's points, and a
    # 合计 row closes them as it does a form's fund block
    return frozenset(words - set(spec["indicator_columns"]["score"]) - {"合计", "总计", "小计"})


def _names_a_form_block(cell: str) -> bool:
    return regex.sub(r"\s+", "", cell) in _form_block_words()


def _is_figure(cell: str) -> bool:
    return bool(_FIGURE.match(cell) or is_numeric_cell(cell))


def _cells_from(lines: list, i: int, limit: int) -> tuple:
    """Up to `limit` short lines from i (blank lines passed over, any other line ends them):
    their texts and, for each, the line after it."""
    cells, ends = [], []
    j = i
    while j < len(lines) and len(cells) < limit:
        text = lines[j].strip()
        if text:
            if len(text) > _LONGEST_CELL or "\t" in lines[j] or "|" in text or _SENTENCE_MARK.search(text):
                break
            cells.append(text)
            ends.append(j + 1)
        j += 1
    return cells, ends


def cell_line_table_at(lines: list, i: int) -> Optional[tuple]:
    """(rows of cell texts, the line after the table) for a one-cell-a-line table starting at
    line i, else None."""
    if not _COLUMN_NAME.match(lines[i].strip()):
        return None
    # a header and two rows first (most runs of short lines are no table), then the whole run
    cells, ends = _cells_from(lines, i, 3 * _MOST_COLUMNS)
    if not _best_rows(cells) or any(_names_a_form_block(c) for c in cells):
        return None
    cells, ends = _cells_from(lines, i, _MOST_CELLS)
    rows = _best_rows(cells)
    # the table ends where a form's block starts (its first row naming one is the form's)
    rows = rows[:next((k for k, row in enumerate(rows) if any(map(_names_a_form_block, row))), len(rows))]
    if len(rows) < 3 or len(rows[0]) == len(rows[1]) + 1 and _TITLE_END.search(rows[0][0]):
        return None  # (a title above the header, taken for its first name: the table starts after it)
    used = sum(len(row) for row in rows)
    return rows, ends[used - 1]


def _best_rows(cells: list) -> list:
    """The header and rows that take the most of `cells`: a header of 3 or more column names,
    then rows of as many cells or one fewer (see _rows_of); [] when there are none."""
    best, most = [], 0
    for width in range(1, min(_MOST_COLUMNS, len(cells)) + 1):
        header = cells[:width]
        if not _COLUMN_NAME.match(header[-1]) or _is_figure(header[-1]):
            break
        for row_len in (width, width - 1) if width >= 3 else ():
            rows = _rows_of(cells[width:], row_len)
            if rows and width + row_len * len(rows) > most:
                best, most = [header] + rows, width + row_len * len(rows)
    return best


def _rows_of(body: list, row_len: int) -> list:
    """The body's cells cut into rows of `row_len` while each row repeats the first one's
    words-and-figures pattern (at least two rows, each with a figure and a word); [] else."""
    if row_len < 2:
        return []
    pattern = [_is_figure(c) for c in body[:row_len]]
    if len(body) < 2 * row_len or not any(pattern) or all(pattern):
        return []
    rows = []
    for start in range(0, len(body) - row_len + 1, row_len):
        row = body[start:start + row_len]
        if [_is_figure(c) for c in row] != pattern:
            break
        rows.append(row)
    return rows if len(rows) >= 2 else []
