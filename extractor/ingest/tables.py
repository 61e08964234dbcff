"""Shared table building: every format ends up calling `build_table` with rows of cell
texts (and spans where the format knows them), so txt, docx and pdf tables share one
structure: a full grid, merged cells expanded, header rows counted."""
from __future__ import annotations

from typing import Optional

import regex

from ..model import Cell, Table
from ..normalize import clean_cell
from .text_rows import NUMBER_HEADERS

# A row whose first cell is a row number (一, 1, (1)) or a total label starts the data.
ROW_LABEL = regex.compile(r"^(?:[一二三四五六七八九十]{1,3}|\d{1,3}|[（(]\d{1,2}[)）]|合\s*计|小\s*计|总\s*计)$")
# (全市合计: a whole area's total over its counties' rows)
_TOTAL_LABEL = regex.compile(r"^(?:(?:全(?:省|市|州|盟|县|区|旗|镇|乡))?(?:合\s*计|总\s*计)|小\s*计|总\s*分|总得分|合计得分|得分合计)$")
SUBTOTAL_LABEL = regex.compile(r"^小\s*计$")
_ACCOUNT_TOTAL = regex.compile(r"^(?:收入|支出)(?:合\s*计|总\s*计)$")
NUMERIC = regex.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?\s*%?$")
DASH = regex.compile(r"^[-—－–]+$")
# a figure with its unit, maybe after its comparator (≥12万人, 12.6万人, ≤5.5元): a target's or an
# actual value's cell, which no header writes
_MEASURED = regex.compile(r"^(?:[≥≤>＞<＜=]|不[低少高多]于|不超过)?\s*\d[\d,]*(?:\.\d+)?\s*"
                          r"(?:[万亿]?元|万?人次?|万?户|%|‰)$")


def is_total_label(text: str) -> bool:
    """Is the cell a total's label (合计, 总计, 小计, 全县合计 …)?"""
    return _TOTAL_LABEL.match(text.strip()) is not None


def is_numeric_cell(text: str) -> bool:
    t = text.strip()
    return bool(NUMERIC.match(t) or DASH.match(t))


# points written with their unit (10分, 7.5 分): a score table's cell, which no header writes
_POINTS_CELL = regex.compile(r"^\d{1,3}(?:\.\d{1,2})?\s*分$")


def _is_data_row(row: list) -> bool:
    texts = [c.text.strip() for c in row]
    if any(_figure(t) for t in texts):
        return True
    return bool(texts) and bool(ROW_LABEL.match(texts[0]) or (len(texts) > 1 and ROW_LABEL.match(texts[1])))


_HEADER_WORD = regex.compile(r"[（(][^（）()]{1,6}[)）]|指标|得分|序号|名称")


def _is_key_value(rows: list) -> bool:
    """附件 forms (被评价单位 | X | 评价年度 | 2017年): label cells at even columns, values
    mostly words. A first row naming columns (资金（万元）, 得分) makes it a table instead."""
    if not rows or any(len(r) % 2 for r in rows if len(r) > 1):
        return False
    if any(_HEADER_WORD.search(c.text) for c in rows[0][1::2]):
        return False
    values = [r[i].text.strip() for r in rows for i in range(1, len(r), 2) if r[i].text.strip()]
    if values and sum(1 for t in values if _figure(t)) > len(values) / 2:
        return False
    labels = [r[i].text.strip() for r in rows for i in range(0, len(r), 2)
              if len(r) > 1 and r[i].text.strip() and r[i].merged_from is None]
    return bool(labels) and sum(1 for t in labels if t and not _figure(t) and len(t) <= 12) >= len(labels) * 0.8


def _figure(text: str) -> bool:
    """A figure, or points written with their 分 (8分): no label of a key-value form."""
    return bool(NUMERIC.match(text) or _POINTS_CELL.match(text))


def count_header_rows(rows: list) -> int:
    if _is_key_value(rows):
        return 0
    for i, row in enumerate(rows[:5]):
        if _is_data_row(row) or i == 1 and any(_MEASURED.match(c.text.strip()) for c in row):
            # (a second row holding a figure with its unit, ≥12万人 | 12.6万人, is the first
            # row of figures under one header row; further down, words of a header may be)
            return i
    return 1 if len(rows) > 1 else 0


