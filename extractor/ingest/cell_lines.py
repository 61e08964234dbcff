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

from typing import Optional

import regex

from ..normalize import normalize
from ..numbering import numbering_of
from .cell_group_header import UNIT_IN_NAME, has_group_cell, header_in_column_order
from .blank_gaps import set_apart
from .cell_label_rows import CAPTION_END, label_led_rows, note_columns
from .cell_kinds import TOTAL_NAMES, cell_kind, is_figure
from .cell_numbered_rows import numbered_rows
from .cell_points_rows import points_rows
from .cell_total_rows import cells_taken, with_total_row
from .column_sums import some_column_adds_up
from .score_cells import criteria_under_names
from .cell_rows import is_form_cell
from .form_signs import names_a_form_block, text_is_a_form_at
from .levels_with_points import in_levels_with_points_header, levels_with_points_header
from .tables import is_caption_text
from .text_rows import NUMBER_HEADERS, past_page_break, vocabulary

_LONGEST_CELL = 40  # a longer line is prose
_MOST_COLUMNS = 12
_MOST_CELLS = 20000  # (a longer run goes on as another table)
# (a 、 only inside brackets: 县（市、区）)
# (a name may carry its unit in brackets, 经费控制情况（单位：万元）)
COLUMN_NAME = regex.compile(r"^\p{Han}(?:[^，、。；;,!！?？：:（(]|[（(](?:单位[：:])?[^，。；;,!！?？：:（(）)]{0,12}[）)]){1,19}$")
# a column after the first named by a range and what it counts (80—89周岁（人）, 60岁以上（人）)
_NAMED_RANGE = regex.compile(r"^\d+(?:\s*[—\-~～至]\s*\d+)?\s*\p{Han}{2,}[^，、。；;,!！?？：:]{0,12}$")
# (a page written with half-width punctuation ends its sentences with a full stop after a word
# or a unit, 评价等级为"优". — never a figure's decimal point — and parts clauses with a comma)
_SENTENCE_MARK = regex.compile(r"[。；;！？]|[^\d\s]\.$|[^\d\s],[^\d\s]")
# a title's end: a table's caption's, or a report's or a notice's
_TITLE_END = regex.compile(r"(?:报告|结果|公示|公开)$|" + CAPTION_END.pattern)




def _opens_a_section(text: str) -> bool:
    """Does the line open with a heading's numbering of the first two levels (四、 （一）)?"""
    return numbering_of(normalize(text))[1] in (1, 2)


def _ends_the_text(lines: list, ends: list, cells: list) -> bool:
    """Does the run of cells end the text (an excerpt that may stop inside a row)?"""
    return bool(cells) and not any(line.strip() for line in lines[ends[len(cells) - 1]:])


def _cells_from(lines: list, i: int, limit: int) -> tuple:
    """Up to `limit` short lines from i (blank lines passed over, any other line ends them):
    their cells' texts, for each the line after it, and for each how many empty cells stand
    before it (blank_gaps.py)."""
    found = []
    j = i
    furniture = vocabulary()["page_furniture"]
    while j < len(lines) and len(found) < limit:
        text = lines[j].strip()
        if "\f" in lines[j]:
            # a page's break, its number's line: the cells go on overleaf, unless the next page
            # opens with the table's header again (its pages are joined as tables: text_tables)
            after = next((line.strip() for line in lines[j + 1:j + 4] if line.strip()), "")
            if not found or after == found[0][0]:
                break
            j += 1
            continue
        if text:
            if len(text) > _LONGEST_CELL or "\t" in lines[j] or "|" in text or _SENTENCE_MARK.search(text) \
                    or furniture.match(lines[j]) or _opens_a_section(text) and not _figure_follows(lines, j) \
                    and not (found and _numbered_row_follows(lines, j)):
                # (a page's number the text kept as it is ends the run; so does a heading
                # numbered 一、 or （一）, but not a row's label numbered so, its
                # figures after it: 一、基本支出 | 550.70)
                break
            if found and found[-1][1] == j - 1 and _QUALIFIER.match(text) and not is_figure(found[-1][0]):
                # (a name's bracketed qualifier or unit wrapped onto its own line: 享受人数 | （人）,
                # 重度残疾人护理补贴 | （一级）; not a row's numbering, （二）)
                found[-1] = (found[-1][0] + text, j)
            else:
                found.append((text, j))
        j += 1
    return set_apart(found)


