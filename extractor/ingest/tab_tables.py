"""Tables a plain-text report flattens with tabs, in two shapes: one cell a line, each cell
starting with a tab, rows separated by blank lines (a cell may continue over further lines,
even across single blank lines); or one row a line, its cells separated by tabs. Each is read
back into rows and added as a table (text_table_blocks.py). Used by txt.py."""
from __future__ import annotations

from ..model import Document
from .tab_row_breaks import continues_last_cell, level_row_across, row_broken_by_line_breaks, row_width
from .tables import is_caption_text
from .text_blocks import add_text_block
from .text_table_blocks import emit_table
from .text_tables import score_rows_run_on


def _is_cell_line(line: str) -> bool:
    """One-cell-per-line tables: exactly one leading tab, no other tab."""
    return line.startswith("\t") and "\t" not in line[1:]


def tab_region_is_rows(lines: list, start: int) -> bool:
    """Does the tab-led region at `start` hold tab-separated rows (not one cell a line)?"""
    seen = 0
    for line in lines[start:start + 40]:
        if not line.strip():
            continue
        if not line.startswith("\t"):
            if seen >= 3:
                break
            continue
        seen += 1
        if not _is_cell_line(line):
            return True
    return False


def read_cell_table(doc: Document, lines: list, i: int) -> int:
    rows: list = []  # each row: list of cells; each cell: list of lines
    blanks = 0
    widest = 0
    while i < len(lines):
        line = lines[i]
        if line == "\f":  # a page's break (its number's line): the row goes on after it
            i += 1
            continue
        if not line.strip() and not line.startswith("\t"):
            blanks += 1
            i += 1
            continue
        if line.startswith("\t"):
            if blanks or not rows:
                rows.append([])
            rows[-1].append([line[1:]])
            widest = max(widest, len(rows[-1]))
            blanks = 0
        else:
            row_full = len(rows) >= 2 and len(rows[-1]) >= widest
            if blanks >= 2 or (blanks and row_full):
                break  # the table ended; this line is the next paragraph
            rows[-1][-1].extend([""] * blanks + [line])
            blanks = 0
        i += 1
    emit_table(doc, [[_join_cell_lines(c) for c in row] for row in rows])
    return i


def _join_cell_lines(lines: list) -> str:
    parts = [l.strip() for l in lines if l.strip()]
    # Headers written one character per line (主/要/问/题) read as one word.
    if len(parts) > 1 and all(len(p) == 1 for p in parts):
        return "".join(parts)
    return "\n".join(parts)


def read_row_table(doc: Document, lines: list, i: int) -> int:
    rows = []
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            # a blank line inside a table is a page break when more rows follow
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and "\t" in lines[j] and not is_caption_text(" ".join(lines[j].split())):
                i = j  # (not where the next table's caption opens: 表2\t资金支出明细表)
                continue
            break
        width = row_width(rows, lines, i)
        broken = row_broken_by_line_breaks(lines, i, width) if width else None
        if broken:
            row, i = broken
            rows.append(row)
            continue
        if "\t" not in line:
            if width and continues_last_cell(rows[-1], lines, i, width):
                rows[-1][-1] += "\n" + line.strip()
                i += 1
                continue
            if level_row_across(rows, lines, i):
                # 一、决策（15分） alone between the rows under 指标 | 权重 | 得分: the level's own
                # row, its one cell spanning the table
                rows.append([line.strip()] + [""] * (len(rows[0]) - 1))
                i += 1
                continue
            break
        rows.append(line.rstrip("\n").split("\t"))
        i += 1
    if len(rows) > 1 and score_rows_run_on(rows[0], "\t".join(rows[1])):
        for row in rows:  # (no table: its text is flat_score_table.py's, read whole by its sums)
            add_text_block(doc, "\t".join(row))
    elif rows:
        # (a copy that dropped empty cells leaves its short rows no spans to infer: ragged, as pipe rows)
        kept = _empty_cells_kept(rows)
        emit_table(doc, rows, infer_spans=kept, columns_kept=kept, widths_written=True)
    return i


def _empty_cells_kept(rows: list) -> bool:
    """Did the export keep the empty cells (so a cell's place is its column)? Not where the
    rows have different numbers of cells and not one of them is empty: a copy that dropped
    them (产出指标 | 数量指标 | 名称 … over 名称 | … with the merged level cells left out)."""
    wide = [r for r in rows if len(r) >= 2]
    if len({len(r) for r in wide}) <= 1:
        return True
    return any(not cell.strip() for r in wide for cell in r[:-1])
