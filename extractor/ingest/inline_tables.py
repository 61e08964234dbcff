"""Tables run into a line of text, a single space between cells, as a document-sharing site
or a form flattened to one line gives them: … 支出内容 计划支出数（万元） 实际支出数（万元）
农村电影放映补助 96.00 95.40 送戏下乡经费 128.50 121.36 … 支出合计 862.40 815.26 三、… The
table is taken out of the line and written as rows with a tab between cells, so the readers
of tab-separated rows read it; the text before and after it stay lines of their own.

Only where the layout leaves one reading: a header of a name column and the columns of
figures, one of them at least stating its unit in brackets (（万元）, （人）, （%）); then rows
each a short name and exactly one figure (or dash) for each of those columns, three rows at
least, up to the first words that are not such a row (a row name of two words may be a
remark's column and a name: no telling). A form's fixed labels (年初预算数 …)
are the form reader's, and are left in their line.
"""
from __future__ import annotations

from typing import Optional

import regex

from ..numbering import numbering_of
from .cell_rows import is_form_cell
from .form_signs import text_is_a_form
from .spaced_cells import figure_or_dash, is_figure, is_year_name
from .one_space_tables import UNIT_LINE, unit_stated_above
from .column_names import POINTS_NAME, UNIT_NAME
from .tables import is_total_label
from .text_rows import NUMBER_HEADERS

_TOKEN = regex.compile(r"[^\s\u3000]+")
_FEWEST_ROWS = 3
_MOST_NAME = 30
_MOST_HEADER_CELL = 20
_MOST_COLUMNS = 8
_PROSE = regex.compile(r"[，。；！？,;!?]")
_BRACKETED = regex.compile(r"[（(][^（）()]*[)）]")


def inline_tables_apart(lines: list) -> list:
    """`lines` with each table run into a line written out as tab-separated rows, between
    the line's text before and after it."""
    out = []
    in_form = text_is_a_form(lines)
    for i, line in enumerate(lines):
        found = inline_table_apart(line, in_form, unit_stated_above(lines, i))
        if found is None:
            out.append(line)
            continue
        before, rows, after = found
        out.extend(([before] if before else []) + ["\t".join(r) for r in rows] + ([after] if after else []))
    return out


def inline_table_apart(text: str, in_form: bool = True, unit_above: bool = False) -> Optional[tuple]:
    """(the text before, the rows of cell texts, the text after) of the first table run into
    `text`, or None. `in_form`: the text holds a form's fund block, so a header of its labels
    is the form reader's; `unit_above`: the line above states the unit (单位：万元), so the
    header need not."""
    tokens = list(_TOKEN.finditer(text))
    if len(tokens) < 8:
        return None
    texts = [t.group() for t in tokens]
    figure = [figure_or_dash(t) for t in texts]
    found = _table_in(texts, figure, in_form, unit_above) or _two_sided_table_in(tokens, texts, figure, text)
    if found is None:
        return None
    first, last, rows = found
    # (the header's first cell may close the sentence before it: …执行情况如下：项目)
    start = tokens[first].start() + len(tokens[first].group()) - len(rows[0][0])
    return text[:start].strip(), rows, text[tokens[last].end():].strip()


def _table_in(texts: list, figure: list, in_form: bool, unit_above: bool) -> Optional[tuple]:
    """(first token, last token, rows) of the first table among the tokens (their texts, and
    whether each is a figure or a dash), or None."""
    numbered = next((h for h, t in enumerate(texts) if t in NUMBER_HEADERS), None)
    if numbered is not None and (found := _numbered_table_from(texts, figure, numbered, in_form)) is not None:
        return found
    k = 0
    while k < len(texts):
        if not figure[k]:
            k += 1
            continue
        end = k
        while end < len(texts) and figure[end]:
            end += 1
        columns = end - k  # the figures of the first row
        found = _table_from(texts, figure, k, columns, in_form, unit_above) if columns <= _MOST_COLUMNS else None
        if found is not None:
            return found
        k = end
    return None


def _table_from(texts: list, figure: list, k: int, columns: int, in_form: bool, unit_above: bool) -> Optional[tuple]:
    """The table whose first row's figures start at token k, `columns` of them: each row's
    name one word (words a space apart before the figures may be a remark's column)."""
    head = k - columns - 2  # the name column's header, then the figures' columns, then a name
    if head < 0:
        return None
    header = [_after_sentence(texts[head])] + texts[head + 1:k - 1]
    if any(f and not is_year_name(t) for f, t in zip(figure[head:k - 1], header)) \
            or not _is_header(header, in_form, unit_above and head == 0 or _unit_captioned(texts, head)):
        return None
    rows = [header]
    pos = k - 1
    while (cells := _row_at(texts, figure, pos, columns)) is not None:
        rows.append([texts[pos]] + cells)
        pos += 1 + columns
    return (head, pos - 1, rows) if len(rows) - 1 >= _FEWEST_ROWS else None


def _unit_captioned(texts: list, head: int) -> bool:
    """Does the word right before the header state the table's unit, as its caption ends
    (表1 资金使用情况（单位：万元） 资金来源 全年预算数 …)?"""
    return head > 0 and _UNIT_BEFORE.search(texts[head - 1]) is not None


