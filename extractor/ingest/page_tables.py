"""The tables of fixed-layout pages (PDF, OFD) as a Document's blocks, where page_layout.py
places them among the paragraphs: a ruled table that opens a page right after one closing the
previous page, with the same columns, is joined to it (its repeated header dropped, a row the
page break cut made whole again); tables printed as pipe rows, or one cell a line (a web page's
table saved as text), are read from the page's lines by the .txt reader's rules, and one that
goes on overleaf is read again as one. A table goes on across pages by its columns, not by the
margins a paragraph goes by: hence a module of its own."""
from __future__ import annotations

import regex

from ..model import TABLE, Document
from .cell_lines import cell_line_table_at
from .cell_score_tables import cell_score_table_at
from .one_space_tables import one_space_table_at
from .spaced_score_tables import spaced_score_table_at
from .ocr_mend import mend_figure_tails, mend_row_labels
from .ruled_tables import spec_rows
from .tables import build_table, caption_from_previous
from .text_blocks import add_text_block
from .text_tables import leading_caption, names_as_header, pipe_table_at, stated_figure_rows, table_from_rows


def _emit_table(doc: Document, number: int, found: dict) -> None:
    spec = found["spec"]
    last = doc.blocks[-1] if doc.blocks else None
    # A table that opens a page right after a table closing the previous one, with the
    # same number of columns, is the same table continued.
    if last is not None and last.kind == TABLE and getattr(last, "end_page", last.page) == number - 1 \
            and found["first_on_page"] \
            and getattr(last, "xs", None) and found["x1"] <= last.xs[-1] + 2 and found["x0"] >= last.xs[0] - 2:
        spec = spec_rows(found["cells"], last.xs)  # columns measured against the first part
        old = [[(c.raw if c.raw is not None else c.text, c.rowspan, c.colspan) + _cell_extra(c) for c in row
                if c.merged_from is None] for row in last.table.rows]
        header = old[: last.table.header_rows]
        if header and [e[0] for e in spec[0]] == [e[0] for e in header[0]]:
            spec = spec[len(header):]  # the header repeated on the new page
        if spec and old and spec[0] and old[-1] and [c[2] for c in spec[0]] == [c[2] for c in old[-1]] \
                and (not spec[0][0][0] and old[-1][0][0] and not _words_then_figures(old[-1], spec[0])
                     or _words_cut_by_the_page(old[-1], spec[0])):
            # a row cut by the page break: its first cell is empty overleaf (or it is a row of
            # words, each going on in a cell that had begun); the texts go on
            old[-1] = [(a[0] + b[0],) + a[1:] for a, b in zip(old[-1], spec[0])]
            spec = spec[1:]
        table = build_table(old + spec, caption=last.table.caption)
        mend_row_labels(table)
        mend_figure_tails(table)
        last.table = table
        last.text = table.as_text()
        last.end_page = number
        return
    table = build_table(spec, caption=caption_from_previous(doc) or _long_caption(doc, number))
    mend_row_labels(table)
    mend_figure_tails(table)
    block = doc.add(TABLE, table.as_text(), table=table, page=number, bbox=[round(v, 1) for v in found["bbox"]])
    block.xs = found["xs"]


def _words_then_figures(before: list, after: list) -> bool:
    """A row of words (a header) at the foot of the page and a row with figures overleaf: two
    rows. A row Word cut in two writes its figures, short, before the break."""
    return not any(regex.search(r"\d", c[0]) for c in before) and any(regex.search(r"\d", c[0]) for c in after)


def _words_cut_by_the_page(before: list, after: list) -> bool:
    """Is `after` (the first row overleaf) the rest of `before` (the last row of the page), a
    row of words Word broke across the pages (项目资 | 年初预 … then 金（万元） | 算数 …)? Neither
    holds a digit, and every cell written overleaf goes on a cell begun before."""
    texts_before, texts_after = [c[0].strip() for c in before], [c[0].strip() for c in after]
    if not any(texts_after) or any(regex.search(r"\d", t) for t in texts_before + texts_after):
        return False
    return all(b for a, b in zip(texts_after, texts_before) if a)


