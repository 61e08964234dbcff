"""Plain-text reports: the text decoded and its broken lines mended, then read line by line
into paragraphs and tables.

Besides paragraphs, archived .txt reports carry tables in two flattened shapes, one cell a line
or one row a line with tabs between cells (tab_tables.py). Both are rebuilt as tables, as are
pipe rows (| a | b |), rows spaced into cells (text_tables.py) and a web page's table one cell a
line with no tab (cell_lines.py); text_table_blocks.py adds each to the document. Lines broken
mid-sentence (page breaks in the original) are joined back into one paragraph.
"""
from __future__ import annotations

from pathlib import Path

import regex

from ..errors import IngestError
from ..model import TABLE, Document
from ..normalize import fold_figure_characters, total_names_joined, units_joined, unspaced_label
from ..patterns import load_json
from .cell_name_rows import labelled_figures, named_row_under_unit_caption, names_over_figures
from .cell_lines import cell_line_table_at
from .cell_score_tables import cell_score_table_at
from .score_cells import is_criteria
from .converter_spaced_lines import converter_spaces_out
from .csv_rows import csv_rows_at
from .pipe_tables import every_cell_kept
from .double_spacing import drop_double_spacing
from .encoding import decode_text
from .flattened_paragraphs import split_flattened_paragraphs
from .flattened_rows import rows_apart
from .wrapped_rows import wrapped_rows_joined
from .hard_wrapped import hard_wrapped_lines_joined
from .han_script import simplified
from .page_numbers import page_breaks_for_numbers
from .inline_tables import inline_tables_apart
from .glued_rows import glued_tables_apart
from .keyed_rows import keyed_rows_as_pipes
from .markdown_rows import markdown_rows_apart
from .preview_chunks import join_preview_chunks
from .rule_lines import rules_inside_tables_dropped
from .broken_row_names import broken_row_names_joined
from .stacked_headers import stacked_headers_joined
from .tab_stops import tab_stops_collapsed
from .tab_tables import read_cell_table, read_row_table, tab_region_is_rows
from .text_blocks import (SENTENCE_END, SHORT_LINE, add_text_block, continues_sentence, figure_cell_ends, is_bare_name,
                          is_figure_alone)
from .text_table_blocks import emit_sheet_tables, emit_table
from .space_run_cells import space_run_table_at
from .spaced_score_tables import spaced_score_table_at
from .text_tables import (could_be_spaced_row, names_as_header, one_space_table_at, pipe_table_at, spaced_table_at,
                          starts_pipe_table)


# a web page's spacing as text copied from it keeps it: a no-break space is a space (runs of them
# align a table's cells as runs of spaces do), and the invisible marks (zero-width spaces and
# joiners, a soft hyphen, a byte-order mark inside the text) are nothing, wherever they stand
_WEB_SPACING = str.maketrans({"\xa0": " ", "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None,
                              "\ufeff": None, "\xad": None})


def read_txt(path: Path, data: bytes | None = None) -> Document:
    data = path.read_bytes() if data is None else data
    if not data.strip():
        raise IngestError("file is empty", code="empty")
    decoded = decode_text(data)
    text = decoded.text
    if not text.strip():
        raise IngestError("file has no text", code="empty")
    text, script_warning = simplified(text)
    doc = Document(path=str(path), format="txt", encoding=decoded.encoding, pages=None,
                   decode_errors=decoded.decode_errors(),
                   warnings=decoded.warnings() + ([script_warning] if script_warning else []))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").translate(_WEB_SPACING).split("\n")
    lines = join_preview_chunks(split_flattened_paragraphs(drop_double_spacing(page_breaks_for_numbers(lines))))
    # (a converter's spaces out after its line breaks are mended: a wrapped line's width is as it wrote it)
    lines, doc.converter_spaced = converter_spaces_out(hard_wrapped_lines_joined(lines))
    lines = rows_apart(wrapped_rows_joined(lines))
    lines = glued_tables_apart(inline_tables_apart(markdown_rows_apart(keyed_rows_as_pipes(lines))))
    lines = broken_row_names_joined(stacked_headers_joined(rules_inside_tables_dropped(tab_stops_collapsed(lines))))
    _parse_lines(doc, lines)
    if not doc.blocks:
        raise IngestError("file has no text", code="empty")
    return doc