_QUALIFIER = regex.compile(r"^[（(](?![一二三四五六七八九十\d]+[)）])[^（）()]{1,12}[)）]$")


def _rows_open_with_figures(rows: list) -> bool:
    """Do the rows all open with a figure under a header that does not number them (a 合计
    taken for the header's last name, each row then its label's figures and the next label)?"""
    return len(rows) > 1 and rows[0][0] not in NUMBER_HEADERS and all(cell_kind(row[0]) is True for row in rows[1:])


def _brackets_closed(text: str) -> bool:
    return text.count("（") + text.count("(") == text.count("）") + text.count(")")


def _numbered_row_follows(lines: list, j: int) -> bool:
    """Is the next line with text after line j a row's label numbered at the same level, its
    figures after it (（三）事业收入, empty, then （四）其他收入 | 128.65): line j is a row with
    no figure, not a heading?"""
    k = j + 1
    while k < len(lines) and not lines[k].strip():
        k += 1
    level = numbering_of(normalize(lines[j].strip()))[1]
    return k < len(lines) and numbering_of(normalize(lines[k].strip()))[1] == level and _figure_follows(lines, k)


def _figure_follows(lines: list, j: int) -> bool:
    """Is the next line with text after line j a figure?"""
    k = j + 1
    while k < len(lines) and not lines[k].strip():
        k += 1
    return k < len(lines) and is_figure(lines[k].strip())