def _tables_in_lines(lines: list, ruled: list, may_go_on: bool, overleaf: list = ()) -> tuple:
    """Tables printed as pipe rows, one a text line (a .txt printed to PDF), or one cell a
    line: the page's other lines, each table as {"found" or "cells", "bbox", "first_on_page"},
    and how many lines of the next page (`overleaf`) a table one cell a line went on into.
    `may_go_on`: the previous page ended in a pipe table, so one row at the top of this page
    is its rest."""
    if any(l.confidence is not None for l in lines):
        return lines, [], 0  # read by OCR: a table's rules read as | are no pipe rows
    texts = [l.text for l in lines]
    rest, found, taken = [], [], 0
    i = 0
    while i < len(lines):
        first = i == 0 and not any(t["bbox"][1] < lines[0].top for t in ruled)
        goes_on = first and may_go_on
        table = pipe_table_at(texts, i, min_rows=1 if goes_on else 2)
        if table is None and " " in texts[i].strip():
            # rows a single space apart, as a text's tab stops print (县区 在校学生（人） …), and a
            # score table's rows with their scoring rules between the points
            table = spaced_score_table_at(texts, i) or one_space_table_at(texts, i)
        table = names_as_header(table) if table is not None else None  # (分值：20 | 得分：18.5)
        if table is None and texts[i].strip():
            # (read with the next page's lines: a row may go on overleaf)
            cells = cell_score_table_at(texts + [l.text for l in overleaf], i) \
                or cell_line_table_at(texts + [l.text for l in overleaf], i)
            if cells is not None:
                rows, end = cells
                taken = max(0, end - len(lines))
                found.append({"cells": rows, "bbox": _bbox(lines[i:end]), "first_on_page": False})
                i = min(end, len(lines))
                continue
        # cells one a line at the top of the page have no grid of their own, but may be the
        # rest of the table overleaf (read again with it, see _emit_text_table)
        if table is None or not (table.rows or goes_on):
            upto = i + 1 if table is None else table.end
            rest.extend(lines[i:upto])
            i = upto
            continue
        found.append({"found": table, "bbox": _bbox(lines[table.start:table.end]), "first_on_page": first})
        i = table.end
    return rest, found, taken


def _bbox(lines: list) -> list:
    return [min(l.x0 for l in lines), lines[0].top, max(l.x1 for l in lines), lines[-1].bottom]


def _open_text_table(doc: Document, number: int) -> bool:
    """Did the previous page end in a table printed as pipe rows?"""
    last = doc.blocks[-1] if doc.blocks else None
    return last is not None and last.kind == TABLE and getattr(last, "text_lines", None) is not None \
        and getattr(last, "end_page", last.page) == number - 1


def _emit_text_table(doc: Document, number: int, item: dict) -> None:
    found = item.get("found")
    if found is None:  # one cell a line: a table of its own page (no grid to join overleaf)
        _add_table(doc, number, item["cells"], item["bbox"])
        return
    last = doc.blocks[-1] if doc.blocks else None
    if item["first_on_page"] and _open_text_table(doc, number):
        # the table goes on from the previous page (a row may be cut by the page break):
        # its lines are read again as one table
        lines = last.text_lines + found.lines
        whole = pipe_table_at(lines, 0)
        if whole is not None and whole.rows and whole.end == len(lines):
            caption, rows = leading_caption(whole.rows)
            last.table = table_from_rows(rows, caption or last.table.caption)
            last.text = last.table.as_text()
            last.text_lines = lines
            last.end_page = number
            return
    if not found.rows:  # no rest of a table after all: its lines are text
        for line in found.lines:
            add_text_block(doc, line, page=number)
        return
    _add_table(doc, number, found.rows, item["bbox"]).text_lines = found.lines


def _add_table(doc: Document, number: int, rows: list, bbox: list):
    texts, rows = stated_figure_rows(rows)
    for text in texts:
        add_text_block(doc, text, page=number)
    caption, rows = leading_caption(rows)
    table = table_from_rows(rows, caption or caption_from_previous(doc) or _long_caption(doc, number))
    return doc.add(TABLE, table.as_text(), table=table, page=number, bbox=[round(v, 1) for v in bbox])


def _cell_extra(cell) -> tuple:
    """A built cell's OCR box and confidence, as a spec entry carries them."""
    return ({"bbox": cell.bbox, "confidence": cell.confidence},) if cell.confidence is not None else ()


def _long_caption(doc: Document, number: int):
    """A title longer than caption_from_previous allows (a project's full name + 情况表)
    right above the table on the same page is its caption too. (The .txt reader
    finds such titles as one-cell rows of the table itself.)"""
    last = doc.blocks[-1] if doc.blocks else None
    if last is None or last.kind == TABLE or last.page != number or len(last.text) > 80:
        return None
    return last.text if regex.search(r"表$", last.text) and not regex.search(r"[。；，]", last.text) else None