def _two_sided_table_in(tokens: list, texts: list, figure: list, text: str) -> Optional[tuple]:
    """(first token, last token, rows) of a two-sided table run into the line, as a final
    accounts' 收入支出决算总表 flattened: its header two name columns each with the same figure
    column after it (收入项目 决算数 支出项目 决算数), its unit stated right before it (（单位：元）),
    then rows of a name and a figure on each side, three at least."""
    for h in range(len(texts) - 7):
        a, col, b, col2 = texts[h:h + 4]
        if col != col2 or any(figure[h:h + 4]) or not (_SIDE_NAME.search(_after_sentence(a)) and _SIDE_NAME.search(b)) \
                or not _UNIT_BEFORE.search(text[:tokens[h].start()] + _before_sentence_end(a)):
            continue
        rows, pos = [[_after_sentence(a), col, b, col2]], h + 4
        while pos + 3 < len(texts) and not figure[pos] and figure[pos + 1] and not figure[pos + 2] and figure[pos + 3] \
                and _is_row_name(texts[pos]) and _is_row_name(texts[pos + 2]) \
                and (pos + 4 >= len(texts) or not figure[pos + 4]):
            rows.append(texts[pos:pos + 4])
            pos += 4
        if len(rows) - 1 >= _FEWEST_ROWS:
            return h, pos - 1, rows
    return None


_SIDE_NAME = regex.compile(r"(?:收入|支出)(?:项目)?$|项目$")
_UNIT_BEFORE = regex.compile(r"单位\s*[:：]\s*(?:万元|元|千元|亿元)\s*[)）]?\s*$")


def _before_sentence_end(token: str) -> str:
    """A token's words up to the sentence or lead-in it closes, if it closes one (…（单位：元）收入项目)."""
    return token[:len(token) - len(_SENTENCE_BEFORE.split(token)[-1])]


def _numbered_table_from(texts: list, figure: list, head: int, in_form: bool) -> Optional[tuple]:
    """The table whose header opens with 序号 at token `head`: its names up to the first row's
    number 1, then rows numbered 1, 2, 3 … each a one-word name and a figure for each column
    after it, and maybe a 合计 row of the name and figures; its unit in a column's name or
    stated right before it (（单位：万元） 序号 支出类别 支出金额 1 …)."""
    first = next((k for k in range(head + 1, min(len(texts), head + 2 + _MOST_COLUMNS)) if texts[k] == "1"), None)
    if first is None or first - head < 3:
        return None
    header = texts[head:first]
    columns = len(header) - 2
    stated = head > 0 and UNIT_LINE.match(texts[head - 1]) is not None
    if any(figure[head:first]) or not (stated or _is_header(header[1:], in_form, False)):
        return None
    rows, pos = [header], first
    while pos < len(texts):
        numbered = texts[pos] == str(len(rows))
        at = pos + 1 if numbered else pos
        cells = _row_at(texts, figure, at, columns, next_number=str(len(rows) + 1))
        if cells is None or (not numbered and not is_total_label(texts[at])):
            break
        # (a 合计 row's name under 序号, as a table's total row spanning its first cells reads)
        rows.append(([texts[pos], texts[at]] if numbered else [texts[at], ""]) + cells)
        pos = at + 1 + columns
        if not numbered:
            break  # (the 合计 row closes the table)
    return (head, pos - 1, rows) if len(rows) - 1 >= _FEWEST_ROWS else None


def _row_at(texts: list, figure: list, at: int, columns: int, next_number: str = "") -> Optional[list]:
    """The figures of the row whose one-word name is token `at`: exactly `columns` figures or
    dashes after it, one a figure at least, and no further figure after them (but the next
    row's number); None where the tokens there are no such row."""
    cells = texts[at + 1:at + 1 + columns]
    after = at + 1 + columns
    if at >= len(texts) or len(cells) < columns or figure[at] or not _is_row_name(texts[at]) \
            or not all(figure[at + 1:after]) or not any(map(is_figure, cells)) \
            or (after < len(texts) and figure[after] and texts[after] != next_number):
        return None
    return cells


def _after_sentence(token: str) -> str:
    """A token's words after the sentence or lead-in it closes (…情况如下：项目 → 项目)."""
    return _SENTENCE_BEFORE.split(token)[-1] or token


_SENTENCE_BEFORE = regex.compile(r"[。；;：:！？]")


def _is_header(cells: list, in_form: bool, unit_above: bool) -> bool:
    if any(len(c) > _MOST_HEADER_CELL or _PROSE.search(c) for c in cells):
        return False
    if in_form and sum(is_form_cell(_BRACKETED.sub("", c)) for c in cells) >= 2:
        return False  # a form's own labels: the form reader's (a report's table may name 预算数 too)
    if any(POINTS_NAME.match(c) for c in cells):
        return False  # a score table's (分值 | 得分): the score readers' (extract/flat_score_table.py)
    return unit_above or any(UNIT_NAME.search(c) for c in cells[1:])


def _is_row_name(name: str) -> bool:
    return len(name) <= _MOST_NAME and not _PROSE.search(name) and numbering_of(name)[0] is None \
        and bool(regex.search(r"\p{Han}", name))
