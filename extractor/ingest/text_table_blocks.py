"""The tables a plain-text report's rows make, added to the document as its blocks: the rows cut
back to their usual width and split where a caption or a heading opens another table, a piece
of fewer than two rows kept as paragraphs, and rows that state a figure in words as text. Used
by txt.py and its readers of tab rows (tab_tables.py)."""
from __future__ import annotations

from collections import Counter

from ..model import TABLE, Document
from ..normalize import normalize
from .csv_rows import csv_table
from .spaced_cells import is_figure
from .tables import caption_from_previous
from .text_blocks import add_text_block
from .text_tables import (leading_caption, stated_figure_rows, table_from_rows, tables_between_captions,
                          tables_between_headings)


def emit_sheet_tables(doc: Document, rows: list) -> None:
    """CSV rows as a spreadsheet's tables: one per sheet or caption the rows name (a workbook
    saved as CSV, its sheets one after another)."""
    _emit_pieces(doc, tables_between_captions(rows),
                 lambda piece, named: csv_table(piece, named or caption_from_previous(doc)))


def _emit_pieces(doc: Document, pieces: list, build) -> None:
    """Each (caption, rows) piece as the table `build(rows, caption)` makes of it, its rows cut
    back to their usual width; a piece of fewer than two rows as paragraphs."""
    for named, piece in pieces:
        if len(piece) < 2:
            _add_row_texts(doc, named, piece)
            continue
        table = build(_without_empty_columns_after(piece), named)
        if table is None:  # (rows whose fields hold nothing a sheet keeps: no table, their words as text)
            _add_row_texts(doc, named, piece)
            continue
        doc.add(TABLE, normalize(table.as_text()), table=table)


def _add_row_texts(doc: Document, caption, rows: list) -> None:
    """A caption and rows too few for a table, as paragraphs (their filled cells a tab apart)."""
    for text in [caption] + ["\t".join(c for c in row if c.strip()) for row in rows]:
        if text:
            add_text_block(doc, text)


def _without_empty_columns_after(rows: list) -> list:
    """Rows wider than most, cut back to them where they are wider only by empty cells: a sheet
    saved as text pads some rows past the table (自评等级 | 优 | … one tab more than the rows
    above), which would otherwise make a 合计 row look one cell short and move its figures right.
    (A column every row leaves empty stays: a form's value cells not filled in.)"""
    usual = Counter(len(row) for row in rows).most_common(1)[0][0] if rows else 0
    # (not past a header of words as wide: a copy whose rows left out the merged cells on
    # their left keeps a row's empty last cells, its cells then counted from the right)
    usual = max(usual, _header_width(rows))
    return [row[:max(usual, _filled_width(row))] if len(row) > usual else row for row in rows]


def _without_empty_first_column(rows: list) -> list:
    """Rows whose first cell is empty in every row, the header's too (a page that opens each
    row with a pipe before its first cell: |  一级指标 | …), without it: no column of the
    table, and the rows' names then stand where a row's name is looked for (小计, 合计)."""
    if len(rows) < 2 or any(row and row[0].strip() for row in rows) or any(len(row) < 2 for row in rows):
        return rows
    return [row[1:] for row in rows]


def _header_width(rows: list) -> int:
    """The width of the widest row of three words or more and no figure: a header's."""
    return max((len(row) for row in rows
                if sum(1 for c in row if c.strip()) >= 3 and not any(is_figure(c) for c in row if c.strip())), default=0)


def _filled_width(row: list) -> int:
    return max((k + 1 for k, cell in enumerate(row) if cell.strip()), default=0)


def emit_table(doc: Document, rows: list, infer_spans: bool = True, columns_kept: bool = True,
                widths_written: bool = False) -> None:
    """`columns_kept`: tab-separated exports keep every empty cell; pipe and spaced rows
    from web pages often do not."""
    texts, rows = stated_figure_rows(rows)
    for text in texts:
        add_text_block(doc, text)
    if not rows:
        return  # (every row was a figure stated in words)
    rows = _without_empty_first_column(rows)

    def build(piece: list, named):
        caption, piece = (named, piece) if named is not None else leading_caption(piece)
        return table_from_rows(piece, caption if caption is not None else caption_from_previous(doc), infer_spans,
                               columns_kept=columns_kept, widths_written=widths_written)

    # (a workbook dumped as text: each sheet's table under its own name, caption and unit; a
    # page's tables saved as one run of rows: each under its heading)
    pieces = tables_between_captions(rows) if columns_kept else [(None, rows)]
    _emit_pieces(doc, [(sub_caption or (caption if k == 0 else None), sub) for caption, piece in pieces
                       for k, (sub_caption, sub) in enumerate(tables_between_headings(piece))], build)