def cell_line_table_at(lines: list, i: int) -> Optional[tuple]:
    """(rows of cell texts, the line after the table) for a one-cell-a-line table starting at
    line i, else None."""
    if not COLUMN_NAME.match(lines[i].strip()) or is_caption_text(lines[i].strip()):
        return None  # (a table's caption, 表1 资金来源情况, is no column name: the table starts after it)
    if levels_with_points_header(lines, i) or in_levels_with_points_header(lines, i):
        return None  # (its rows are told apart by their 分值 only: levels_with_points.py, or no table)
    # a header and two rows first (most runs of short lines are no table), then the whole run
    cells, ends, empties = _cells_from(lines, i, 3 * _MOST_COLUMNS)
    in_form = text_is_a_form_at(lines, i)
    # (up to the next table's caption: a form titled after this table is no part of it)
    own = cells[:next((k for k, c in enumerate(cells) if k and is_caption_text(c)), len(cells))]
    names_form_words = any(names_a_form_block(c, in_form) for c in own)
    if names_form_words and in_form or not names_form_words and not (
            _best_rows(cells) or label_led_rows(cells, cell_kind, whole_run=False)
            or numbered_rows(cells, cell_kind, cut=True, empties=empties)):
        return None
    if is_form_cell(_line_before(lines, i)):
        return None  # (a run begun after a form's column name (分值, 评分标准) begins inside a header)
    cells, ends, empties = _cells_from(lines, i, _MOST_CELLS)
    rows, used = with_total_row(cells, _best_rows(cells))
    if names_form_words:
        # a report's score table (一级指标 | 二级指标 | 分值 | 得分) with no form's fund block in the
        # text: a table only where its rows take every cell of the run, each row whole, or each
        # row its names and then its points (the levels' names written once over their rows); a
        # run its rows leave cells of (cells wrapped) is the score-table readers'
        # (extract/text_score_tables.py), which read it by type
        if _after_a_column_name(lines, i):
            return None  # (a run begun inside a header the readers passed over is none either)
        if used != len(cells) or len({len(row) for row in rows}) != 1 \
                or any(cell in TOTAL_NAMES for row in rows for cell in row[1:]) or not some_column_adds_up(rows[1:]) \
                or criteria_under_names(rows):
            # (nor one whose 合计 stands in a column of its own: the rows were cut out of step)
            rows = points_rows(cells)
            if rows is None:
                return None
            end = ends[len(cells) - 1]
            while (more := _points_rows_overleaf(lines, i, end, rows[0])) is not None:
                rows, end = rows + more[0], more[1]
            return rows, end
    else:
        before = _line_before(lines, i)
        # (a caption may end in the table's unit: 年度收入情况（万元）)
        if _after_a_column_name(lines, i) and not _TITLE_END.search(UNIT_IN_NAME.sub("", before)) \
                or UNIT_IN_NAME.fullmatch(before) or not _brackets_closed(before) or not _brackets_closed(lines[i]):
            # (a run begun inside a header whose first names made no table: after a name, a
            # unit alone in its brackets, or a name broken inside its brackets, 下达数（万 | 元）)
            return None
        # the table ends where a form's block starts (its first row naming one is the form's)
        kept = next((k for k, row in enumerate(rows) if any(names_a_form_block(c, in_form) for c in row)), len(rows))
        if kept < len(rows):
            rows = rows[:kept]
            used = cells_taken(rows)
        elif (numbered := numbered_rows(cells, cell_kind, empties=empties, cut=_ends_the_text(lines, ends, cells))) \
                is not None and numbered[1] >= used:
            # (rows numbered 1, 2, 3 … that wrote their cells over more lines or fewer)
            rows, used = numbered
        elif (used < len(cells) or _rows_open_with_figures(rows)) \
                and (labelled := label_led_rows(cells, cell_kind, empties=empties, upto=True)) is not None \
                and not any(names_a_form_block(c, in_form) for row in labelled[0] for c in row):
            # (rows that write different numbers of cells: a label and its figures each, up
            # to the next table's caption and header)
            rows, used = labelled
        if rows and has_group_cell(rows[0]):
            # (a header's second line written after its first: 下达金额 | 其中 | 实际支出 | 中央 | 省级)
            header = header_in_column_order(rows[0], rows[1:])
            if header is None:
                return None
            rows = [header] + rows[1:]
    if len(rows) < 3 or len(rows[0]) == len(rows[1]) + 1 and _TITLE_END.search(rows[0][0]) \
            and rows[0][-1] not in note_columns():
        # (a title above the header, taken for its first name: the table starts after it; not
        # where the rows leave out an empty note under the header's last name, 备注)
        return None
    end = ends[used - 1]
    if used == len(cells):  # the run ended at its table's last row: it may go on overleaf
        while (more := _rows_overleaf(lines, i, end, rows)) is not None:
            rows, end = rows + more[0], more[1]
    return rows, end


def _line_before(lines: list, i: int) -> str:
    """The last line with text before line i, stripped ("" at the top)."""
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    return lines[j].strip() if j >= 0 else ""


def _after_a_column_name(lines: list, i: int) -> bool:
    """Is the last line with text before line i a column's name (the run starts inside a
    header, 二级指标 under 一级指标)? A caption (表3 …) is none."""
    text = _line_before(lines, i)
    return bool(COLUMN_NAME.match(text)) and not is_caption_text(text)


def _points_rows_overleaf(lines: list, start: int, k: int, header: list) -> Optional[tuple]:
    """(rows, the line after them) of a score table read by _points_rows going on past a page
    break under its header repeated; None where it does not."""
    j = _page_turned(lines, start, k)
    if j is None:
        return None
    cells, ends, _ = _cells_from(lines, j, _MOST_CELLS)
    # (under its header written again, or going straight on: a page number alone between)
    rows = points_rows(cells if cells[:len(header)] == header else header + cells)
    return (rows[1:], ends[len(cells) - 1]) if rows is not None else None


def _page_turned(lines: list, start: int, k: int) -> Optional[int]:
    """The line a table starting at `start` goes on at after a page break at line k, past
    the page's furniture and any line written before the table (the report's title over
    every page): text_rows.past_page_break."""
    return past_page_break(lines, k, {line.strip() for line in lines[:start] if line.strip()})