def _join_vertical(text: str) -> str:
    """Headers written one character per line (主/要/问/题) read as one word."""
    if "\n" not in text:
        return text
    lines = [l.strip() for l in text.split("\n") if l.strip()]
    if len(lines) > 1 and all(len(l) == 1 for l in lines):
        return "".join(lines)
    return text


def build_table(spec_rows: list, caption: Optional[str] = None, raw_rows: Optional[list] = None) -> Table:
    """`spec_rows`: list of rows; each row a list of either strings or
    (text, rowspan, colspan) tuples, listing only the cells that start at that row
    (as Word and HTML do). Cells covered by a span from above are skipped in the spec.
    A tuple may end with {"bbox", "confidence"}: a cell read by OCR."""
    grid: dict = {}
    n_rows = len(spec_rows)
    for r, row in enumerate(spec_rows):
        c = 0
        for item in row:
            text, rowspan, colspan, *ocr = (item, 1, 1) if isinstance(item, str) else item
            while (r, c) in grid:
                c += 1
            raw = text
            origin = Cell(text=_join_vertical(clean_cell(text)), row=r, col=c, rowspan=rowspan, colspan=colspan, raw=raw,
                          **(ocr[0] if ocr else {}))
            for dr in range(rowspan):
                for dc in range(colspan):
                    if dr == 0 and dc == 0:
                        grid[(r, c)] = origin
                    else:
                        grid[(r + dr, c + dc)] = Cell(text=origin.text, row=r + dr, col=c + dc,
                                                      raw=origin.raw, merged_from=(r, c))
            c += colspan
    n_cols = max((c + 1 for (_, c) in grid), default=0)
    n_rows = max(n_rows, max((r + 1 for (r, _) in grid), default=0))
    rows = [[grid.get((r, c)) or Cell(text="", row=r, col=c) for c in range(n_cols)] for r in range(n_rows)]
    return Table(rows=rows, header_rows=count_header_rows(rows), caption=caption)