def _parse_lines(doc: Document, written: list) -> None:
    # tables are found and read in lines whose full-width figures (１２０．５０) are folded,
    # whose units stand by their figures (100 % is one cell) and whose totals' names are written
    # together (合  计), as their cells are normalised anyway; a paragraph keeps its line as
    # written (raw), but for a label's letter-spacing (项 目 名 称)
    written = [unspaced_label(line) for line in written]
    lines = [total_names_joined(units_joined(fold_figure_characters(line))) for line in written]
    i = 0
    paragraph: list = []  # pending lines of a paragraph broken mid-sentence

    def flush():
        if paragraph:
            add_text_block(doc, "".join(paragraph))
            paragraph.clear()

    plain_until = 0  # lines up to here looked like pipe rows but hold no table
    while i < len(lines):
        line = lines[i]
        sheet_rows = csv_rows_at(lines, i)
        if sheet_rows is not None:
            flush()
            rows, i = sheet_rows
            emit_sheet_tables(doc, rows)
            continue
        found = _text_table_at(lines, i) if i >= plain_until else None
        if found is not None and found.rows:
            flush()
            # rows written out cell by cell: a short row is padded, not read as a spanning header
            emit_table(doc, found.rows, infer_spans=False, columns_kept=every_cell_kept(lines[i:found.end]))
            i = found.end
            continue
        if found is not None and (unpiped := _cells_closed_by_pipes(lines, i, found.end)) is not None:
            # one cell a line, each closed by a pipe, with no run of pipes to say where rows end:
            # the cells as plain lines, for the readers of tables one cell a line
            lines[i:found.end] = unpiped
            written[i:found.end] = unpiped
            continue
        if found is not None:
            plain_until = found.end
        if line.startswith("\t") and not tab_region_is_rows(lines, i):
            flush()
            i = read_cell_table(doc, lines, i)
            continue
        if "\t" in line.strip("\t ") or (line.startswith("\t") and line.count("\t") > 1 and line.strip()):
            # (a line of tabs alone is a sheet's empty row: a blank line, below)
            flush()
            i = read_row_table(doc, lines, i)
            continue
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        # a table one cell a line: a report's score table (its rows laid out whole), else one
        # whose rows repeat a pattern
        cell_table, whole_rows = cell_score_table_at(lines, i), True
        if cell_table is None:
            cell_table, whole_rows = cell_line_table_at(lines, i), False
        if cell_table is None:  # (the smallest: names over their figures, labels each with one)
            cell_table, whole_rows = (names_over_figures(lines, i, lambda: _text_above(doc)) or labelled_figures(lines, i, lambda: _text_above(doc))
                                      or named_row_under_unit_caption(lines, i, lambda: _text_above(doc))), True
        if cell_table is not None:
            flush()
            rows, i = cell_table
            emit_table(doc, rows, infer_spans=False, columns_kept=whole_rows)
            continue
        if paragraph and (not continues_sentence(fold_figure_characters(paragraph[-1]), stripped)
                          or _cell_after_a_cell(lines, i, len(paragraph), stripped)):
            flush()
        # (a row run together that ends in a figure right after another's unit, …31.84万人8, then
        # the next row opening with digits, 0-6岁儿童…: the line break kept as a space, lest the
        # two figures read as one 80)
        gap = " " if paragraph and figure_cell_ends(paragraph[-1]) and stripped[:1].isdigit() else ""
        paragraph.append(gap + written[i].strip())
        if SENTENCE_END.search(stripped) or len(stripped) < SHORT_LINE:
            flush()
        i += 1
    flush()