def _rows_overleaf(lines: list, start: int, k: int, rows: list) -> Optional[tuple]:
    """(rows, the line after them) of a table that a page break cut at line k, going on
    after the page's furniture (第 1 页 共 5 页, a form feed) and any line written before the
    table (the report's title over every page), under its header repeated or not: rows of
    the table's own width and pattern. None where no page break or no such row follows."""
    j = _page_turned(lines, start, k)
    if j is None:
        return None
    header, body = rows[0], rows[1:]
    cells, ends, _ = _cells_from(lines, j, _MOST_CELLS)
    skip = len(header) if cells[:len(header)] == header else 0
    pattern = [cell_kind(c) for c in body[0]]
    for row in body[1:]:
        pattern = [a if a is not None else cell_kind(b) for a, b in zip(pattern, row)]
    more = _rows_of(cells[skip:], len(body[0]), pattern, least=1)
    if not more:
        return None
    return more, ends[skip + sum(len(row) for row in more) - 1]


def _best_rows(cells: list) -> list:
    """The header and rows that take the most of `cells`: a header of 3 or more column names,
    then rows of as many cells, one fewer, or one more under an unnamed labels' column (see
    _rows_of); [] when there are none."""
    best, most = [], 0
    for width in range(1, min(_MOST_COLUMNS, len(cells)) + 1):
        header = cells[:width]
        if not (COLUMN_NAME.match(header[-1]) or _NAMED_RANGE.match(header[-1])) or is_figure(header[-1]):
            break
        for row_len in (width, width - 1, width + 1) if width >= 3 else ():
            rows = _rows_of(cells[width:], row_len)
            if rows and (row_len < width or header[-1] in TOTAL_NAMES) and _shifted(header, rows):
                continue  # (合计 after the last column's name is the first row's label, not a column)
            if rows and row_len > width and not _labels_unnamed(rows):
                continue
            if rows and width + row_len * len(rows) > most:
                # (rows one cell longer than the header: their labels' column has no name)
                best, most = [[""] * (row_len - width) + header] + rows, width + row_len * len(rows)
    return best


def _labels_unnamed(rows: list) -> bool:
    """Do rows one cell longer than the header each open with words and then hold figures only
    (合计 | 980.00 | 980.00 | 912.40 | 67.60 under 计划安排资金 | 实际到位资金 | 实际支出 | 结余):
    the header names the figures' columns, not the labels'?"""
    return all(cell_kind(row[0]) is False and all(cell_kind(c) is not False for c in row[1:]) for row in rows)


def _shifted(header: list, rows: list) -> bool:
    """Rows one cell short of the header that open with a figure and close with words, under
    a header that does not number them (资金来源 | 预算数 | … | 执行率 | 省级补助 over 540.00 |
    … | 100.00% | 市级补助): the first row's name was taken for a column and each row ends with
    the next one's — the header is one cell shorter."""
    numbered = [row[0] for row in rows] == [str(n) for n in range(1, len(rows) + 1)]  # (序号 under a title)
    return header[0] not in NUMBER_HEADERS and not numbered and all(
        cell_kind(row[0]) is True and cell_kind(row[-1]) is False for row in rows)


def _rows_of(body: list, row_len: int, pattern: Optional[list] = None, least: int = 2) -> list:
    """The body's cells cut into rows of `row_len` while each row repeats the first one's
    words-and-figures pattern (or the `pattern` given: a table's rows overleaf), at least
    `least` rows, each with a figure and a word (a dash fits either); [] else."""
    if row_len < 2:
        return []
    pattern = pattern or [cell_kind(c) for c in body[:row_len]]
    if len(body) < least * row_len or True not in pattern or False not in pattern:
        return []
    rows = []
    for start in range(0, len(body) - row_len + 1, row_len):
        row = body[start:start + row_len]
        kinds = [cell_kind(c) for c in row]
        if any(a is not None and b is not None and a != b for a, b in zip(kinds, pattern)):
            break
        pattern = [a if a is not None else b for a, b in zip(pattern, kinds)]
        rows.append(row)
    return rows if len(rows) >= least else []