def infer_parent_spans(parent: list, child: list) -> Optional[list]:
    """A two-row header written flat (as in flattened .txt tables): the parent row lists
    fewer cells than the child row. Children left empty belong to parents without
    sub-columns; each run of non-empty children is shared evenly by the parents above it.
    Returns colspans for the parent cells, or None when no consistent reading exists."""
    if len(parent) >= len(child):
        return None
    empties = [not t.strip() for t in child]
    spans = []
    i = 0  # position in child
    p = 0
    while p < len(parent):
        if i >= len(child):
            return None
        if empties[i]:
            spans.append(1)
            i += 1
            p += 1
            continue
        run = 0
        while i + run < len(child) and not empties[i + run]:
            run += 1
        # how many parents share this run: those before the next empty child
        remaining_empty = sum(1 for e in empties[i + run:] if e)
        sharing = len(parent) - p - remaining_empty
        if sharing <= 0 or run % sharing:
            return None
        spans.extend([run // sharing] * sharing)
        p += sharing
        i += run
    return spans if i == len(child) and sum(spans) == len(child) else None


_CAPTION = regex.compile(r"^(?:表\s*\d+.*|附[件表]\s*\d{1,2}|.{2,40}表)$")


def is_caption_text(text: str) -> bool:
    """Does a short line name a table (表 1 …, …情况表)?"""
    return bool(_CAPTION.match(text)) and len(text) <= 40


def caption_from_previous(doc) -> Optional[str]:
    """A short paragraph right above a table that names it (表 1 各区市资金分配表, or
    '表 1' and the title on two lines) is its caption."""
    from ..model import TABLE

    if not doc.blocks or doc.blocks[-1].kind == TABLE:
        return None
    prev = doc.blocks[-1].text
    if not is_caption_text(prev):
        return None
    if len(doc.blocks) > 1 and regex.match(r"^表\s*\d+$", doc.blocks[-2].text):
        return doc.blocks[-2].text + " " + prev
    return prev


def long_caption_from_previous(doc) -> Optional[str]:
    """A title longer than caption_from_previous allows (a project's full name + 使用情况表)
    right above the table names it too, as page_tables._long_caption does for PDFs
    (.docx, web pages)."""
    from ..model import PARAGRAPH

    last = doc.blocks[-1] if doc.blocks else None
    if last is None or last.kind != PARAGRAPH or len(last.text) > 80:
        return None
    return last.text if regex.search(r"表$", last.text) and not regex.search(r"[。；，]", last.text) else None


_ENDS_SENTENCE = regex.compile(r"[。；！？]$")


def fill_vertical_merges(table: Table, label_cols: int = 2) -> None:
    """Flattened text tables lose vertical merges: a row name written once for a block of
    rows (一 / 已脱贫人员… over three rows) leaves the rows below it empty in the leading
    label columns. Read such an empty cell under a word as covered by the cell above it,
    as a Word merge would be."""
    for r in range(table.header_rows + 1, table.n_rows):
        row = table.rows[r]
        if not any(c.text for c in row[label_cols:]) or any(_TOTAL_LABEL.match(c.text) for c in row[:label_cols]):
            continue  # a 合计 row stands alone: nothing above it carries into it
        for c in range(min(label_cols, table.n_cols)):
            above = table.rows[r - 1][c]
            if row[c].text or not above.text or is_numeric_cell(above.text) or _TOTAL_LABEL.match(above.text) \
                    or _ENDS_SENTENCE.search(above.text):
                continue  # a figure, a total or a sentence names no block of rows
            if any(cell.text and cell.merged_from is None for cell in row[:c]):
                break  # a row naming a new block to the left (过程 | | | 20) starts its own: merges nest
            origin = above.merged_from or (above.row, above.col)
            table.rows[origin[0]][origin[1]].rowspan += 1
            row[c] = Cell(text=above.text, row=r, col=c, raw=above.raw, merged_from=origin)


# a group row: numbered 一 / 二 in a column of its own, or its label opened by such a number
# (一、基础设施 over 1.道路硬化 and 2.饮水工程)
_GROUP_LABEL = regex.compile(r"^[一二三四五六七八九十]{1,3}(?:[、.．]|$)")
_ITEM_LABEL = regex.compile(r"^\d{1,3}$")


def _heads_level(table: Table, r: int, skip: int = 0) -> bool:
    """Is row r a level's own row, its points before its children's (投入 | | | 20 | 18 over
    | 项目立项 | 立项规范性 | 5 | 5)? Its name stands in the first column alone, and the next
    row leaves the first column to it and names the level below. `skip`: the columns before
    the names (a 序号 column's)."""
    if r + 1 >= table.n_rows or table.n_cols - skip < 4:
        return False
    row, below = table.rows[r][skip:], table.rows[r + 1][skip:]
    blank = lambda cell: not cell.text.strip() or cell.merged_from is not None
    return (bool(row[0].text.strip()) and blank(row[1]) and blank(row[2])
            and blank(below[0]) and bool(below[1].text.strip()))


def _heads_sublevel(table: Table, r: int) -> bool:
    """Is row r a second level's own row inside a level's (决策 | | | 20 over | 项目立项 | | 8
    over | | 立项依据充分性 | 4)? Its name stands in the second column alone, and the next
    row leaves the first two columns to the levels and names the third."""
    if r + 1 >= table.n_rows or table.n_cols < 5:
        return False
    row, below = table.rows[r], table.rows[r + 1]
    blank = lambda cell: not cell.text.strip() or cell.merged_from is not None
    return (blank(row[0]) and bool(row[1].text.strip()) and row[1].merged_from is None and blank(row[2])
            and blank(below[0]) and blank(below[1]) and bool(below[2].text.strip()))


NAMED_SUBTOTAL = regex.compile(r"^(?P<name>\p{Han}{2,10}?)(?:小计|合计)$")


def names_the_rows_above(table: Table, r: int, first: str) -> bool:
    """Is the row a 小计 (or 合计) named by what the item rows right above it share (青溪乡 | 供水站
    … over 青溪乡小计, 决策 | 项目立项 … over 决策合计)? One named otherwise (财政资金小计 over
    中央财政资金 | 省级财政资金) is left an item."""
    m = NAMED_SUBTOTAL.match(first)
    # (the name written with its weight in brackets, 项目决策（20分）, is the same name)
    return m is not None and r > table.header_rows and any(
        _BRACKETED_WEIGHT.sub("", c.text.replace(" ", "")) == m["name"] for c in table.rows[r - 1])


_BRACKETED_WEIGHT = regex.compile(r"[（(]\d+(?:\.\d+)?分?[)）]$")


def _heads_level_with_subtotal(table: Table, r: int, first: list) -> bool:
    """Is row r a level's own row that writes its sum as 小计 before its items (部门决策 | 小计 | 20 |
    18 over | 目标设定 | 10 | 9)? The level named in the first column, 小计 in the second, and the
    next row leaves the first column to it: the rows under it, not those above, are its parts."""
    if len(first) < 2 or r + 1 >= table.n_rows or not first[0] or SUBTOTAL_LABEL.match(first[0]) \
            or _TOTAL_LABEL.match(first[0]) or not SUBTOTAL_LABEL.match(first[1]):
        return False
    below = table.rows[r + 1]
    return (not below[0].text.strip() or below[0].merged_from is not None) and len(below) > 1 \
        and bool(below[1].text.strip())


_NOTE_ROW = regex.compile(r"(?:注|说明|备注|数据来源|资料来源)\s*\d*\s*[:：]")


def row_kinds(table: Table) -> list:
    """For each row: 'header', 'total' (合计/总计), 'subtotal' (小计: the rows since the one
    before), 'group' (一/二 over 1/2/3 rows), 'subgroup' (a second level's row inside a
    group, over its own items), 'account_total' (收入总计 / 支出合计 of a final-accounts table,
    over the rows above it or under it: no part of a group, and not checked), 'item', 'note' (a
    note written in the table's first cell: 注：…), or None for an empty row — the hierarchy sums
    are checked along."""
    kinds = []
    level = None  # the name the first column gave last (决策 over its rows, then 决策小计)
    # (a 序号 in any header row: a sheet's title may stand in the first)
    numbered = any(row and row[0].text.replace(" ", "") in NUMBER_HEADERS for row in table.rows[:table.header_rows])
    for r, row in enumerate(table.rows):
        if r < table.header_rows:
            kinds.append("header")
            continue
        # (a row's number under 序号 names no row: its names start after it; a 合计 may stand there)
        skip = 1 if numbered and row and row[0].text.strip().isdigit() else 0
        # (a label broken onto two lines inside its cell, 项目决\n策小计, is one word)
        first = [regex.sub(r"\s", "", c.text) for c in row[skip:skip + 2]]
        if first and first[0]:
            level = first[0]
        if _heads_level_with_subtotal(table, r, first):
            kinds.append("group")
        elif any(SUBTOTAL_LABEL.match(t) for t in first) or any(names_the_rows_above(table, r, t) for t in first if t) \
                or len(first) == 2 and level and first[1] == level + "小计":
            # (决策 | 决策小计 | | 20 | 19: the level's own 小计, its name in the column after the
            # level's — written once above it, or again on each row)
            kinds.append("subtotal")
        elif any(_TOTAL_LABEL.match(t) for t in first):
            kinds.append("total")
        elif first and _ACCOUNT_TOTAL.match(first[0]):
            kinds.append("account_total")
        elif first and (_GROUP_LABEL.match(first[0]) or _heads_level(table, r, 1 if numbered else 0)) \
                and row[0].merged_from is None:
            kinds.append("group")
        elif "group" in kinds and _heads_sublevel(table, r):
            kinds.append("subgroup")
        elif first and _NOTE_ROW.match(first[0]) and not any(c.text.strip() for c in row[1:]):
            kinds.append("note")  # 注：本表所称“三公”经费… under the rows: no row of the table's lists
        elif any(c.text for c in row):
            kinds.append("item")
        else:
            kinds.append(None)
    return kinds