def _cell_after_a_cell(lines: list, i: int, pending: int, line: str) -> bool:
    """Is line i a short bare name (组织实施) after one pending line that itself came right after
    a figure alone on its line (…| 3 | 2所学校资助资金未在规定时间内发放 |)? Cells one a line, a
    row's reason then the next level's name: no sentence broken between them."""
    if pending != 1 or not is_bare_name(line):
        return False
    filled = [k for k in range(i - 1, max(-1, i - 8), -1) if lines[k].strip()]  # (blank lines between, double-spaced)
    return len(filled) >= 2 and is_figure_alone(lines[filled[1]])


_POINTS_HEADERS = frozenset(load_json("text_tables.json")["points_headers"])
_CELL_CLOSED_BY_PIPE = regex.compile(r"[^|｜]*[^|｜\s][^|｜]*[|｜]\s*")


def _cells_closed_by_pipes(lines: list, i: int, end: int):
    """Lines i..end without their closing pipes where each is one cell closed by a pipe (项目名称 |
    / 益阳市…项目 | / 一级指标 | / 分值 |, blank lines between allowed) and they hold a score
    table's header; None otherwise."""
    region = lines[i:end]
    filled = [line for line in region if line.strip()]
    if len(filled) < 4 or not all(_CELL_CLOSED_BY_PIPE.fullmatch(line) for line in filled):
        return None
    cells = [regex.sub(r"\s*[|｜]\s*$", "", line) for line in region]
    # (only a score table's cells: its header says where its rows end, where other cells one a
    # line with no run of pipes closing their rows leave no grid to rebuild)
    if not (any(_LEVEL_HEADER.fullmatch(c.strip()) for c in cells) and any(c.strip() in _POINTS_HEADERS for c in cells)):
        return None
    return cells


def _text_above(doc: Document):
    """The text of the document's last block, when it is text (no table)."""
    return doc.blocks[-1].text if doc.blocks and doc.blocks[-1].kind != TABLE else None


def _text_table_at(lines: list, i: int):
    """A pipe table, or a table of rows spaced into cells, starting at line i, its cells'
    names made its header where each cell writes one (分值：20). Lines with tabs are the
    flattened shapes' (below) unless spaces separate cells in them too."""
    table = _table_at(lines, i)
    return names_as_header(table) if table is not None else None


def _table_at(lines: list, i: int):
    line = lines[i]
    if starts_pipe_table(lines, i):
        return pipe_table_at(lines, i)
    if "\t" in line and not could_be_spaced_row(line.replace("\t", "\n")):
        return None  # tabs alone: the shapes below
    if could_be_spaced_row(line):
        return _no_score_table_piece(spaced_table_at(lines, i) or one_space_table_at(lines, i))
    if " " in line.strip() or "\u3000" in line.strip():  # (a full-width space between cells too)
        return spaced_score_table_at(lines, i) or space_run_table_at(lines, i) \
            or _no_score_table_piece(one_space_table_at(lines, i))
    return None


# a score table's header words: 一级指标 | 二级指标 | 三级指标
_LEVEL_HEADER = regex.compile(r"[一二三]级指标")
_FEWEST_SCORE_ROWS = 3


def _no_score_table_piece(table):
    """The table, unless it is a piece of a score table: fewer rows than any score table has,
    under an indicator header (一级指标 …) or with a scoring rule in a cell (得满分, 每…扣1分),
    where spacing that does not line up cut the table short. The score-table readers read
    those lines by type (extract/text_score_tables.py)."""
    if table is None or len(table.rows) > _FEWEST_SCORE_ROWS:
        return table
    if any(_LEVEL_HEADER.search(cell) for cell in table.rows[0]) \
            or any(is_criteria(cell) for row in table.rows for cell in row):
        return None
    return table
